import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskEngine } from '../../src/risk/engine.ts';
import type { ApplicableResult, ModelId, RiskInputs } from '../../src/risk/types.ts';
import { nodeEngine } from './engine.ts';
import { kfreCentredLp, pceLinear, preventLogit, type RefPce, type RefPrevent } from './reference.ts';

let engine: RiskEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});
async function explained(model: ModelId, inputs: RiskInputs): Promise<ApplicableResult> {
  const [r] = await engine.score([{ model, inputs, explain: true }]);
  if (!r?.applicable || !r.explanation) throw new Error('no explanation');
  return r;
}
const sum = (o: object): number => Object.values(o as Record<string, number>).reduce((a, b) => a + b, 0);

describe('explanations: per-input contributions on the linear-predictor scale', () => {
  it('PCE: contributions add up to lp(patient) − lp(reference), both matching the reference implementation', async () => {
    const p: RefPce = { age: 67, sex: 'male', race: 'black', totalCholesterol: 250, hdl: 38, systolicBP: 150, onBPTreatment: true, smoker: true, diabetes: true };
    const r = await explained('pce', p);
    const e = r.explanation!.byRisk.ascvd_10y!;
    const ref = { age: 55, totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: false };
    const lpP = pceLinear(p);
    const lpR = pceLinear({ ...ref, sex: 'male', race: 'black' });
    expect(e.linearPredictor).toBeCloseTo(lpP.lp - lpP.mean, 4);
    expect(e.referenceLinearPredictor).toBeCloseTo(lpR.lp - lpR.mean, 4);
    expect(sum(e.contributions)).toBeCloseTo(e.linearPredictor - e.referenceLinearPredictor, 4);
    expect(r.explanation!.reference).toEqual(ref);
  });

  it('an input without interactions gets exactly coefficient × change (PCE white man, diabetes 0.658)', async () => {
    const r = await explained('pce', { age: 55, sex: 'male', race: 'white', totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: true });
    const c = r.explanation!.byRisk.ascvd_10y!.contributions;
    expect(c.diabetes).toBeCloseTo(0.658, 5);
    expect(c.age).toBe(0);
    expect(c.totalCholesterol).toBe(0);
  });

  it('PREVENT: every outcome’s contributions add up, interactions split between their inputs', async () => {
    const p: RefPrevent = { age: 45, sex: 'female', totalCholesterol: 240, hdl: 40, systolicBP: 145, onBPTreatment: true, onStatin: true, diabetes: true, smoker: true, bmi: 33, egfr: 50, uacr: 120, hba1c: 8.1 };
    const r = await explained('prevent', p);
    expect(Object.keys(r.explanation!.byRisk)).toHaveLength(6);
    const ref: RefPrevent = { age: 55, sex: 'female', totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, onStatin: false, diabetes: false, smoker: false, bmi: 25, egfr: 90, uacr: 10, hba1c: 5.3 };
    for (const [key, e] of Object.entries(r.explanation!.byRisk)) {
      const [outcome, h] = key.split('_') as ['cvd' | 'ascvd' | 'hf', string];
      const horizon = h === '10y' ? 10 : 30;
      expect(e.linearPredictor).toBeCloseTo(preventLogit(p, outcome, horizon), 4);
      expect(e.referenceLinearPredictor).toBeCloseTo(preventLogit(ref, outcome, horizon), 4);
      expect(sum(e.contributions)).toBeCloseTo(e.linearPredictor - e.referenceLinearPredictor, 4);
    }
    // HF equations have no cholesterol terms, so cholesterol drives nothing there.
    expect(r.explanation!.byRisk.hf_10y!.contributions.totalCholesterol).toBeUndefined();
    expect(r.explanation!.byRisk.cvd_10y!.contributions.uacr!).toBeGreaterThan(0);
  });

  it('KFRE: the reference is the development cohort mean, so its linear predictor is the published centring (≈ 0)', async () => {
    const p = { age: 72, sex: 'female' as const, egfr: 22, uacr: 900, albumin: 3.5, phosphate: 4.8, bicarbonate: 20, calcium: 8.9 };
    const r = await explained('kfre8', p);
    const e = r.explanation!.byRisk.kidney_failure_2y!;
    expect(e.referenceLinearPredictor).toBeCloseTo(0, 4);
    expect(e.linearPredictor).toBeCloseTo(kfreCentredLp('kfre8', p), 4);
    expect(sum(e.contributions)).toBeCloseTo(e.linearPredictor, 4);
    expect(e.contributions.egfr!).toBeGreaterThan(0); // low eGFR raises risk
  });

  it('explanations are opt-in (what-if batches skip them)', async () => {
    const [r] = await engine.score([{ model: 'kfre4', inputs: { age: 60, sex: 'male', egfr: 30, uacr: 300 } }]);
    expect(r).not.toHaveProperty('explanation');
  });
});
