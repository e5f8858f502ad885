/**
 * The suggestions engine: runs every rule of the table over the patient's facts and risks, picks for each matched
 * rule the first activity no check rules out, lists every ruled-out one with its reason, merges rules that propose
 * the same treatment, adds "repeat the test" for missing or stale facts that would change a decision, and orders the
 * result by expected benefit (therapy-impact ARR), then class of recommendation. Pure: no React, no network.
 */
import { cautionsFor, generalChecks } from './checks.ts';
import { drugText } from './drugs.ts';
import { dedupeNeeds } from './predicates.ts';
import { RETEST_RULES, RULES, type RetestRule } from './rules/index.ts';
import { labTest } from './rules/common.ts';
import { paramsOf, validSiteRules } from './siteConfig.ts';
import type { Activity, FactNeed, NotSuggested, PlanContext, PlanSuggestions, Proposal, Rule, SiteRuleOverride, Strength, Suggestion } from './types.ts';

interface Ranked {
  suggestion: Suggestion;
  order: number;
  group?: string;
}

/** Strength for ordering: ACC/AHA I, KDIGO 1, ADA A, CPIC strong first; III (harm) last. */
export function strengthRank(s: Strength): number {
  const cor = s.cor.toLowerCase();
  if (cor.startsWith('iii')) return 0;
  if (cor === 'i' || cor === '1' || cor === 'a' || cor.startsWith('strong')) return 3;
  if (cor === 'iia' || cor === 'b' || cor.startsWith('moderate')) return 2;
  return 1;
}
const INTENSITY_RANK = { low: 0, moderate: 1, high: 2 } as const;

const activityLabel = (a: Activity) => (a.kind === 'medication' && a.ingredient ? drugText(a) : a.code.display);

function withSiteText(text: string, replacement: string | undefined, triggers: readonly string[]): string {
  return replacement ? replacement.replaceAll('{triggers}', triggers.join('; ')) : text;
}

function benefitOf(ctx: PlanContext, rule: Rule): Suggestion['benefit'] {
  const projection = rule.therapy ? ctx.therapy?.projections.find((p) => p.therapies.length === 1 && p.therapies[0] === rule.therapy) : undefined;
  return projection && rule.therapy
    ? { therapy: rule.therapy, absoluteReduction: projection.absoluteReduction, numberNeededToTreat: projection.numberNeededToTreat, label: projection.label }
    : undefined;
}

function build(ctx: PlanContext, rule: Rule, proposal: Proposal, activity: Activity, triggers: string[], override: SiteRuleOverride | undefined, id: string, personalisation: string[]): Suggestion {
  const benefit = benefitOf(ctx, rule);
  return {
    id, ruleId: rule.id, topic: rule.topic, title: rule.title, activity,
    physicianText: withSiteText(proposal.physicianText(activity), override?.physicianText, triggers),
    patientText: withSiteText(proposal.patientText(activity), override?.patientText, triggers),
    recommendation: rule.recommendation, citation: rule.citation, strength: rule.strength, verification: rule.verification,
    triggers, ...(proposal.goal ? { goal: proposal.goal } : {}), sharedDecision: rule.sharedDecision ?? false,
    personalisation: [...(proposal.personalisation ?? []), ...personalisation], cautions: cautionsFor(ctx.facts, activity), alsoSupportedBy: [],
    ...(benefit ? { benefit } : {}),
  };
}

/** One rule: its condition, its proposal, and the options the checks leave. */
function runRule(ctx: PlanContext, rule: Rule, order: number, override: SiteRuleOverride | undefined, out: { suggestions: Ranked[]; notSuggested: (NotSuggested & { order: number; group?: string })[]; needs: { need: FactNeed; rule: Rule }[] }): void {
  const params = paramsOf(rule.id, override);
  const finding = rule.when(ctx, params);
  if (finding.truth === 'no') return;
  out.needs.push(...finding.needs.filter((n) => finding.truth === 'unknown' || n.why === 'stale').map((need) => ({ need, rule })));
  if (finding.truth === 'unknown') return;
  const proposal = rule.propose(ctx, finding, params);
  const triggers = finding.evidence;
  const [first] = proposal.options;
  if (!first) return;
  if (proposal.suppressed) {
    out.notSuggested.push({ suggestion: build(ctx, rule, proposal, first, triggers, override, rule.id, []), because: proposal.suppressed, order, ...(rule.group ? { group: rule.group } : {}) });
    return;
  }
  const rejected: { activity: Activity; reason: string }[] = [];
  let chosen: Activity | undefined;
  for (const activity of proposal.options) {
    const general = generalChecks(ctx.facts, activity);
    const reason = general?.reason ?? rule.checks?.map((check) => check(ctx, activity, params)).find((r) => r !== undefined);
    if (reason === undefined) {
      chosen = activity;
      break;
    }
    rejected.push({ activity, reason });
    if (general?.met) break; // the need is already met: an alternative would duplicate it
  }
  const idOf = (a: Activity) => (proposal.options.length > 1 ? `${rule.id}:${a.ingredient ?? a.code.code}` : rule.id);
  if (chosen) {
    const passedOver = rejected.map((r) => `${activityLabel(r.activity)} not suggested: ${r.reason}`);
    out.suggestions.push({ suggestion: build(ctx, rule, proposal, chosen, triggers, override, rule.id, passedOver), order, ...(rule.group ? { group: rule.group } : {}) });
  }
  for (const r of rejected) {
    const instead = chosen ? `; suggested instead: ${activityLabel(chosen)}` : '';
    out.notSuggested.push({ suggestion: build(ctx, rule, proposal, r.activity, triggers, override, idOf(r.activity), []), because: `${r.reason}${instead}`, order, ...(rule.group ? { group: rule.group } : {}) });
  }
}

