import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskEngine } from '../../src/risk/engine.ts';
import type { ModelId, RiskInputs, ScoreResult } from '../../src/risk/types.ts';
import { nodeEngine, pp } from './engine.ts';
import { preventRisk, type RefPrevent } from './reference.ts';

let engine: RiskEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});
const one = async (model: ModelId, inputs: RiskInputs): Promise<ScoreResult> => (await engine.score([{ model, inputs }]))[0]!;

const PCE: RiskInputs = { age: 55, sex: 'female', race: 'white', totalCholesterol: 213, hdl: 50, systolicBP: 120, onBPTreatment: false, smoker: false, diabetes: false };
const PREVENT: RefPrevent = { age: 50, sex: 'female', totalCholesterol: 200, hdl: 45, systolicBP: 160, onBPTreatment: true, onStatin: false, diabetes: true, smoker: false, bmi: 35, egfr: 90 };
const KFRE: RiskInputs = { age: 60, sex: 'male', egfr: 30, uacr: 300, albumin: 4, phosphate: 4, bicarbonate: 24, calcium: 9.4 };

describe('PCE applicability', () => {
  it.each([
    [39, false],
    [40, true],
    [79, true],
    [80, false],
  ])('age %i → applicable %s', async (age, ok) => {
    const r = await one('pce', { ...PCE, age });
    expect(r.applicable).toBe(ok);
    if (!ok) expect(r.reason).toBe('PCE is for ages 40–79');
  });
  it('prior ASCVD is out of scope', async () => {
    const r = await one('pce', { ...PCE, priorASCVD: true });
    expect(r).toMatchObject({ applicable: false, reason: 'prior ASCVD: primary-prevention equations do not apply' });
  });
  it.each([
    ['totalCholesterol', 129, 'totalCholesterol 129 is outside the PCE range 130–320'],
    ['totalCholesterol', 321, 'totalCholesterol 321 is outside the PCE range 130–320'],
    ['hdl', 19, 'hdl 19 is outside the PCE range 20–100'],
    ['systolicBP', 201, 'systolicBP 201 is outside the PCE range 90–200'],
  ])('%s %d is rejected', async (name, value, reason) => {
    expect(await one('pce', { ...PCE, [name]: value })).toMatchObject({ applicable: false, reason });
  });
  it('range edges are inclusive', async () => {
    expect((await one('pce', { ...PCE, totalCholesterol: 130, hdl: 100, systolicBP: 200 })).applicable).toBe(true);
  });
  it('unknown is not false: a missing smoking status is not applicable, not a non-smoker', async () => {
    const { smoker: _omit, ...rest } = PCE;
    expect(await one('pce', rest)).toMatchObject({ applicable: false, reason: 'missing required input: smoker' });
  });
  it('race "other" uses the white equations and says so', async () => {
    const white = await one('pce', PCE);
    const other = await one('pce', { ...PCE, race: 'other' });
    expect(other.risks).toEqual(white.risks);
    expect(other.variant).toBe('white-female');
    expect(other.reason).toMatch(/white equations/);
  });
});

