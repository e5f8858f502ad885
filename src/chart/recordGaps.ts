import { OBSERVATION_CONCEPTS } from './valueSets/observations.ts';
import type { ChartFacts, Fact, FactKey, KnownFact, RecordGap, RecordKind } from './types.ts';

/** Each kind of record in running text, for reasons such as "laboratory results failed to load". */
export const RECORD_LABEL: Record<RecordKind, string> = {
  patient: 'patient demographics',
  laboratory: 'laboratory results',
  'vital-signs': 'vital signs',
  'social-history': 'social history',
  genomics: 'genomic results',
  conditions: 'problems and diagnoses',
  medications: 'medications',
  allergies: 'allergies',
  familyHistory: 'family history',
};

const QUANTITY_RECORDS = Object.fromEntries(OBSERVATION_CONCEPTS.map((c) => [c.key, [c.category]])) as Record<(typeof OBSERVATION_CONCEPTS)[number]['key'], RecordKind[]>;

/** The kinds of record each fact is read from, as buildFacts reads them (derived facts: those of their inputs). */
export const FACT_RECORDS: Record<FactKey, readonly RecordKind[]> = {
  ...QUANTITY_RECORDS,
  // eGFR is also calculated from creatinine, age and sex; BMI from weight and height (both vital signs).
  egfr: ['laboratory', 'patient'],
  age: ['patient'], sex: ['patient'], race: ['patient'], deceased: ['patient'],
  smokingStatus: ['social-history'], smoker: ['social-history'],
  pregnant: ['social-history', 'conditions'],
  // Diabetes: a diagnosis, an HbA1c ≥ 6.5 % or a diabetes-specific drug (buildFacts diabetesFact).
  diabetes: ['conditions', 'medications', 'laboratory'],
  hypertension: ['conditions'], ckdStage: ['conditions'], ascvd: ['conditions'], heartFailure: ['conditions'],
  atrialFibrillation: ['conditions'], familialHypercholesterolaemia: ['conditions'],
  familyHistoryPrematureAscvd: ['familyHistory'],
  onBPTreatment: ['medications'], onStatin: ['medications'], statin: ['medications'], drugs: ['medications'],
  statinIntolerance: ['allergies'], drugAllergies: ['allergies'],
  slco1b1: ['genomics'], cyp2c19: ['genomics'],
};

/** Counts of the lists an absence rests on, as the clinician would check them. */
export interface ListCounts {
  conditions: number;
  prescriptions: number;
  allergies: number;
  familyHistory: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const LIST_TEXT: Partial<Record<RecordKind, (c: ListCounts) => string>> = {
  conditions: (c) => `${plural(c.conditions, 'problem or diagnosis', 'problems or diagnoses')} on file`,
  medications: (c) => `${plural(c.prescriptions, 'prescription or medication statement', 'prescriptions or medication statements')} on file`,
  allergies: (c) => `${plural(c.allergies, 'allergy record', 'allergy records')} on file`,
  familyHistory: (c) => `${plural(c.familyHistory, 'family history record', 'family history records')} on file`,
};

/** A "no" or "none" that no record backs: it rests only on what was not found. */
function restsOnAbsence(fact: Fact<unknown>): fact is KnownFact<unknown> {
  if (fact.state !== 'known' || fact.origin === 'entered' || fact.sources.length > 0) return false;
  return fact.value === false || fact.value === null || (Array.isArray(fact.value) && fact.value.length === 0);
}

const GAP_ORDER: readonly RecordGap[] = ['failed', 'loading', 'unavailable'];

function gapReason(status: RecordGap, records: readonly RecordKind[]): string {
  const names = records.map((r) => RECORD_LABEL[r]);
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  if (status === 'loading') return `${list} still loading`;
  if (status === 'failed') return `${list} failed to load`;
  return `${list} not available on this server`;
}

/**
 * Says why facts cannot be read while records they come from are loading, failed or are not offered: an unknown fact
 * gets that as its reason (never "no result"), and a "no" that rests only on absence becomes unknown, since the
 * missing records may hold what would make it "yes". Values that records back are kept, even from a search still
 * paging (newest results come first). Marks the remaining absence-only "no"s with the lists they rest on.
 */
export function withRecordGaps(facts: ChartFacts, gaps: Partial<Record<RecordKind, RecordGap>>, counts: ListCounts): ChartFacts {
  const out: Record<string, Fact<unknown>> = { ...facts };
  for (const key of Object.keys(FACT_RECORDS) as FactKey[]) {
    const fact: Fact<unknown> = facts[key];
    const records = FACT_RECORDS[key];
    const status = GAP_ORDER.find((g) => records.some((r) => gaps[r] === g));
    if (status && (fact.state === 'unknown' || restsOnAbsence(fact))) {
      const affected = records.filter((r) => gaps[r] === status);
      // A hint on an unknown fact stays (e.g. "on metformin: confirm"); the note of a "no" described that "no", so it goes.
      const note = fact.state === 'unknown' ? fact.note : undefined;
      out[key] = {
        state: 'unknown', reason: gapReason(status, affected), gap: { status, records: affected }, rejected: fact.rejected, sources: fact.sources,
        ...(note ? { note } : {}),
      };
    } else if (restsOnAbsence(fact)) {
      const lists = records.flatMap((r) => LIST_TEXT[r]?.(counts) ?? []);
      if (lists.length > 0) out[key] = { ...fact, noneRecorded: lists.join(', ') };
    }
  }
  return out as unknown as ChartFacts;
}

/** The lists' sizes as loaded (a MedicationRequest and a MedicationStatement for one drug count twice). */
export function listCounts(chart: { conditions: readonly unknown[]; medicationRequests: readonly unknown[]; medicationStatements: readonly unknown[]; allergies: readonly unknown[]; familyHistory: readonly unknown[] }): ListCounts {
  return {
    conditions: chart.conditions.length,
    prescriptions: chart.medicationRequests.length + chart.medicationStatements.length,
    allergies: chart.allergies.length,
    familyHistory: chart.familyHistory.length,
  };
}
