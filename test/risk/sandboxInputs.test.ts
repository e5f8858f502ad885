/**
 * Facts → model inputs for every sandbox patient. The expected inputs are written by hand from the patient
 * definitions in sandbox/data/patients.ts (values as recorded; SI results converted with the published factors;
 * eGFR and BMI as the sandbox's lab reports them, or CKD-EPI 2021 where only a creatinine exists), not computed
 * with the code under test. The heavy chart's noisy values are read straight from its raw resources instead.
 */
import { describe, expect, it } from 'vitest';
import type { Observation, Resource } from 'fhir/r4';
import { buildSandboxResources, listPatients } from '../../sandbox/data/index.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import type { InputName, RiskInputs } from '../../src/risk/types.ts';
import { sandboxChart } from '../chart/fixtures.ts';

// Any day works: the sandbox's dates are relative to it, and the ages are exact (daysPastBirthday keeps them whole).
const NOW = new Date('2026-03-10T15:00:00Z');
const resources = buildSandboxResources(NOW);
const inputsOf = (id: string) => chartInputs(buildFacts(sandboxChart(resources, id), NOW), { kfreRegion: 'north-america' });

/** 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age [× 1.012 female] (Inker 2021), for charts with no eGFR result. */
const ckdEpi = (scr: number, age: number, female: boolean): number => {
  const r = scr / (female ? 0.7 : 0.9);
  return 142 * Math.min(r, 1) ** (female ? -0.241 : -0.302) * Math.max(r, 1) ** -1.2 * 0.9938 ** age * (female ? 1.012 : 1);
};

/** The newest raw value of a LOINC code for one patient (a stand-alone Observation or a panel component). */
function latestRaw(patientId: string, loinc: string): number {
  const values = resources
    .filter((r: Resource): r is Observation => r.resourceType === 'Observation')
    .filter((o) => o.subject?.reference === `Patient/${patientId}`)
    .flatMap((o) => {
      const own = o.code.coding?.some((c) => c.code === loinc) ? [o.valueQuantity?.value] : [];
      const parts = (o.component ?? []).filter((c) => c.code.coding?.some((x) => x.code === loinc)).map((c) => c.valueQuantity?.value);
      return [...own, ...parts].flatMap((value) => (value === undefined ? [] : [{ at: Date.parse(o.effectiveDateTime ?? ''), value }]));
    })
    .sort((a, b) => b.at - a.at);
  const [newest] = values;
  if (!newest) throw new Error(`no ${loinc} for ${patientId}`);
  return newest.value;
}

/** Numbers to one decimal (the precision shown, and well above the conversion factors' rounding). */
const toTenths = (inputs: RiskInputs) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10) / 10 : v]));

const KFRE_LABS = ['calcium', 'phosphate', 'bicarbonate', 'albumin'] as const;

interface Expected {
  inputs: RiskInputs;
  missing: InputName[];
}

