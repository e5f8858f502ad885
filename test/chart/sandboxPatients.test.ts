import { describe, expect, it } from 'vitest';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import type { ChartFacts, Fact } from '../../src/chart/types.ts';
import { sandboxChart } from './fixtures.ts';

// The sandbox's synthetic edge-case patients, built for a fixed day, through the fact builder.
const NOW = new Date('2026-03-10T15:00:00Z');
const resources = buildSandboxResources(NOW);

const chartOf = (patientId: string): ChartData => sandboxChart(resources, patientId);
const facts = (id: string) => buildFacts(chartOf(id), NOW);
const known = <T,>(f: Fact<T>): T => {
  if (f.state !== 'known') throw new Error(`expected a known fact, got unknown: ${f.reason}`);
  return f.value;
};
const num = (f: ChartFacts[keyof ChartFacts]) => (known(f as Fact<{ value: number }>)).value;

describe('sandbox edge-case patients', () => {
  it('typical-woman: complete recent values, never smoker, no diabetes', () => {
    const f = facts('typical-woman');
    expect(num(f.age)).toBe(55);
    expect(known(f.sex)).toBe('female');
    expect(num(f.totalCholesterol)).toBe(186);
    expect(num(f.systolicBP)).toBe(118);
    expect(known(f.smoker)).toBe(false);
    expect(known(f.diabetes)).toBe(false);
    expect(known(f.onBPTreatment)).toBe(false);
    expect(f.egfr.state === 'known' && f.egfr.origin).toBe('chart');
    // Mother's hypertension is not ASCVD.
    expect(known(f.familyHistoryPrematureAscvd)).toBe(false);
  });

  it('smoker-diabetic: current smoker, diabetes, on BP treatment (lisinopril, amlodipine), father MI at 54', () => {
    const f = facts('smoker-diabetic');
    expect(known(f.smoker)).toBe(true);
    expect(known(f.diabetes)).toBe(true);
    expect(known(f.onBPTreatment)).toBe(true);
    expect(f.onBPTreatment.state === 'known' && f.onBPTreatment.note).toBe('lisinopril, amlodipine');
    expect(known(f.drugs).map((d) => d.ingredient).sort()).toEqual(['amlodipine', 'lisinopril', 'metformin']);
    expect(known(f.familyHistoryPrematureAscvd)).toBe(true);
    expect(num(f.hdl)).toBe(36);
  });

  it('ckd-3b: eGFR derived by CKD-EPI 2021 from creatinine 1.35 (no eGFR observation), ACR 85 mg/g, stage 3b', () => {
    const f = facts('ckd-3b');
    expect(f.egfr.state === 'known' && f.egfr.origin).toBe('derived');
    // 142 × (1.35/0.7)^−1.2 × 0.9938^68 × 1.012 = 142 × 0.4547 × 0.6551 × 1.012 = 42.8
    expect(num(f.egfr)).toBeCloseTo(142 * (1.35 / 0.7) ** -1.2 * 0.9938 ** 68 * 1.012, 6);
    expect(num(f.egfr)).toBeCloseTo(42.8, 1);
    expect(num(f.uacr)).toBe(85);
    expect(known(f.ckdStage)).toBe('3b');
    expect(known(f.smokingStatus)).toBe('former');
    expect(known(f.smoker)).toBe(false);
  });

  it('si-units: every SI lab converted to the canonical unit', () => {
    const f = facts('si-units');
    expect(num(f.totalCholesterol)).toBeCloseTo(5.6 * 38.665, 1);
    expect(num(f.hdl)).toBeCloseTo(58.0, 1);
    expect(num(f.ldl)).toBeCloseTo(131.5, 1);
    expect(num(f.triglycerides)).toBeCloseTo(132.9, 1);
    expect(num(f.creatinine)).toBeCloseTo(0.792, 3);
    expect(num(f.hba1c)).toBeCloseTo(5.45, 2);
    expect(num(f.uacr)).toBeCloseTo(9.72, 2);
  });

  it('ascvd-statin: past (inactive) MI still counts as ASCVD; atorvastatin 80 mg daily is high intensity', () => {
    const f = facts('ascvd-statin');
    expect(known(f.ascvd)).toBe(true);
    expect(known(f.onStatin)).toBe(true);
    expect(known(f.statin)).toEqual({ ingredient: 'atorvastatin', doseMg: 80, doseBasis: 'daily-dose', intensity: 'high' });
    // The stopped simvastatin and completed clopidogrel are history, not current drugs.
    expect(known(f.drugs).map((d) => d.ingredient).sort()).toEqual(['aspirin', 'atorvastatin', 'lisinopril', 'metoprolol']);
    expect(num(f.ldl)).toBe(70);
  });

  it('stale-missing: stale lipids and BP are used and marked stale; HDL, smoking, HbA1c unknown', () => {
    const f = facts('stale-missing');
    expect(f.totalCholesterol.state === 'known' && f.totalCholesterol.staleness?.level).toBe('old');
    expect(f.systolicBP.state === 'known' && f.systolicBP.staleness?.level).toBe('stale');
    expect(f.hdl.state).toBe('unknown');
    expect(f.smoker.state).toBe('unknown');
    expect(f.hba1c.state).toBe('unknown');
    expect(f.bmi.state).toBe('unknown');
    expect(f.diabetes).toMatchObject({ state: 'known', value: false, note: 'no HbA1c on file' });
  });

  it('race from the US Core race extension: white, Black, Asian as recorded; stale-missing not recorded', () => {
    expect(facts('typical-woman').race).toMatchObject({ state: 'known', origin: 'chart', value: ['white'], note: 'White', sources: [{ resourceType: 'Patient', id: 'typical-woman' }] });
    expect(known(facts('ldl-190').race)).toEqual(['black']);
    expect(known(facts('statin-intolerance').race)).toEqual(['asian']);
    expect(facts('stale-missing').race).toMatchObject({ state: 'unknown', reason: 'race not recorded' });
  });

  it('slco1b1: rs4149056 T/C reported as decreased function', () => {
    const f = facts('slco1b1');
    expect(known(f.slco1b1)).toEqual({ phenotype: 'decreased function' });
    expect(f.slco1b1.state === 'known' && f.slco1b1.sources).toHaveLength(2);
  });

  it('statin-intolerance: class-level statin intolerance from AllergyIntolerance; metformin plus a diagnosis gives diabetes', () => {
    const f = facts('statin-intolerance');
    expect(known(f.statinIntolerance)).toBe(true);
    expect(known(f.onStatin)).toBe(false);
    expect(known(f.diabetes)).toBe(true);
    expect(f.diabetes.state === 'known' && f.diabetes.origin).toBe('chart');
  });

  it('bp-panel: BP only as 85354-9 panels gives the latest reading and the 12-month mean', () => {
    const f = facts('bp-panel');
    expect(num(f.systolicBP)).toBe(142);
    expect(num(f.diastolicBP)).toBe(88);
    expect(f.systolicBP.state === 'known' && f.systolicBP.origin === 'chart' && f.systolicBP.summary12Months).toEqual({ mean: (142 + 138 + 144) / 3, count: 3, complete: true });
  });

  it('data-quality: entered-in-error LDL and absent HDL are rejected; the older valid values apply', () => {
    const f = facts('data-quality');
    expect(num(f.ldl)).toBe(118);
    expect(num(f.hdl)).toBe(58);
    expect(num(f.totalCholesterol)).toBe(196);
    expect(f.ldl.rejected.map((r) => r.reason)).toContain('status "entered-in-error" is not a final result');
  });

  it('cyp2c19-poor: CYP2C19 *2/*2 reported as poor metabolizer; ASCVD, on clopidogrel, aspirin and atorvastatin 40 mg (high intensity)', () => {
    const f = facts('cyp2c19-poor');
    expect(known(f.cyp2c19)).toEqual({ diplotype: '*2/*2', phenotype: 'poor metabolizer' });
    expect(f.cyp2c19.state === 'known' && f.cyp2c19.sources).toHaveLength(2);
    expect(known(f.ascvd)).toBe(true);
    expect(known(f.drugs).map((d) => d.ingredient).sort()).toEqual(['aspirin', 'atorvastatin', 'clopidogrel']);
    expect(known(f.statin)).toEqual({ ingredient: 'atorvastatin', doseMg: 40, doseBasis: 'daily-dose', intensity: 'high' });
    expect(known(f.drugAllergies)).toEqual([]);
  });

  it('acei-angioedema: lisinopril allergy (ACE inhibitor, high criticality); CKD G3a, eGFR 55, ACR 120; on amlodipine only', () => {
    const f = facts('acei-angioedema');
    expect(known(f.drugAllergies).map(({ source, ...a }) => a)).toEqual([{ display: 'Lisinopril', type: 'allergy', drugClass: 'aceInhibitor', ingredient: 'lisinopril', criticality: 'high' }]);
    expect(known(f.statinIntolerance)).toBe(false);
    expect(known(f.ckdStage)).toBe('3a');
    // CKD-EPI 2021 (sandbox lab report): 142 × (1.1/0.7)^−1.2 × 0.9938^66 × 1.012 = 142 × 0.5813 × 0.6634 × 1.012 = 55.4 → 55.
    expect(num(f.egfr)).toBe(55);
    expect(num(f.uacr)).toBe(120);
    expect(known(f.drugs).map((d) => d.ingredient)).toEqual(['amlodipine']);
    expect(known(f.onBPTreatment)).toBe(true);
  });

  it('home-bp: office SBP 142 (mean of 142 and 143) stays office-only; 14 home readings average 128/80', () => {
    const f = facts('home-bp');
    expect(num(f.systolicBP)).toBe(142);
    expect(f.systolicBP.state === 'known' && f.systolicBP.origin === 'chart' && f.systolicBP.summary12Months).toEqual({ mean: 142.5, count: 2, complete: true });
    // Newest home reading (yesterday) 126; 1792 / 14 = 128 and 1120 / 14 = 80.
    expect(num(f.homeSystolicBP)).toBe(126);
    expect(f.homeSystolicBP.state === 'known' && f.homeSystolicBP.origin === 'chart' && f.homeSystolicBP.summary12Months).toEqual({ mean: 128, count: 14, complete: true });
    expect(f.homeDiastolicBP.state === 'known' && f.homeDiastolicBP.origin === 'chart' && f.homeDiastolicBP.summary12Months).toEqual({ mean: 80, count: 14, complete: true });
    expect(known(f.onBPTreatment)).toBe(false);
  });

  it('only home-bp has home readings; only cyp2c19-poor a CYP2C19 result', () => {
    for (const id of ['typical-woman', 'bp-panel', 'heavy-chart', 'slco1b1']) {
      expect(facts(id).homeSystolicBP.state, id).toBe('unknown');
      expect(facts(id).cyp2c19.state, id).toBe('unknown');
    }
  });

  it('heavy-chart: builds facts from thousands of observations', () => {
    const chart = chartOf('heavy-chart');
    expect(chart.observations.length).toBeGreaterThan(5000);
    const f = buildFacts(chart, NOW);
    expect(f.systolicBP.state).toBe('known');
    expect(f.systolicBP.state === 'known' && f.systolicBP.origin === 'chart' && f.systolicBP.summary12Months?.count).toBeGreaterThan(100);
  });
});
