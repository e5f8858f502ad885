/**
 * A site's edits of the rule table (config/plan-rules.json, format in README "Plan suggestions"): disable a rule,
 * replace its physician or patient text, or change a parameter the rule declares, within its stated range. Every
 * problem is reported (the plan view shows them); a malformed entry is left out, never half-applied.
 */
import { isRecord } from '../chart/codes.ts';
import { RETEST_RULES, RULES } from './rules/index.ts';
import type { RuleParams, SiteRuleConfig, SiteRuleOverride } from './types.ts';

export const NO_SITE_RULES: SiteRuleConfig = { rules: {} };

const ALL_IDS = new Set([...RULES.map((r) => r.id), ...RETEST_RULES.map((r) => r.id)]);
const FIELDS = new Set(['enabled', 'physicianText', 'patientText', 'params', '$comment']);

/** Checks one override against its rule; returns the errors (empty when it can be applied as is). */
function overrideErrors(id: string, o: SiteRuleOverride): string[] {
  if (!ALL_IDS.has(id)) return [`plan rules: "${id}" is not a rule id`];
  const params = RULES.find((r) => r.id === id)?.params ?? {};
  return Object.entries(o.params ?? {}).flatMap(([name, value]) => {
    const spec = params[name];
    if (!spec) return [`plan rules: "${id}.params.${name}" is not a parameter of this rule${Object.keys(params).length ? ` (has ${Object.keys(params).join(', ')})` : ''}`];
    return value >= spec.min && value <= spec.max ? [] : [`plan rules: "${id}.params.${name}" = ${value} is outside ${spec.min}–${spec.max} (${spec.description})`];
  });
}

/** Parses and validates the site file. */
export function parsePlanRules(json: unknown): { config: SiteRuleConfig; errors: string[] } {
  if (!isRecord(json)) return { config: NO_SITE_RULES, errors: ['plan rules: top level must be an object'] };
  const errors: string[] = Object.keys(json).filter((k) => k !== 'rules' && k !== '$comment').map((k) => `plan rules: unknown section "${k}"`);
  const raw = json.rules ?? {};
  if (!isRecord(raw)) return { config: NO_SITE_RULES, errors: [...errors, 'plan rules: "rules" must be an object'] };
  const rules: Record<string, SiteRuleOverride> = {};
  for (const [id, entry] of Object.entries(raw)) {
    const problems = shapeErrors(id, entry);
    if (problems.length === 0 && isRecord(entry)) {
      const o = toOverride(entry);
      const semantic = overrideErrors(id, o);
      if (semantic.length === 0) rules[id] = o;
      errors.push(...semantic);
    }
    errors.push(...problems);
  }
  return { config: { rules }, errors };
}

function shapeErrors(id: string, entry: unknown): string[] {
  if (!isRecord(entry)) return [`plan rules: "${id}" must be an object`];
  const out = Object.keys(entry).filter((k) => !FIELDS.has(k)).map((k) => `plan rules: "${id}.${k}" is not a known field (enabled, physicianText, patientText, params)`);
  if (entry.enabled !== undefined && typeof entry.enabled !== 'boolean') out.push(`plan rules: "${id}.enabled" must be true or false`);
  for (const f of ['physicianText', 'patientText'] as const) {
    if (entry[f] !== undefined && (typeof entry[f] !== 'string' || entry[f] === '')) out.push(`plan rules: "${id}.${f}" must be a non-empty string`);
  }
  if (entry.params !== undefined) {
    if (!isRecord(entry.params)) out.push(`plan rules: "${id}.params" must be an object`);
    else for (const [k, v] of Object.entries(entry.params)) if (typeof v !== 'number' || !Number.isFinite(v)) out.push(`plan rules: "${id}.params.${k}" must be a number`);
  }
  return out;
}

function toOverride(entry: Record<string, unknown>): SiteRuleOverride {
  const params = isRecord(entry.params) ? Object.fromEntries(Object.entries(entry.params).filter((e): e is [string, number] => typeof e[1] === 'number')) : undefined;
  return {
    ...(typeof entry.enabled === 'boolean' ? { enabled: entry.enabled } : {}),
    ...(typeof entry.physicianText === 'string' ? { physicianText: entry.physicianText } : {}),
    ...(typeof entry.patientText === 'string' ? { patientText: entry.patientText } : {}),
    ...(params ? { params } : {}),
  };
}

/** A config built in code (not from the file) is checked the same way; invalid overrides are dropped with their errors. */
export function validSiteRules(config: SiteRuleConfig | undefined): { rules: Record<string, SiteRuleOverride>; errors: string[] } {
  const rules: Record<string, SiteRuleOverride> = {};
  const errors: string[] = [];
  for (const [id, o] of Object.entries(config?.rules ?? {})) {
    const e = overrideErrors(id, o);
    if (e.length === 0) rules[id] = o;
    errors.push(...e);
  }
  return { rules, errors };
}

/** The rule's parameters with the site's values applied. */
export function paramsOf(ruleId: string, override: SiteRuleOverride | undefined): RuleParams {
  const declared = RULES.find((r) => r.id === ruleId)?.params ?? {};
  return { ...Object.fromEntries(Object.entries(declared).map(([k, p]) => [k, p.value])), ...(override?.params ?? {}) };
}