describe('PREVENT applicability', () => {
  it.each([
    [29, false],
    [30, true],
    [79, true],
    [80, false],
  ])('age %i → applicable %s', async (age, ok) => {
    const r = await one('prevent', { ...PREVENT, age });
    expect(r.applicable).toBe(ok);
    if (!ok) expect(r.reason).toBe('PREVENT is for ages 30–79');
  });
  it('30-year risks only for ages 30–59', async () => {
    const at59 = await one('prevent', { ...PREVENT, age: 59 });
    const at60 = await one('prevent', { ...PREVENT, age: 60 });
    expect(Object.keys(at59.risks).sort()).toEqual(['ascvd_10y', 'ascvd_30y', 'cvd_10y', 'cvd_30y', 'hf_10y', 'hf_30y']);
    expect(Object.keys(at60.risks).sort()).toEqual(['ascvd_10y', 'cvd_10y', 'hf_10y']);
    expect(at60.reason).toBe('30-year risks are given for ages 30–59 only');
  });
  it.each([
    ['systolicBP', 201],
    ['systolicBP', 89],
    ['egfr', 14],
    ['egfr', 141],
  ])('%s %d is outside the PREVENT range', async (name, value) => {
    const r = await one('prevent', { ...PREVENT, [name]: value });
    expect(r.applicable).toBe(false);
    expect(r.reason).toContain(`${name} ${value} is outside the PREVENT range`);
  });
  it.each([4.4, 15.1])('HbA1c %d (outside 4.5–15 %%): the model without the HbA1c add-on, and the result says so', async (hba1c) => {
    // The optional add-on is left out, as if HbA1c were not measured: the base equations, hence the published S12 figures.
    const r = await one('prevent', { ...PREVENT, hba1c });
    expect(r.applicable).toBe(true);
    expect(r.reason).toBe(`hba1c ${hba1c} is outside the PREVENT HbA1c add-on range 4.5–15: computed without the HbA1c add-on`);
    expect(pp(r.risks.cvd_10y!, 0.1468)).toBeLessThanOrEqual(0.1);
    expect(pp(r.risks.ascvd_10y!, 0.092)).toBeLessThanOrEqual(0.1);
    const inRange = await one('prevent', { ...PREVENT, hba1c: 4.5 });
    expect(inRange.reason).toBe('');
    expect(inRange.risks.cvd_10y).not.toBe(r.risks.cvd_10y);
  });
  it.each([0.05, 30000])('UACR %d mg/g (outside 0.1–25,000): the model without the UACR add-on, and the result says so', async (uacr) => {
    // As for HbA1c: the optional add-on is left out as if UACR were not measured, so the base equations' S12 figures.
    const r = await one('prevent', { ...PREVENT, uacr });
    expect(r.applicable).toBe(true);
    expect(r.variant).toBe('base');
    expect(r.reason).toBe(`uacr ${uacr} is outside the PREVENT UACR add-on range 0.1–25000: computed without the UACR add-on`);
    expect(pp(r.risks.cvd_10y!, 0.1468)).toBeLessThanOrEqual(0.1);
  });
  it('SBP 181–200 is inside the PREVENT equations\' range (90–200; preventr\'s 180 cap is its own choice)', async () => {
    for (const systolicBP of [90, 181, 200]) expect((await one('prevent', { ...PREVENT, systolicBP })).applicable).toBe(true);
  });
  it.each([40, 18.4])('BMI %d (outside 18.5–39.9): total CVD and ASCVD still given, heart failure withheld', async (bmi) => {
    // BMI is a term of the HF equations only (AHAprevent likewise computes CVD/ASCVD whatever the BMI).
    const r = await one('prevent', { ...PREVENT, bmi });
    expect(r.applicable).toBe(true);
    expect(Object.keys(r.risks).sort()).toEqual(['ascvd_10y', 'ascvd_30y', 'cvd_10y', 'cvd_30y']);
    expect(r.reason).toBe(`bmi ${bmi} is outside the PREVENT heart-failure range 18.5–39.9`);
    expect(pp(r.risks.cvd_10y!, 0.1468)).toBeLessThanOrEqual(0.1);
    expect(pp(r.risks.ascvd_10y!, 0.092)).toBeLessThanOrEqual(0.1);
  });
  it('without BMI: total CVD and ASCVD (whose equations have no BMI term), no heart-failure risk', async () => {
    const { bmi: _omit, ...rest } = PREVENT;
    const r = await one('prevent', rest);
    expect(Object.keys(r.risks).sort()).toEqual(['ascvd_10y', 'ascvd_30y', 'cvd_10y', 'cvd_30y']);
    expect(r.reason).toBe('heart-failure risk needs BMI');
    // BMI does not change CVD or ASCVD, so the published S12 figures still hold.
    expect(pp(r.risks.cvd_10y!, 0.1468)).toBeLessThanOrEqual(0.1);
  });
  it('prior ASCVD is out of scope', async () => {
    expect((await one('prevent', { ...PREVENT, priorASCVD: true })).reason).toBe('prior ASCVD: primary-prevention equations do not apply');
  });
});

