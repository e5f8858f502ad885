/**
 * Published worked cases found in the clinical review (2026-11-25) that the other suites did not yet cover.
 * Each case names its source. Expected values are the published figures; the float64 reference
 * (test/risk/reference.ts) and the TF.js runtime must both reproduce them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskEngine } from '../../src/risk/engine.ts';
import type { RiskInputs } from '../../src/risk/types.ts';
import { nodeEngine, pp } from './engine.ts';
import { kfreRisk, preventLogit, preventRisk, type PreventOutcome, type RefKfre, type RefPrevent } from './reference.ts';

let engine: RiskEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});

async function risks(model: 'prevent' | 'kfre4', inputs: RiskInputs): Promise<Record<string, number>> {
  const [r] = await engine.score([{ model, inputs }]);
  if (!r?.applicable) throw new Error(`not applicable: ${r?.reason}`);
  return r.risks as Record<string, number>;
}

const PREVENT_TABLE = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../models/prevent/coefficients.json'), 'utf8'));
const logit = (p: number): number => Math.log(p / (1 - p));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Tailor has no SDI input, so it runs the full model with "missing SDI". The published full-model example
 * has SDI decile 8; both runs share every other term, so swapping the missing-SDI term for the SDI 7–10
 * term on the log-odds scale (coefficients from models/prevent/coefficients.json) gives the SDI-8 risk.
 */
function withSdiDecile8(riskWithSdiMissing: number, sex: 'female' | 'male', outcome: PreventOutcome, horizon: 10 | 30): number {
  const t = PREVENT_TABLE.tables.find((x: { variant: string; horizonYears: number }) => x.variant === 'full' && x.horizonYears === horizon);
  const c = t.coefficients[sex][outcome] as Record<string, number>;
  return sigmoid(logit(riskWithSdiMissing) - c.sdi_missing! + c.sdi_7_10!);
}

// Khan 2024 worked-example profile (Supplemental Table S12 in the preprint supplement, S25 in the published one):
// age 50, TC 200, HDL 45, SBP 160 treated, no statin, diabetes, non-smoker, BMI 35, eGFR 90; UACR 40 mg/g,
// HbA1c 7.5 %, SDI decile 8. Figures as transcribed in PooledCohort tests/testthat (test-predict_10yr_cvd_risk.R,
// test-predict_10yr_hf_risk.R, test-predict_30yr_ascvd_risk.R) and in shared/reference/risk-models.md §2.2.
const S12: Omit<RefPrevent, 'sex'> = { age: 50, totalCholesterol: 200, hdl: 45, systolicBP: 160, onBPTreatment: true, onStatin: false, diabetes: true, smoker: false, bmi: 35, egfr: 90 };

describe('PREVENT full model (UACR + HbA1c + SDI) against the Khan 2024 worked example, SDI decile 8', () => {
  // 10-year, 4 dp: total CVD, ASCVD, HF. These check every full-model 10-year coefficient the profile touches.
  const cases = [
    ['female', 'cvd', 0.156],
    ['female', 'ascvd', 0.0964],
    ['female', 'hf', 0.0927],
    ['male', 'cvd', 0.1808],
    ['male', 'ascvd', 0.11],
    ['male', 'hf', 0.1206],
  ] as const;
  it.each(cases)('%s %s 10-year: %f', async (sex, outcome, published) => {
    const p: RefPrevent = { ...S12, sex, uacr: 40, hba1c: 7.5 };
    expect(pp(withSdiDecile8(preventRisk(p, outcome, 10), sex, outcome, 10), published)).toBeLessThanOrEqual(0.01);
    const got = (await risks('prevent', p))[`${outcome}_10y`]!;
    expect(pp(withSdiDecile8(got, sex, outcome, 10), published)).toBeLessThanOrEqual(0.01);
  });
  it('the reference implementation swaps exactly the SDI term (sanity check of the helper)', () => {
    const p: RefPrevent = { ...S12, sex: 'male', uacr: 40, hba1c: 7.5 };
    const c = PREVENT_TABLE.tables.find((x: { variant: string; horizonYears: number }) => x.variant === 'full' && x.horizonYears === 10).coefficients.male.cvd;
    expect(logit(withSdiDecile8(preventRisk(p, 'cvd', 10), 'male', 'cvd', 10))).toBeCloseTo(preventLogit(p, 'cvd', 10) - c.sdi_missing + c.sdi_7_10, 9);
  });
});

