import { derivedBmi, derivedEgfr, smokerFact } from './buildFacts.ts';
import type { ChartFacts, EnteredFact, FactKey, FactValue } from './types.ts';

/** A clinician's value for one fact, in the fact's canonical unit. Lives only in the session. */
export interface Entry<K extends FactKey = FactKey> {
  value: FactValue<K>;
  enteredAt: string;
}

export type Entries = { [K in FactKey]?: Entry<K> };

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
      sources: replaces.sources, rejected: replaces.rejected, replaces: replaces as EnteredFact<unknown>['replaces'],
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
