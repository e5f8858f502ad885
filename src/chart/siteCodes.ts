import { SYSTEM, isRecord, type CodeRef } from './codes.ts';
import { OBSERVATION_CONCEPTS, type ObservationConcept } from './valueSets/observations.ts';
import { CONDITION_CONCEPTS, type ConditionConcept, type ConditionKey } from './valueSets/conditions.ts';
import { DRUG_CLASSES, ingredientCode, type DrugClass } from './valueSets/medications.ts';
import { RXNORM_PRODUCTS } from './valueSets/rxnormProducts.ts';
import { SMOKING_ANSWERS } from './valueSets/social.ts';
import type { QuantityKey, SmokingStatus } from './types.ts';

/**
 * A site's local codes (config/site-codes.json, format in README.md ("Adding a site's local codes")). They extend the shipped value sets;
 * they never replace or remove a shipped code.
 */
export interface SiteCodes {
  observations: Partial<Record<QuantityKey, CodeRef[]>>;
  conditions: Partial<Record<ConditionKey, CodeRef[]>>;
  /** Local product codes, keyed by RxNorm ingredient name as listed in valueSets/medications.ts. */
  drugs: Record<string, CodeRef[]>;
  smokingAnswers: Partial<Record<SmokingStatus, CodeRef[]>>;
}

/** A drug code resolved to its class and ingredient. */
export interface DrugCode {
  ref: CodeRef;
  classKey: string;
  ingredient: string;
  /** For a product code: the ingredient's strength per unit (mg), from the product table. */
  strengthMg?: number;
}

/** The value sets the fact builder reads: shipped codes plus the site's. Site codes carry `site: true` for provenance. */
export interface ValueSets {
  observations: readonly ObservationConcept[];
  conditions: readonly ConditionConcept[];
  drugCodes: readonly DrugCode[];
  smokingAnswers: readonly { ref: CodeRef; status: SmokingStatus }[];
}

export const NO_SITE_CODES: SiteCodes = { observations: {}, conditions: {}, drugs: {}, smokingAnswers: {} };

const OBS_KEYS = new Set<string>(OBSERVATION_CONCEPTS.map((c) => c.key));
const CONDITION_KEYS = new Set<string>(CONDITION_CONCEPTS.map((c) => c.key));
const INGREDIENTS = new Set(DRUG_CLASSES.flatMap((d) => d.ingredients.map((i) => i.name)));
const SMOKING = new Set<string>(['current', 'former', 'never']);
const KNOWN_SECTIONS = new Set(['$comment', 'observations', 'conditions', 'drugs', 'smokingAnswers']);

/** Validates the site file; unknown keys and malformed codes are reported, not ignored. */
export function parseSiteCodes(json: unknown): { codes: SiteCodes; errors: string[] } {
  const errors: string[] = [];
  if (!isRecord(json)) return { codes: NO_SITE_CODES, errors: ['site codes: top level must be an object'] };
  for (const key of Object.keys(json)) {
    if (!KNOWN_SECTIONS.has(key)) errors.push(`site codes: unknown section "${key}"`);
  }
  const section = (name: string, allowed: Set<string>): Record<string, CodeRef[]> => {
    const raw = json[name];
    const out: Record<string, CodeRef[]> = {};
    if (raw === undefined) return out;
    if (!isRecord(raw)) {
      errors.push(`site codes: "${name}" must be an object`);
      return out;
    }
    for (const [key, list] of Object.entries(raw)) {
      if (!allowed.has(key)) {
        errors.push(`site codes: "${name}.${key}" is not a known concept`);
        continue;
      }
      if (!Array.isArray(list)) {
        errors.push(`site codes: "${name}.${key}" must be a list`);
        continue;
      }
      out[key] = list.flatMap((entry, i) => {
        if (isRecord(entry) && typeof entry.system === 'string' && entry.system !== '' && typeof entry.code === 'string' && entry.code !== '') {
          return [{ system: entry.system, code: entry.code, ...(typeof entry.display === 'string' ? { display: entry.display } : {}) }];
        }
        errors.push(`site codes: "${name}.${key}[${i}]" needs non-empty "system" and "code" strings`);
        return [];
      });
    }
    return out;
  };
  return {
    codes: {
      observations: section('observations', OBS_KEYS),
      conditions: section('conditions', CONDITION_KEYS),
      drugs: section('drugs', INGREDIENTS),
      smokingAnswers: section('smokingAnswers', SMOKING),
    },
    errors,
  };
}

const site = (refs: CodeRef[] | undefined): CodeRef[] => (refs ?? []).map((r) => ({ ...r, site: true }));

export function valueSetsWith(codes: SiteCodes): ValueSets {
  const shippedDrugs = DRUG_CLASSES.flatMap((d) =>
    d.ingredients.map((i) => ({ ref: ingredientCode(i.rxcui, i.name), classKey: d.key, ingredient: i.name })),
  );
  // Product codes (SCD/SBD/SCDC) resolve to their ingredients; a combination product gives one entry per ingredient.
  const shippedProducts = RXNORM_PRODUCTS.flatMap((p) =>
    p.ingredients.flatMap(({ ingredient, mg }) => {
      const cls = classOf(ingredient);
      const ref: CodeRef = { system: SYSTEM.rxnorm, code: p.rxcui, display: p.name };
      return cls ? [{ ref, classKey: cls.key, ingredient, ...(mg !== undefined ? { strengthMg: mg } : {}) }] : [];
    }),
  );
  const siteDrugs = Object.entries(codes.drugs).flatMap(([ingredient, refs]) => {
    const cls = classOf(ingredient);
    return cls ? site(refs).map((ref) => ({ ref, classKey: cls.key, ingredient })) : [];
  });
  return {
    observations: OBSERVATION_CONCEPTS.map((c) => ({ ...c, codes: [...c.codes, ...site(codes.observations[c.key])] })),
    conditions: CONDITION_CONCEPTS.map((c) => ({ ...c, codes: [...c.codes, ...site(codes.conditions[c.key])] })),
    drugCodes: [...shippedDrugs, ...shippedProducts, ...siteDrugs],
    smokingAnswers: [
      ...SMOKING_ANSWERS,
      ...(['current', 'former', 'never'] as const).flatMap((status) => site(codes.smokingAnswers[status]).map((ref) => ({ ref, status }))),
    ],
  };
}

function classOf(ingredient: string): DrugClass | undefined {
  return DRUG_CLASSES.find((d) => d.ingredients.some((i) => i.name === ingredient));
}

export const DEFAULT_VALUE_SETS: ValueSets = valueSetsWith(NO_SITE_CODES);
