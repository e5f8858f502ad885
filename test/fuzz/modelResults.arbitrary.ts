/** Random model results as the plan engine and the write-back read them: each model absent, not applicable, or a number. */
import fc from 'fast-check';
import { MODEL_IDS, type ModelId, type RiskKey, type ScoreResult } from '../../src/risk/types.ts';

/** The risks each model reports (models/<id>/card.json `risks`). */
const RISKS: Record<ModelId, readonly RiskKey[]> = {
  pce: ['ascvd_10y'], prevent: ['cvd_10y', 'ascvd_10y', 'hf_10y', 'cvd_30y', 'ascvd_30y', 'hf_30y'],
  kfre4: ['kidney_failure_2y', 'kidney_failure_5y'], kfre8: ['kidney_failure_2y', 'kidney_failure_5y'],
};

function resultOf(model: ModelId): fc.Arbitrary<ScoreResult | undefined> {
  const n = RISKS[model].length;
  return fc.oneof(
    fc.constant(undefined),
    fc.constant<ScoreResult>({ model, applicable: false, reason: 'not applicable', variant: 'fuzz', risks: {} }),
    fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { minLength: n, maxLength: n })
      .map((values): ScoreResult => ({ model, applicable: true, reason: '', variant: 'fuzz', risks: Object.fromEntries(RISKS[model].map((k, i) => [k, values[i]])) })),
  );
}

export const modelResults: fc.Arbitrary<Partial<Record<ModelId, ScoreResult>>> = fc
  .tuple(...MODEL_IDS.map(resultOf))
  .map((results) => Object.fromEntries(results.flatMap((r) => (r ? [[r.model, r]] : []))));
