import type { RecordGap, RecordKind } from '../../chart/types.ts';
import type { SourceState } from './loadChart.ts';
import type { SourceId } from './searchPlan.ts';

/** The kind of record each search loads (the genomics search is its own kind: a separate query of laboratory results). */
const RECORD_OF: Record<SourceId, RecordKind> = {
  patient: 'patient', labs: 'laboratory', vitals: 'vital-signs', social: 'social-history', survey: 'social-history', genomics: 'genomics',
  conditions: 'conditions', conditionsUncategorised: 'conditions', medicationRequests: 'medications', medicationStatements: 'medications',
  allergies: 'allergies', familyHistory: 'familyHistory',
};

/** A failure outranks loading (retry is the action), loading outranks a search the server does not offer. */
const RANK: Record<RecordGap, number> = { failed: 3, loading: 2, unavailable: 1 };

/**
 * The kinds of record that cannot be read yet, or at all, from the searches' states: a kind is as incomplete as its
 * least complete search. A server without MedicationStatement is complete with MedicationRequest alone (toChartData).
 */
export function recordGaps(states: readonly SourceState[]): Partial<Record<RecordKind, RecordGap>> {
  const gaps: Partial<Record<RecordKind, RecordGap>> = {};
  for (const s of states) {
    const gap: RecordGap | undefined = s.status === 'loading' || s.status === 'failed' ? s.status : s.status === 'skipped' && s.id !== 'medicationStatements' ? 'unavailable' : undefined;
    const kind = recordOf(s.id);
    const current = gaps[kind];
    if (gap && (!current || RANK[gap] > RANK[current])) gaps[kind] = gap;
  }
  return gaps;
}

/** The kind of record a search loads (a failed row's Retry retries the searches of its kinds). */
export function recordOf(id: SourceId): RecordKind {
  return RECORD_OF[id];
}