/** Repeat-test suggestions: one per test, naming the missing/stale facts and the decisions they would settle. */
function retests(needs: readonly { need: FactNeed; rule: Rule }[], overrides: Record<string, SiteRuleOverride>): Suggestion[] {
  return RETEST_RULES.flatMap((t: RetestRule) => {
    const mine = needs.filter((n) => t.facts.includes(n.need.fact));
    if (mine.length === 0 || overrides[t.id]?.enabled === false) return [];
    const details = dedupeNeeds(mine.map((n) => n.need)).map((n) => `${n.why === 'missing' ? 'missing' : 'stale'}: ${n.detail}`);
    const decides = [...new Set(mine.map((n) => n.rule.title))];
    const physician = `${t.title}: ${details.join('; ')}. It would decide: ${decides.join('; ')}.`;
    return [{
      id: t.id, ruleId: t.id, topic: 'repeat-test', title: `Repeat or obtain: ${t.title}`, activity: labTest(t.test),
      physicianText: withSiteText(physician, overrides[t.id]?.physicianText, details), patientText: withSiteText(t.patientText, overrides[t.id]?.patientText, details),
      recommendation: t.recommendation, citation: t.citation, strength: t.strength, verification: t.verification, triggers: details,
      sharedDecision: false, personalisation: [], cautions: [], alsoSupportedBy: [],
    } satisfies Suggestion];
  });
}

/** Of rules that propose the same treatment, keep the strongest (highest statin intensity, then class), naming the rest. */
function mergeGroups<T extends { suggestion: Suggestion; order: number; group?: string }>(items: readonly T[]): T[] {
  const better = (a: T, b: T) => {
    const ia = a.suggestion.activity.intensity ? INTENSITY_RANK[a.suggestion.activity.intensity] : -1;
    const ib = b.suggestion.activity.intensity ? INTENSITY_RANK[b.suggestion.activity.intensity] : -1;
    return ia !== ib ? ia > ib : strengthRank(a.suggestion.strength) !== strengthRank(b.suggestion.strength) ? strengthRank(a.suggestion.strength) > strengthRank(b.suggestion.strength) : a.order < b.order;
  };
  const out: T[] = [];
  for (const item of items) {
    const i = item.group ? out.findIndex((o) => o.group === item.group && o.suggestion.ruleId !== item.suggestion.ruleId && ('because' in o ? 'because' in item && o.because === item.because : !('because' in item))) : -1;
    const existing = i >= 0 ? out[i] : undefined;
    if (!existing) {
      out.push(item);
      continue;
    }
    const [keep, drop] = better(item, existing) ? [item, existing] : [existing, item];
    const s = keep.suggestion;
    const merged = { ...keep, suggestion: { ...s, alsoSupportedBy: [...s.alsoSupportedBy, `${drop.suggestion.ruleId}: ${drop.suggestion.title} (${drop.suggestion.strength.cor}, ${drop.suggestion.strength.loe})`, ...drop.suggestion.alsoSupportedBy], triggers: [...new Set([...s.triggers, ...drop.suggestion.triggers])] } };
    out[i] = merged;
  }
  return out;
}

export function suggestPlan(ctx: PlanContext): PlanSuggestions {
  const site = validSiteRules(ctx.site);
  const acc: Parameters<typeof runRule>[4] = { suggestions: [], notSuggested: [], needs: [] };
  RULES.forEach((rule, order) => {
    const override = site.rules[rule.id];
    if (override?.enabled !== false) runRule(ctx, rule, order, override, acc);
  });
  const ranked = mergeGroups(acc.suggestions).sort((a, b) => {
    const arr = (a.suggestion.benefit?.absoluteReduction ?? -1) - (b.suggestion.benefit?.absoluteReduction ?? -1);
    if (arr !== 0) return -arr;
    const strength = strengthRank(b.suggestion.strength) - strengthRank(a.suggestion.strength);
    return strength !== 0 ? strength : a.order - b.order;
  });
  return {
    suggestions: [...ranked.map((r) => r.suggestion), ...retests(acc.needs, site.rules)],
    notSuggested: mergeGroups(acc.notSuggested).sort((a, b) => a.order - b.order).map(({ suggestion, because }) => ({ suggestion, because })),
    configErrors: site.errors,
  };
}