describe('PREVENT add-on handling (Khan 2024 model types, missing-value terms)', () => {
  it.each([
    [{}, 'base'],
    [{ uacr: 40 }, 'base+uacr'],
    [{ hba1c: 7.5 }, 'base+hba1c'],
    [{ uacr: 40, hba1c: 7.5 }, 'full (uacr+hba1c, sdi missing)'],
  ])('%j → %s', async (addOns, variant) => {
    const r = await one('prevent', { ...PREVENT, ...addOns });
    expect(r.variant).toBe(variant);
    expect(pp(r.risks.cvd_10y!, preventRisk({ ...PREVENT, ...addOns }, 'cvd', 10))).toBeLessThanOrEqual(0.05);
  });
  it('an add-on changes the estimate (albuminuria raises it), a missing one is not treated as normal', async () => {
    const base = (await one('prevent', PREVENT)).risks.cvd_10y!;
    const high = (await one('prevent', { ...PREVENT, uacr: 300 })).risks.cvd_10y!;
    const low = (await one('prevent', { ...PREVENT, uacr: 5 })).risks.cvd_10y!;
    expect(high).toBeGreaterThan(base);
    expect(low).toBeLessThan(high);
    expect(low).not.toBeCloseTo(base, 3);
  });
  it('HbA1c acts through the diabetes-specific term', async () => {
    const dm = (await one('prevent', { ...PREVENT, hba1c: 9 })).risks.cvd_10y!;
    const noDm = (await one('prevent', { ...PREVENT, diabetes: false, hba1c: 9 })).risks.cvd_10y!;
    expect(pp(dm, preventRisk({ ...PREVENT, hba1c: 9 }, 'cvd', 10))).toBeLessThanOrEqual(0.05);
    expect(pp(noDm, preventRisk({ ...PREVENT, diabetes: false, hba1c: 9 }, 'cvd', 10))).toBeLessThanOrEqual(0.05);
  });
});

describe('KFRE applicability', () => {
  it.each([
    [60, false, 'KFRE is for CKD G3–G5 (eGFR < 60 mL/min/1.73 m²)'],
    [59.9, true, ''],
    [10, true, ''],
    [9.9, false, 'egfr 9.9 is outside the KFRE 4-variable range 10–59'],
  ])('eGFR %d → applicable %s', async (egfr, ok, reason) => {
    const r = await one('kfre4', { ...KFRE, egfr, region: 'north-america' });
    expect(r.applicable).toBe(ok);
    expect(r.reason).toBe(reason);
  });
  it('adults only', async () => {
    expect(await one('kfre4', { ...KFRE, age: 17 })).toMatchObject({ applicable: false, reason: 'KFRE 4-variable is for ages ≥ 18' });
  });
  it('a zero lab value is a data error', async () => {
    expect(await one('kfre8', { ...KFRE, albumin: 0 })).toMatchObject({ applicable: false, reason: 'albumin must be above 0' });
    expect(await one('kfre4', { ...KFRE, uacr: 0 })).toMatchObject({ applicable: false, reason: 'uacr must be above 0 mg/g (the equation uses its logarithm)' });
  });
  it('8-variable needs the four labs', async () => {
    const { calcium: _omit, ...rest } = KFRE;
    expect(await one('kfre8', rest)).toMatchObject({ applicable: false, reason: 'missing required input: calcium' });
  });
  it('region defaults to North America and says so; the non-North-American calibration lowers 4-variable risk', async () => {
    const na = await one('kfre4', KFRE);
    const other = await one('kfre4', { ...KFRE, region: 'other' });
    expect(na.variant).toBe('4-variable, North America calibration');
    expect(na.reason).toBe('region not given: North America calibration');
    expect(other.variant).toBe('4-variable, non-North America calibration');
    expect(other.risks.kidney_failure_2y!).toBeLessThan(na.risks.kidney_failure_2y!);
  });
});

describe('batch scoring', () => {
  it('keeps request order across models and mixes applicable and not-applicable results', async () => {
    const results = await engine.score([
      { model: 'kfre4', inputs: KFRE },
      { model: 'pce', inputs: { ...PCE, age: 20 } },
      { model: 'prevent', inputs: PREVENT },
      { model: 'pce', inputs: PCE },
    ]);
    expect(results.map((r) => [r.model, r.applicable])).toEqual([
      ['kfre4', true],
      ['pce', false],
      ['prevent', true],
      ['pce', true],
    ]);
  });
});
