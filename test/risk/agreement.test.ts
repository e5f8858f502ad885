import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskEngine } from '../../src/risk/engine.ts';
import type { ScoreRequest } from '../../src/risk/types.ts';
import { nodeEngine, pp } from './engine.ts';
import { kfreRisk, pceRisk, preventRisk, type RefKfre, type RefPce, type RefPrevent } from './reference.ts';

/**
 * TF.js (float32, committed artifacts, one batched inference) against the float64 reference, on
 * deterministic pseudo-random patients spread over each model's valid ranges.
 */
let engine: RiskEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});

const N = 40;
const sample = <T,>(arb: fc.Arbitrary<T>, seed: number): T[] => fc.sample(arb, { numRuns: N, seed });
const real = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const sex = fc.constantFrom('female' as const, 'male' as const);

async function scoreAll(requests: ScoreRequest[]): Promise<Record<string, number>[]> {
  const results = await engine.score(requests);
  return results.map((r) => {
    if (!r.applicable) throw new Error(r.reason);
    return r.risks as Record<string, number>;
  });
}

describe('agreement with the float64 reference (≤ 0.05 pp)', () => {
  it(`PCE: ${N} patients across all four equations`, async () => {
    const patients: RefPce[] = sample(
      fc.record({
        age: fc.integer({ min: 40, max: 79 }),
        sex,
        race: fc.constantFrom('white' as const, 'black' as const, 'other' as const),
        totalCholesterol: real(130, 320),
        hdl: real(20, 100),
        systolicBP: real(90, 200),
        onBPTreatment: fc.boolean(),
        smoker: fc.boolean(),
        diabetes: fc.boolean(),
      }),
      2013,
    );
    const got = await scoreAll(patients.map((inputs) => ({ model: 'pce', inputs })));
    patients.forEach((p, i) => expect(pp(got[i]!.ascvd_10y!, pceRisk(p))).toBeLessThanOrEqual(0.05));
    expect(new Set(patients.map((p) => `${p.race}${p.sex}`)).size).toBeGreaterThanOrEqual(5);
  });

  it(`PREVENT: ${N} patients per model type, 10- and 30-year, all outcomes`, async () => {
    for (const [seed, addOns] of [[1, {}], [2, { uacr: real(0.1, 25000) }], [3, { hba1c: real(4.5, 15) }], [4, { uacr: real(0.1, 3000), hba1c: real(4.5, 15) }]] as const) {
      const patients: RefPrevent[] = sample(
        fc.record({
          age: fc.integer({ min: 30, max: 79 }),
          sex,
          totalCholesterol: real(130, 320),
          hdl: real(20, 100),
          systolicBP: real(90, 200),
          onBPTreatment: fc.boolean(),
          onStatin: fc.boolean(),
          smoker: fc.boolean(),
          diabetes: fc.boolean(),
          bmi: real(18.5, 39.9),
          egfr: real(15, 140),
          ...addOns,
        }),
        seed,
      );
      const got = await scoreAll(patients.map((inputs) => ({ model: 'prevent', inputs })));
      patients.forEach((p, i) => {
        for (const outcome of ['cvd', 'ascvd', 'hf'] as const) {
          expect(pp(got[i]![`${outcome}_10y`]!, preventRisk(p, outcome, 10))).toBeLessThanOrEqual(0.05);
          if (p.age < 60) expect(pp(got[i]![`${outcome}_30y`]!, preventRisk(p, outcome, 30))).toBeLessThanOrEqual(0.05);
          else expect(got[i]![`${outcome}_30y`]).toBeUndefined();
        }
      });
    }
  });

  for (const id of ['kfre4', 'kfre8'] as const) {
    it(`${id}: ${N} patients, both regions and horizons`, async () => {
      const patients = sample(
        fc.record({
          age: fc.integer({ min: 18, max: 95 }),
          sex,
          egfr: real(10, 59.9),
          uacr: real(1, 5000),
          albumin: real(2, 5),
          phosphate: real(2, 8),
          bicarbonate: real(12, 32),
          calcium: real(7, 11),
          region: fc.constantFrom('north-america' as const, 'other' as const),
        }),
        id === 'kfre4' ? 2011 : 2016,
      );
      const got = await scoreAll(patients.map((inputs) => ({ model: id, inputs })));
      patients.forEach((p: RefKfre & { region: 'north-america' | 'other' }, i) => {
        expect(pp(got[i]!.kidney_failure_2y!, kfreRisk(id, p, p.region, 2))).toBeLessThanOrEqual(0.05);
        expect(pp(got[i]!.kidney_failure_5y!, kfreRisk(id, p, p.region, 5))).toBeLessThanOrEqual(0.05);
      });
    });
  }
});
