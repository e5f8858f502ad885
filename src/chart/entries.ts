import { derivedBmi, derivedEgfr, smokerFact } from './buildFacts.ts';
import { isRecord } from './codes.ts';
import { OBSERVATION_CONCEPTS } from './valueSets/observations.ts';
import type { ChartFacts, EnteredFact, FactKey, FactValue, OmbRace } from './types.ts';

/** A clinician's value for one fact, in the fact's canonical unit. Lives only in the session. */
export interface Entry<K extends FactKey = FactKey> {
  value: FactValue<K>;
  enteredAt: string;
}

export type Entries = { [K in FactKey]?: Entry<K> };

const BOOLEAN_KEYS = new Set<FactKey>([
  'smoker', 'pregnant', 'diabetes', 'hypertension', 'ascvd', 'heartFailure', 'atrialFibrillation',
  'familialHypercholesterolaemia', 'familyHistoryPrematureAscvd', 'onBPTreatment', 'onStatin', 'statinIntolerance',
]);
const CHOICES: Partial<Record<FactKey, readonly string[]>> = {
  sex: ['female', 'male'],
  smokingStatus: ['current', 'former', 'never'],
  ckdStage: ['1', '2', '3', '3a', '3b', '4', '5'],
};
/**
 * The races a clinician can enter: the Pooled Cohort Equations have white and African-American equations, and use the
 * white ones for every other race (Goff 2013). Stored as a one-element list, like a chart fact with one category.
 */
export const RACE_ENTRY_CHOICES = ['white', 'black', 'other'] as const satisfies readonly OmbRace[];
const UNITS: Partial<Record<FactKey, string>> = { age: 'a', ...Object.fromEntries(OBSERVATION_CONCEPTS.map((c) => [c.key, c.unit])) };

/** Whether a stored value has the fact's type (a finite quantity in its canonical unit, a boolean, or a listed choice). */
function validValue(key: FactKey, value: unknown): boolean {
  if (BOOLEAN_KEYS.has(key)) return typeof value === 'boolean';
  if (key === 'race') return Array.isArray(value) && value.length === 1 && RACE_ENTRY_CHOICES.some((r) => r === value[0]);
  const choices = CHOICES[key];
  if (choices) return typeof value === 'string' && choices.includes(value);
  const unit = UNITS[key];
  return unit !== undefined && isRecord(value) && value.unit === unit && typeof value.value === 'number' && Number.isFinite(value.value);
}

/**
 * Reads entries back from session storage, keeping only well-formed ones: storage is outside the app's control,
 * and a wrong type or unit must never reach the risk code as an "entered" fact.
 */
export function parseEntries(json: unknown): Entries {
  if (!isRecord(json)) return {};
  const out: Record<string, Entry> = {};
  for (const [key, entry] of Object.entries(json)) {
    if (isRecord(entry) && typeof entry.enteredAt === 'string' && validValue(key as FactKey, entry.value)) {
      out[key] = { value: entry.value as FactValue<FactKey>, enteredAt: entry.enteredAt };
    }
  }
  return out as Entries;
}

/**
 * Overlays the clinician's entries on the chart facts. Each entered fact keeps what the chart said (`replaces`) and
 * its sources, so both stay visible; facts derived from an entered input (eGFR, BMI, smoker) are re-derived unless
 * they came straight from the chart or were entered themselves.
 */
export function applyEntries(facts: ChartFacts, entries: Entries, now: Date): ChartFacts {
  const out: Record<string, unknown> = { ...facts };
  for (const key of Object.keys(entries) as FactKey[]) {
    const entry = entries[key];
    if (!entry) continue;
    const replaces = facts[key];
    const entered: EnteredFact<unknown> = {
      state: 'known', origin: 'entered', value: entry.value, enteredAt: entry.enteredAt, date: entry.enteredAt,
      sources: replaces.sources, rejected: replaces.rejected, replaces,
    };
    out[key] = entered;
  }
  const merged = out as unknown as ChartFacts;
  const fromChart = (key: FactKey) => facts[key].state === 'known' && (facts[key] as { origin?: string }).origin === 'chart';
  const rederive = (key: FactKey) => !entries[key] && !fromChart(key);
  if (rederive('egfr') && (entries.creatinine || entries.age || entries.sex)) merged.egfr = derivedEgfr(merged.creatinine, merged.age, merged.sex, facts.egfr);
  if (rederive('bmi') && (entries.weight || entries.height)) merged.bmi = derivedBmi(merged.weight, merged.height, facts.bmi, now);
  if (!entries.smoker && entries.smokingStatus) merged.smoker = smokerFact(merged.smokingStatus);
  return merged;
}
