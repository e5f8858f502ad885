import type { Feature } from '../features.ts';
import type { RiskInputs, RiskKey } from '../types.ts';
import { bit, rangeProblem, requireInputs, type ModelDefinition, type RangeRule } from './definition.ts';

/**
 * AHA PREVENT (Khan 2024). One Dense layer with sigmoid activation holds every (model type × sex ×
 * outcome × horizon) logistic equation as a column; the encoded vector is the full model's term list,
 * with the published missing-value terms, and each column's coefficients are 0 for terms its equation lacks.
 */
export interface PreventProfile {
  age: number;
  totalCholesterol: number;
  hdl: number;
  systolicBP: number;
  onBPTreatment: boolean;
  onStatin: boolean;
  smoker: boolean;
  diabetes: boolean;
  bmi: number;
  egfr: number;
  /** null = not measured (the add-on models' "missing" indicator terms). */
  uacr: number | null;
  hba1c: number | null;
}

/** mg/dL → mmol/L for cholesterol, the factor the PREVENT calculator uses (Khan 2024 supplement). */
export const CHOLESTEROL_MG_DL_TO_MMOL_L = 0.02586;

// Predictor transformations: Khan 2024 Supplemental Material (see models/prevent/coefficients.json "terms").
const age10 = (p: PreventProfile): number => (p.age - 55) / 10;
const nonHdl = (p: PreventProfile): number => (p.totalCholesterol - p.hdl) * CHOLESTEROL_MG_DL_TO_MMOL_L - 3.5;
const hdl = (p: PreventProfile): number => (p.hdl * CHOLESTEROL_MG_DL_TO_MMOL_L - 1.3) / 0.3;
const sbpGe110 = (p: PreventProfile): number => (Math.max(p.systolicBP, 110) - 130) / 20;
const bmiGe30 = (p: PreventProfile): number => (Math.max(p.bmi, 30) - 30) / 5;
const egfrLt60 = (p: PreventProfile): number => (Math.min(p.egfr, 60) - 60) / -15;

const LIPIDS = ['totalCholesterol', 'hdl'] as const;

