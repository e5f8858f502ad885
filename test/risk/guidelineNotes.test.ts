import { describe, expect, it } from 'vitest';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import type { ChartFacts } from '../../src/chart/types.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import { gfrCategory, guidelineNotes } from '../../src/risk/guidelineNotes.ts';
import type { GuidelineNote } from '../../src/risk/viewModel.ts';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { ALL_LOADED, chart, condition, medRequest, NOW, obs, patient, sandboxChart, ucum } from '../chart/fixtures.ts';

const SCT = 'http://snomed.info/sct';
/** Birth date giving `age` whole years on NOW (2026-06-15): born a month before the birthday's date. */
const born = (age: number): string => `${2026 - age}-05-15`;
const notesFor = (parts: Partial<ChartData>): GuidelineNote[] => {
  const facts: ChartFacts = buildFacts(chart(parts), NOW);
  return guidelineNotes(facts, chartInputs(facts, { kfreRegion: 'north-america' }));
};
const ids = (notes: GuidelineNote[]) => notes.map((n) => n.id);
const ldl = (v: number) => obs('13457-7', ucum(v, 'mg/dL'), { days: 30 });
const MI = condition(SCT, '22298006');
const DIABETES = condition(SCT, '44054006');

describe('guidelineNotes', () => {
  it('nothing for a patient none of the rules covers', () => {
    expect(notesFor({ patient: patient('female', born(55)), observations: [ldl(120)] })).toEqual([]);
  });

  describe('clinical ASCVD → secondary prevention (2018 cholesterol guideline)', () => {
    it('age ≤ 75: high-intensity statin, COR I, LOE A, with the patient’s numbers', () => {
      const notes = notesFor({
        patient: patient('male', born(66)), observations: [ldl(70)],
        conditions: [{ ...MI, code: { coding: [{ system: SCT, code: '22298006', display: 'Myocardial infarction' }] } }],
        medicationRequests: [medRequest('259255', 'atorvastatin 80 MG Oral Tablet', { dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }] }] })],
      });
      expect(ids(notes)).toEqual(['secondary-prevention']);
      const [n] = notes;
      expect(n?.text).toContain('Clinical ASCVD (myocardial infarction)');
      expect(n?.text).toContain('Age 66 (≤ 75): high-intensity statin');
      expect(n?.text).toContain('LDL-C 70 mg/dL');
      expect(n?.text).toContain('on atorvastatin 80 mg (high intensity)');
      expect(n?.citation).toMatch(/2018 AHA\/ACC.*COR I, LOE A$/);
      expect(n?.models).toEqual(['pce', 'prevent']);
    });
    it('age 75 is still ≤ 75; age 76: moderate or high intensity reasonable (IIa, B-R)', () => {
      expect(notesFor({ patient: patient('male', born(75)), conditions: [MI] })[0]?.citation).toMatch(/COR I, LOE A$/);
      const old = notesFor({ patient: patient('male', born(76)), conditions: [MI] })[0];
      expect(old?.text).toContain('Age 76 (> 75): a moderate- or high-intensity statin is reasonable');
      expect(old?.citation).toMatch(/COR IIa, LOE B-R$/);
    });
    it('outranks the primary-prevention groups: no LDL ≥ 190 or diabetes note beside it', () => {
      expect(ids(notesFor({ patient: patient('male', born(50)), conditions: [MI, DIABETES], observations: [ldl(200)] }))).toEqual(['secondary-prevention']);
    });
  });

  describe('LDL-C ≥ 190 mg/dL, age 20–75 → high-intensity statin without a risk estimate (I, B-R)', () => {
    it.each([[190, 44, true], [189, 44, false], [214, 20, true], [214, 19, false], [214, 75, true], [214, 76, false]])('LDL %i at age %i: %s', (value, age, shown) => {
      const notes = notesFor({ patient: patient('male', born(age)), observations: [ldl(value)] });
      expect(ids(notes).includes('ldl-190')).toBe(shown);
    });
    it('says the LDL-C, its date and the age', () => {
      const n = notesFor({ patient: patient('male', born(44)), observations: [ldl(214)] }).find((x) => x.id === 'ldl-190');
      const date = new Date(NOW.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
      expect(n?.text).toBe(`LDL-C 214 mg/dL, ${date} (≥ 190) at age 44: high-intensity statin without a risk estimate; the score is shown but does not decide.`);
      expect(n?.citation).toMatch(/LDL-C ≥ 190 mg\/dL, age 20–75: high-intensity statin, COR I, LOE B-R$/);
    });
    it('age unknown: not claimed', () => {
      expect(notesFor({ patient: patient('male', undefined), observations: [ldl(214)] }).map((n) => n.id)).not.toContain('ldl-190');
    });
  });

  describe('diabetes, age 40–75 → moderate-intensity statin regardless of the score (I, A)', () => {
    it.each([[39, false], [40, true], [75, true], [76, false]])('age %i: %s', (age, shown) => {
      expect(ids(notesFor({ patient: patient('female', born(age)), conditions: [DIABETES] })).includes('diabetes-40-75')).toBe(shown);
    });
    it('text and citation', () => {
      const n = notesFor({ patient: patient('female', born(63)), conditions: [DIABETES] }).find((x) => x.id === 'diabetes-40-75');
      expect(n?.text).toBe('Diabetes at age 63 (40–75): moderate-intensity statin regardless of the 10-year risk score.');
      expect(n?.citation).toMatch(/diabetes, age 40–75: moderate-intensity statin, COR I, LOE A$/);
    });
  });

  it('ASCVD unknown → the score assumes no prior ASCVD', () => {
    const notes = notesFor({ patient: patient('female', born(60)), loaded: { ...ALL_LOADED, conditions: false } });
    expect(ids(notes)).toEqual(['prior-ascvd-unknown']);
    expect(notes[0]?.text).toBe('Prior ASCVD unknown (conditions are not loaded): the scores assume none (primary prevention); with clinical ASCVD, secondary prevention applies instead.');
  });

  describe('CKD G3–G5 → KFRE (KDIGO 2024, 1A)', () => {
    const egfr = (v: number) => obs('98979-8', ucum(v, 'mL/min/{1.73_m2}'), { days: 20 });
    it.each([[59.9, true], [60, false], [12, true]])('eGFR %f: %s', (value, shown) => {
      expect(ids(notesFor({ patient: patient('female', born(68)), observations: [egfr(value)] })).includes('ckd-kfre')).toBe(shown);
    });
    it('with the eGFR, its G category and a staged diagnosis', () => {
      const n = notesFor({ patient: patient('female', born(68)), observations: [egfr(43)], conditions: [condition(SCT, '700379002')] }).find((x) => x.id === 'ckd-kfre');
      expect(n?.text).toBe('CKD stage 3b on the problem list, eGFR 43 mL/min/1.73 m² (G3b): CKD G3–G5, where a validated kidney-failure risk equation (KFRE) is recommended.');
      expect(n?.citation).toMatch(/KDIGO 2024.*1A$/);
      expect(n?.models).toEqual(['kfre4', 'kfre8']);
    });
    it('a stage 3a diagnosis counts even when the latest eGFR is 60 or more', () => {
      expect(ids(notesFor({ patient: patient('female', born(68)), observations: [egfr(62)], conditions: [condition(SCT, '700378005')] }))).toContain('ckd-kfre');
    });
  });

  it.each([[90, 'G1'], [89.9, 'G2'], [60, 'G2'], [59.9, 'G3a'], [45, 'G3a'], [44.9, 'G3b'], [30, 'G3b'], [29.9, 'G4'], [15, 'G4'], [14.9, 'G5']] as const)('KDIGO GFR category of %f is %s', (v, cat) => {
    expect(gfrCategory(v)).toBe(cat);
  });
});

describe('guidelineNotes for a deceased patient', () => {
  it('gives none: no treatment decision is made (the same chart alive gives the secondary-prevention note)', () => {
    const now = new Date();
    const alive = buildFacts(sandboxChart(buildSandboxResources(now), 'ascvd-statin'), now);
    expect(guidelineNotes(alive, chartInputs(alive, { kfreRegion: 'north-america' })).map((n) => n.id)).toContain('secondary-prevention');
    const dead: ChartFacts = { ...alive, deceased: { state: 'known', origin: 'chart', value: true, date: '2025-06-01', sources: [], rejected: [] } };
    const ci = chartInputs(dead, { kfreRegion: 'north-america' });
    expect(ci.deceased).toEqual({ date: '2025-06-01' });
    expect(guidelineNotes(dead, ci)).toEqual([]);
  });
});