describe('PREVENT 30-year ASCVD against the Khan 2024 worked example (3 dp), every model type', () => {
  // Published 30-year ASCVD: base 0.354 / 0.349; +UACR 0.363 / 0.355; +HbA1c 0.322 / 0.317; full (SDI 8) 0.344 / 0.338.
  const cases = [
    [{}, 'female', 0.354],
    [{}, 'male', 0.349],
    [{ uacr: 40 }, 'female', 0.363],
    [{ uacr: 40 }, 'male', 0.355],
    [{ hba1c: 7.5 }, 'female', 0.322],
    [{ hba1c: 7.5 }, 'male', 0.317],
  ] as const;
  it.each(cases)('%j %s: %f', async (addOns, sex, published) => {
    const p: RefPrevent = { ...S12, ...addOns, sex };
    // 3-dp figures: allow the rounding half-step (0.05 pp) plus float noise.
    expect(pp(preventRisk(p, 'ascvd', 30), published)).toBeLessThanOrEqual(0.06);
    expect(pp((await risks('prevent', p)).ascvd_30y!, published)).toBeLessThanOrEqual(0.1);
  });
  it.each([
    ['female', 0.344],
    ['male', 0.338],
  ] as const)('full model, SDI decile 8, %s: %f', async (sex, published) => {
    const p: RefPrevent = { ...S12, sex, uacr: 40, hba1c: 7.5 };
    expect(pp(withSdiDecile8(preventRisk(p, 'ascvd', 30), sex, 'ascvd', 30), published)).toBeLessThanOrEqual(0.06);
    expect(pp(withSdiDecile8((await risks('prevent', p)).ascvd_30y!, sex, 'ascvd', 30), published)).toBeLessThanOrEqual(0.1);
  });
});

describe('KFRE 4-variable worked examples (North American calibration)', () => {
  // Clinician Reviews (MDedge), "Kidney Disease Progression: How to Calculate Risk" (Q&A citing Tangri 2011 and
  // kidneyfailurerisk.com): "A 63-year-old woman with a GFR of 45 mL/min and an ACR of 30 mg/g has a 0.4% two-year
  // risk and a 1.3% five-year risk"; "a 55-year-old man with a GFR of 38 mL/min and an ACR of 150 mg/g has a
  // 2.9% two-year risk and a 9% five-year risk". The figures are cut to one decimal (1.36 → 1.3, 2.98 → 2.9).
  const cases: [string, RefKfre, number, number][] = [
    ['woman 63, eGFR 45, ACR 30 mg/g: 0.4 % at 2 years, 1.3 % at 5 years', { age: 63, sex: 'female', egfr: 45, uacr: 30 }, 0.004, 0.013],
    ['man 55, eGFR 38, ACR 150 mg/g: 2.9 % at 2 years, 9 % at 5 years', { age: 55, sex: 'male', egfr: 38, uacr: 150 }, 0.029, 0.09],
  ];
  it.each(cases)('%s', async (_label, p, twoYear, fiveYear) => {
    const ref2 = kfreRisk('kfre4', p, 'north-america', 2);
    const ref5 = kfreRisk('kfre4', p, 'north-america', 5);
    // Published one-decimal figures are truncated, so the exact value lies in [published, published + 0.1 pp).
    for (const [exact, published] of [[ref2, twoYear], [ref5, fiveYear]] as const) {
      expect(exact * 100).toBeGreaterThanOrEqual(published * 100 - 1e-9);
      expect(exact * 100).toBeLessThan(published * 100 + 0.1);
    }
    const got = await risks('kfre4', { ...p, region: 'north-america' });
    expect(pp(got.kidney_failure_2y!, ref2)).toBeLessThanOrEqual(0.05);
    expect(pp(got.kidney_failure_5y!, ref5)).toBeLessThanOrEqual(0.05);
  });
  it('the same patients under the non-North American recalibration get lower risks (Tangri 2016)', async () => {
    for (const [, p] of cases) {
      const na = await risks('kfre4', { ...p, region: 'north-america' });
      const other = await risks('kfre4', { ...p, region: 'other' });
      expect(other.kidney_failure_2y!).toBeLessThan(na.kidney_failure_2y!);
      expect(other.kidney_failure_5y!).toBeLessThan(na.kidney_failure_5y!);
    }
  });
});