export const PREVENT_FEATURES: readonly Feature<PreventProfile>[] = [
  { name: 'age', inputs: ['age'], value: age10 },
  { name: 'age_sq', inputs: ['age'], value: (p) => age10(p) ** 2 },
  { name: 'non_hdl', inputs: LIPIDS, value: nonHdl },
  { name: 'hdl', inputs: ['hdl'], value: hdl },
  { name: 'sbp_lt110', inputs: ['systolicBP'], value: (p) => (Math.min(p.systolicBP, 110) - 110) / 20 },
  { name: 'sbp_ge110', inputs: ['systolicBP'], value: sbpGe110 },
  { name: 'diabetes', inputs: ['diabetes'], value: (p) => bit(p.diabetes) },
  { name: 'smoker', inputs: ['smoker'], value: (p) => bit(p.smoker) },
  { name: 'bmi_lt30', inputs: ['bmi'], value: (p) => (Math.min(p.bmi, 30) - 25) / 5 },
  { name: 'bmi_ge30', inputs: ['bmi'], value: bmiGe30 },
  { name: 'egfr_lt60', inputs: ['egfr'], value: egfrLt60 },
  { name: 'egfr_ge60', inputs: ['egfr'], value: (p) => (Math.max(p.egfr, 60) - 90) / -15 },
  { name: 'bp_treated', inputs: ['onBPTreatment'], value: (p) => bit(p.onBPTreatment) },
  { name: 'statin', inputs: ['onStatin'], value: (p) => bit(p.onStatin) },
  { name: 'treated_sbp_ge110', inputs: ['onBPTreatment', 'systolicBP'], value: (p) => bit(p.onBPTreatment) * sbpGe110(p) },
  { name: 'statin_non_hdl', inputs: ['onStatin', ...LIPIDS], value: (p) => bit(p.onStatin) * nonHdl(p) },
  { name: 'age_x_non_hdl', inputs: ['age', ...LIPIDS], value: (p) => age10(p) * nonHdl(p) },
  { name: 'age_x_hdl', inputs: ['age', 'hdl'], value: (p) => age10(p) * hdl(p) },
  { name: 'age_x_sbp_ge110', inputs: ['age', 'systolicBP'], value: (p) => age10(p) * sbpGe110(p) },
  { name: 'age_x_diabetes', inputs: ['age', 'diabetes'], value: (p) => age10(p) * bit(p.diabetes) },
  { name: 'age_x_smoker', inputs: ['age', 'smoker'], value: (p) => age10(p) * bit(p.smoker) },
  { name: 'age_x_bmi_ge30', inputs: ['age', 'bmi'], value: (p) => age10(p) * bmiGe30(p) },
  { name: 'age_x_egfr_lt60', inputs: ['age', 'egfr'], value: (p) => age10(p) * egfrLt60(p) },
  // Add-ons with the published missing-value handling: ln(UACR) (0 when missing) plus a missing indicator.
  { name: 'ln_uacr', inputs: ['uacr'], value: (p) => (p.uacr === null ? 0 : Math.log(p.uacr)) },
  { name: 'uacr_missing', inputs: ['uacr'], value: (p) => bit(p.uacr === null) },
  { name: 'hba1c_dm', inputs: ['hba1c', 'diabetes'], value: (p) => (p.hba1c === null || !p.diabetes ? 0 : p.hba1c - 5.3) },
  { name: 'hba1c_no_dm', inputs: ['hba1c', 'diabetes'], value: (p) => (p.hba1c === null || p.diabetes ? 0 : p.hba1c - 5.3) },
  { name: 'hba1c_missing', inputs: ['hba1c'], value: (p) => bit(p.hba1c === null) },
  // Tailor has no SDI input: the full model always runs with "missing SDI" = 1.
  { name: 'sdi_missing', inputs: [], value: () => 1 },
];

export const PREVENT_VARIANTS = ['base', 'uacr', 'hba1c', 'full'] as const;
export type PreventVariant = (typeof PREVENT_VARIANTS)[number];
const SEXES = ['female', 'male'] as const;
export const PREVENT_OUTCOMES = ['cvd', 'ascvd', 'hf'] as const;
export const PREVENT_HORIZONS = [10, 30] as const;

export const PREVENT_COLUMNS: readonly string[] = PREVENT_VARIANTS.flatMap((v) =>
  SEXES.flatMap((s) => PREVENT_HORIZONS.flatMap((h) => PREVENT_OUTCOMES.map((o) => `${v}/${s}/${o}_${h}y`))),
);

// Input limits, each with the implementations that check it (facts read in their code/docs, no code copied):
// AHAprevent (the AHA's R package, via its Python port): TC 130–320, HDL 20–100, SBP 90–200, BMI 18.5 to < 40;
// PooledCohort R/prevent.R: TC 130–320, HDL 20–100, SBP 90–200, BMI 18.5–40, eGFR 15–140;
// preventr estimate_risk(): the same but SBP ≤ 180, BMI ≤ 39.9, HbA1c 4.5–15, UACR 0.1–25000. Its docs say the
// 180 mmHg and 4.5 % caps are its author's clinical choice ("the PREVENT equations technically permit up to
// 200 mmHg", HbA1c "down to 3 %"), so SBP follows the equations' 200 here, as for the PCE.
/**
 * BMI enters only the heart-failure equations (its total-CVD and ASCVD coefficients are 0 in every Khan 2024
 * table), so a BMI outside this range withholds HF alone, as AHAprevent does (it computes total CVD and ASCVD
 * whatever the BMI and HF only for BMI 18.5 to < 40).
 */