// Cholesterol 1 mmol/L = 38.665 mg/dL (386.65 g/mol); creatinine 1 mg/dL = 88.4 µmol/L; HbA1c % = 0.09148 × mmol/mol + 2.152
// (IFCC–NGSP master equation); UACR 1 mg/mmol = 8.84 mg/g.
const EXPECTED: Record<string, Expected> = {
  'typical-woman': {
    inputs: { age: 55, sex: 'female', race: 'white', totalCholesterol: 186, hdl: 64, systolicBP: 118, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 90, bmi: 23.5, hba1c: 5.3, uacr: 8, priorASCVD: false },
    missing: [...KFRE_LABS],
  },
  'smoker-diabetic': {
    inputs: { age: 61, sex: 'male', race: 'white', totalCholesterol: 236, hdl: 36, systolicBP: 152, onBPTreatment: true, onStatin: false, smoker: true, diabetes: true, egfr: 84, bmi: 31.9, hba1c: 8.2, uacr: 42, priorASCVD: false },
    missing: [...KFRE_LABS],
  },
  'ldl-190': {
    inputs: { age: 44, sex: 'male', race: 'black', totalCholesterol: 292, hdl: 46, systolicBP: 126, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 101, bmi: 25.4, hba1c: 5.4, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'ckd-3b': {
    // No eGFR result: CKD-EPI 2021 from creatinine 1.35 mg/dL, woman aged 68 on the draw date.
    inputs: { age: 68, sex: 'female', race: 'white', totalCholesterol: 205, hdl: 52, systolicBP: 138, onBPTreatment: true, onStatin: false, smoker: false, diabetes: false, egfr: ckdEpi(1.35, 68, true), bmi: 27.3, hba1c: 5.8, uacr: 85, priorASCVD: false },
    missing: [...KFRE_LABS],
  },
  'age-35': {
    inputs: { age: 35, sex: 'male', race: 'black', totalCholesterol: 204, hdl: 47, systolicBP: 124, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 101, bmi: 26.1, hba1c: 5.2, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'age-82': {
    inputs: { age: 82, sex: 'female', race: 'white', totalCholesterol: 212, hdl: 58, systolicBP: 146, onBPTreatment: true, onStatin: false, smoker: false, diabetes: false, egfr: 60, bmi: 24.4, hba1c: 5.9, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'si-units': {
    inputs: {
      age: 59, sex: 'female', race: 'white', totalCholesterol: 5.6 * 38.665, hdl: 1.5 * 38.665, systolicBP: 128, onBPTreatment: false, onStatin: false, smoker: false,
      diabetes: false, egfr: ckdEpi(70 / 88.4, 59, true), bmi: 24.8, hba1c: 0.09148 * 36 + 2.152, uacr: 1.1 * 8.84, priorASCVD: false,
    },
    missing: [...KFRE_LABS],
  },
  'ascvd-statin': {
    inputs: { age: 66, sex: 'male', race: 'white', totalCholesterol: 138, hdl: 42, systolicBP: 128, onBPTreatment: true, onStatin: true, smoker: false, diabetes: false, egfr: 78, bmi: 28.4, hba1c: 5.7, priorASCVD: true },
    missing: ['uacr', ...KFRE_LABS],
  },
  'stale-missing': {
    // Medications and conditions loaded and empty: no BP drug, no statin, no diabetes (no HbA1c either), no ASCVD.
    inputs: { age: 58, sex: 'female', totalCholesterol: 215, systolicBP: 134, onBPTreatment: false, onStatin: false, diabetes: false, priorASCVD: false },
    missing: ['race', 'hdl', 'smoker', 'egfr', 'bmi', 'hba1c', 'uacr', ...KFRE_LABS],
  },
  slco1b1: {
    inputs: { age: 57, sex: 'male', race: 'white', totalCholesterol: 248, hdl: 44, systolicBP: 130, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 90, bmi: 26.5, hba1c: 5.5, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'statin-intolerance': {
    // Asian → the PCE's "other" group; simvastatin was stopped.
    inputs: { age: 63, sex: 'female', race: 'other', totalCholesterol: 238, hdl: 50, systolicBP: 132, onBPTreatment: false, onStatin: false, smoker: false, diabetes: true, egfr: 80, bmi: 28.2, hba1c: 7.1, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'bp-panel': {
    inputs: { age: 52, sex: 'male', race: 'white', totalCholesterol: 210, hdl: 45, systolicBP: 142, onBPTreatment: true, onStatin: false, smoker: false, diabetes: false, egfr: 81, bmi: 29.7, hba1c: 5.6, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'data-quality': {
    // The newest HDL has no value (dataAbsentReason): the older 58 applies; the newest total cholesterol is 196.
    inputs: { age: 60, sex: 'female', race: 'black', totalCholesterol: 196, hdl: 58, systolicBP: 126, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 84, bmi: 24.7, hba1c: 5.6, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'heavy-chart': {
    // Former smoker on lisinopril and atorvastatin with type 2 diabetes; monthly BMP has calcium and CO2 but no phosphate or albumin.
    inputs: {
      age: 64, sex: 'male', race: 'white', totalCholesterol: latestRaw('heavy-chart', '2093-3'), hdl: latestRaw('heavy-chart', '2085-9'), systolicBP: latestRaw('heavy-chart', '8480-6'),
      onBPTreatment: true, onStatin: true, smoker: false, diabetes: true, egfr: latestRaw('heavy-chart', '98979-8'), bmi: latestRaw('heavy-chart', '39156-5'),
      hba1c: latestRaw('heavy-chart', '4548-4'), calcium: latestRaw('heavy-chart', '17861-6'), bicarbonate: latestRaw('heavy-chart', '2028-9'), priorASCVD: false,
    },
    missing: ['uacr', 'phosphate', 'albumin'],
  },
  'cyp2c19-poor': {
    // Asian → the PCE's "other" group; coronary disease is ASCVD; eGFR as the sandbox lab reports it: 142 × (0.95/0.9)^−1.2 × 0.9938^59 = 92.
    inputs: { age: 59, sex: 'male', race: 'other', totalCholesterol: 150, hdl: 45, systolicBP: 126, onBPTreatment: false, onStatin: true, smoker: false, diabetes: false, egfr: 92, bmi: 24.9, hba1c: 5.6, priorASCVD: true },
    missing: ['uacr', ...KFRE_LABS],
  },
  'acei-angioedema': {
    // On amlodipine; lisinopril stopped. eGFR 142 × (1.1/0.7)^−1.2 × 0.9938^66 × 1.012 = 55.
    inputs: { age: 66, sex: 'female', race: 'black', totalCholesterol: 196, hdl: 54, systolicBP: 136, onBPTreatment: true, onStatin: false, smoker: false, diabetes: false, egfr: 55, bmi: 29.4, hba1c: 5.7, uacr: 120, priorASCVD: false },
    missing: [...KFRE_LABS],
  },
  'home-bp': {
    // Office SBP 142, not the home readings (126 latest, 128 mean). eGFR 142 × (0.8/0.7)^−1.2 × 0.9938^48 × 1.012 = 91.
    inputs: { age: 48, sex: 'female', race: 'white', totalCholesterol: 205, hdl: 58, systolicBP: 142, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 91, bmi: 24.8, hba1c: 5.4, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  // The real-world chart shapes (sandbox/data/chartShapes.ts). eGFR as the sandbox lab reports it (rounded CKD-EPI 2021).
  'uncategorised-conditions': {
    // The past stroke is a Condition without category: prior ASCVD. eGFR 142 × (1.0/0.9)^−1.2 × 0.9938^67 = 82; BMI 84 / 1.78² = 26.5.
    inputs: { age: 67, sex: 'male', race: 'white', totalCholesterol: 198, hdl: 48, systolicBP: 136, onBPTreatment: true, onStatin: false, smoker: false, diabetes: false, egfr: 82, bmi: 26.5, hba1c: 5.7, priorASCVD: true },
    missing: ['uacr', ...KFRE_LABS],
  },
  'survey-smoking': {
    // Smoker from the survey-filed status. eGFR 142 × (0.8/0.7)^−1.2 × 0.9938^52 × 1.012 = 89; BMI 66 / 1.63² = 24.8.
    inputs: { age: 52, sex: 'female', race: 'white', totalCholesterol: 214, hdl: 52, systolicBP: 128, onBPTreatment: false, onStatin: false, smoker: true, diabetes: false, egfr: 89, bmi: 24.8, hba1c: 5.5, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'product-statin': {
    // On statin from product code 316672. eGFR 142 × (0.95/0.9)^−1.2 × 0.9938^63 = 90; BMI 80 / 1.75² = 26.1.
    inputs: { age: 63, sex: 'male', race: 'white', totalCholesterol: 176, hdl: 50, systolicBP: 124, onBPTreatment: false, onStatin: true, smoker: false, diabetes: false, egfr: 90, bmi: 26.1, hba1c: 5.6, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'gfr-not-indexed': {
    // The mL/min GFR is refused: CKD-EPI 2021 from creatinine 1.2, woman of 71 = 48.4. BMI 62 / 1.60² = 24.2. Former smoker.
    inputs: { age: 71, sex: 'female', race: 'white', totalCholesterol: 220, hdl: 61, systolicBP: 132, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: ckdEpi(1.2, 71, true), bmi: 24.2, hba1c: 5.8, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
  'same-time-conflict': {
    // Two total cholesterols of one draw disagree: missing; HDL is the corrected 52. eGFR 142 × 0.9938^58 = 99; BMI 88 / 1.82² = 26.6.
    inputs: { age: 58, sex: 'male', race: 'white', hdl: 52, systolicBP: 130, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 99, bmi: 26.6, hba1c: 5.4, priorASCVD: false },
    missing: ['totalCholesterol', 'uacr', ...KFRE_LABS],
  },
  deceased: {
    // Deceased: nothing is passed on to the models (and nothing is listed as missing: entry would not help).
    inputs: {},
    missing: [],
  },
  'low-hba1c': {
    // Asian → "other". HbA1c 4.2 % is passed on as recorded; PREVENT leaves its add-on out. eGFR 142 × 0.9938^48 × 1.012 = 107; BMI 55 / 1.60² = 21.5.
    inputs: { age: 48, sex: 'female', race: 'other', totalCholesterol: 190, hdl: 62, systolicBP: 118, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false, egfr: 107, bmi: 21.5, hba1c: 4.2, priorASCVD: false },
    missing: ['uacr', ...KFRE_LABS],
  },
};

describe('sandbox patients: chart facts → model inputs', () => {
  it('the table covers every sandbox patient', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(listPatients().map((p) => p.id).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (id, expected) => {
    const ci = inputsOf(id);
    const { region, ...inputs } = ci.inputs;
    expect(region).toBe('north-america');
    expect(toTenths(inputs)).toEqual(toTenths(expected.inputs));
    expect(Object.keys(ci.missing).sort()).toEqual([...expected.missing].sort());
    // Every known input is traceable to its fact; every unknown one says why.
    expect(Object.keys(ci.provenance).sort()).toEqual(Object.keys(inputs).sort());
    for (const m of Object.values(ci.missing)) expect(m.reason.length, m.input).toBeGreaterThan(0);
  });
});