export const PREVENT_HF_BMI_RANGE: RangeRule = {
  input: 'bmi',
  min: 18.5,
  max: 39.9,
  source: 'preventr limit (AHAprevent and PooledCohort: 18.5 to < 40); heart-failure equations only',
};
/**
 * HbA1c enters only the HbA1c add-on equations, so an HbA1c outside this range withholds the add-on, not the model:
 * PREVENT is then computed without HbA1c (the base or UACR equations), and the result's note says so, just as a
 * missing HbA1c would select them (Khan 2024: the add-ons are optional).
 */
export const PREVENT_HBA1C_RANGE: RangeRule = { input: 'hba1c', min: 4.5, max: 15, source: "preventr limit; 4.5 % is preventr's plausibility floor (the equations permit 3 %); HbA1c add-on only" };
/** UACR likewise enters only the UACR add-on equations: outside this range the model is computed without it. */
export const PREVENT_UACR_RANGE: RangeRule = { input: 'uacr', min: 0.1, max: 25000, source: 'preventr limit (AHAprevent raises UACR below 0.1 mg/g to 0.1 before the logarithm); UACR add-on only' };
/** Ranges that withhold one part of PREVENT (heart failure, an add-on), never the whole model. */
export const PREVENT_PARTIAL_RANGES: readonly RangeRule[] = [PREVENT_HF_BMI_RANGE, PREVENT_HBA1C_RANGE, PREVENT_UACR_RANGE];
const LIPID_LIMITS = 'PREVENT input limits as checked by AHAprevent, PooledCohort and preventr';
export const PREVENT_RANGES: readonly RangeRule[] = [
  { input: 'age', min: 30, max: 80, maxExclusive: true, source: 'Khan 2024: derived and validated for ages 30–79' },
  { input: 'totalCholesterol', min: 130, max: 320, source: LIPID_LIMITS },
  { input: 'hdl', min: 20, max: 100, source: LIPID_LIMITS },
  { input: 'systolicBP', min: 90, max: 200, source: 'PREVENT input limit as checked by AHAprevent and PooledCohort (preventr narrows it to 180 by choice)' },
  PREVENT_HF_BMI_RANGE,
  { input: 'egfr', min: 15, max: 140, source: 'PREVENT input limit as checked by PooledCohort and preventr' },
  PREVENT_HBA1C_RANGE,
  PREVENT_UACR_RANGE,
];
/** 30-year estimates: Khan 2024 reports them for ages 30–59, and the AHA calculator shows them only there. */
export const PREVENT_30Y_MAX_AGE_EXCLUSIVE = 60;

const REQUIRED = ['age', 'sex', 'totalCholesterol', 'hdl', 'systolicBP', 'onBPTreatment', 'onStatin', 'smoker', 'diabetes', 'egfr'] as const;
/** BMI is a term of the heart-failure equations only (its total-CVD and ASCVD coefficients are 0). */
const BMI_PLACEHOLDER = 25;

/**
 * Which equation set applies (Khan 2024; same selection as the preventr reference implementation):
 * no add-on → base; only UACR or only HbA1c → that add-on model; both → full model with SDI missing.
 */
export function preventVariant(uacrKnown: boolean, hba1cKnown: boolean): PreventVariant {
  if (uacrKnown && hba1cKnown) return 'full';
  if (uacrKnown) return 'uacr';
  if (hba1cKnown) return 'hba1c';
  return 'base';
}

const VARIANT_LABEL: Record<PreventVariant, string> = { base: 'base', uacr: 'base+uacr', hba1c: 'base+hba1c', full: 'full (uacr+hba1c, sdi missing)' };

export const prevent: ModelDefinition<PreventProfile> = {
  id: 'prevent',
  label: 'PREVENT',
  features: PREVENT_FEATURES,
  linearPredictors: PREVENT_COLUMNS,
  outputs: PREVENT_COLUMNS.map((name, i) => ({ name, linearPredictor: i })),
  requiredInputs: REQUIRED,
  optionalInputs: ['bmi', 'uacr', 'hba1c', 'priorASCVD'],
  ranges: PREVENT_RANGES,
  population: [
    'Adults aged 30–79 without clinical cardiovascular disease (primary prevention); race-free, sex-specific equations.',
    '10-year risks for ages 30–79; 30-year risks for ages 30–59 only.',
    'Optional UACR and HbA1c select the add-on equations; SDI is not used (always missing). An HbA1c outside 4.5–15 % or a UACR outside 0.1–25,000 mg/g leaves that add-on out: the model without it is used, and the result says so.',
    'BMI enters the heart-failure equations only: without a BMI in 18.5–39.9, total CVD and ASCVD are still given, heart failure is not.',
  ],
  referenceDescription:
    'Age 55, total cholesterol 170 mg/dL, HDL 50 mg/dL, SBP 110 mmHg, BMI 25 kg/m², eGFR 90, no diabetes, non-smoker, no antihypertensive or statin; UACR 10 mg/g and HbA1c 5.3 % where the patient has them (else missing, like the patient); same sex and model type as the patient.',
  prepare(inputs: RiskInputs) {
    const hba1cProblem = inputs.hba1c === undefined ? null : rangeProblem(inputs, [PREVENT_HBA1C_RANGE], 'PREVENT HbA1c add-on');
    const hba1c = hba1cProblem === null ? inputs.hba1c : undefined;
    const uacrProblem = inputs.uacr === undefined ? null : rangeProblem(inputs, [PREVENT_UACR_RANGE], 'PREVENT UACR add-on');
    const uacr = uacrProblem === null ? inputs.uacr : undefined;
    const variant = preventVariant(uacr !== undefined, hba1c !== undefined);
    const label = VARIANT_LABEL[variant];
    if (inputs.priorASCVD) return { ok: false, reason: 'prior ASCVD: primary-prevention equations do not apply', variant: label };
    const known = requireInputs(inputs, REQUIRED);
    if (!known.ok) return { ok: false, reason: known.reason, variant: label };
    const problem = rangeProblem(inputs, PREVENT_RANGES.filter((r) => !PREVENT_PARTIAL_RANGES.includes(r)), 'PREVENT');
    if (problem) return { ok: false, reason: problem, variant: label };
    const { sex, ...v } = known.values;
    const bmiProblem = inputs.bmi === undefined ? 'heart-failure risk needs BMI' : rangeProblem(inputs, [PREVENT_HF_BMI_RANGE], 'PREVENT heart-failure');
    const usableBmi = bmiProblem === null ? inputs.bmi : undefined;
    const hasBmi = usableBmi !== undefined;
    const profile: PreventProfile = { ...v, bmi: usableBmi ?? BMI_PLACEHOLDER, uacr: uacr ?? null, hba1c: hba1c ?? null };
    const reference: PreventProfile = {
      age: 55,
      totalCholesterol: 170,
      hdl: 50,
      systolicBP: 110,
      onBPTreatment: false,
      onStatin: false,
      smoker: false,
      diabetes: false,
      bmi: 25,
      egfr: 90,
      uacr: profile.uacr === null ? null : 10,
      hba1c: profile.hba1c === null ? null : 5.3,
    };
    const with30 = profile.age < PREVENT_30Y_MAX_AGE_EXCLUSIVE;
    const horizons = with30 ? PREVENT_HORIZONS : ([10] as const);
    const outcomes = hasBmi ? PREVENT_OUTCOMES : PREVENT_OUTCOMES.filter((o) => o !== 'hf');
    const risks = horizons.flatMap((h) => outcomes.map((o) => ({ key: `${o}_${h}y` as RiskKey, column: `${variant}/${sex}/${o}_${h}y` })));
    const notes = [
      with30 ? '' : '30-year risks are given for ages 30–59 only',
      hasBmi ? '' : bmiProblem,
      hba1cProblem ? `${hba1cProblem}: computed without the HbA1c add-on` : '',
      uacrProblem ? `${uacrProblem}: computed without the UACR add-on` : '',
    ];
    return { ok: true, profile, reference, variant: label, risks, note: notes.filter(Boolean).join('; ') };
  },
};
