import type { Feature } from '../features.ts';
import type { RiskInputs } from '../types.ts';
import { bit, rangeProblem, requireInputs, type ModelDefinition, type RangeRule } from './definition.ts';

/**
 * Pooled Cohort Equations (Goff 2013, Appendix Table A terms; constants at ACC/AHA spreadsheet precision, see
 * models/pce/coefficients.json). The Dense layer holds one linear predictor per sex–race equation; the
 * CoxSurvival layer turns each into 1 − S10^exp(lp − mean). The patient's equation is chosen here, after inference.
 */
export interface PceProfile {
  age: number;
  totalCholesterol: number;
  hdl: number;
  systolicBP: number;
  onBPTreatment: boolean;
  smoker: boolean;
  diabetes: boolean;
}

const ln = Math.log;

// Term definitions: Goff 2013 Table A (all continuous terms are natural logs).
export const PCE_FEATURES: readonly Feature<PceProfile>[] = [
  { name: 'ln_age', inputs: ['age'], value: (p) => ln(p.age) },
  { name: 'ln_age_sq', inputs: ['age'], value: (p) => ln(p.age) ** 2 },
  { name: 'ln_tc', inputs: ['totalCholesterol'], value: (p) => ln(p.totalCholesterol) },
  { name: 'ln_age_x_ln_tc', inputs: ['age', 'totalCholesterol'], value: (p) => ln(p.age) * ln(p.totalCholesterol) },
  { name: 'ln_hdl', inputs: ['hdl'], value: (p) => ln(p.hdl) },
  { name: 'ln_age_x_ln_hdl', inputs: ['age', 'hdl'], value: (p) => ln(p.age) * ln(p.hdl) },
  // Treated and untreated SBP have separate coefficients; exactly one of the pair is non-zero.
  { name: 'ln_treated_sbp', inputs: ['systolicBP', 'onBPTreatment'], value: (p) => bit(p.onBPTreatment) * ln(p.systolicBP) },
  { name: 'ln_age_x_ln_treated_sbp', inputs: ['age', 'systolicBP', 'onBPTreatment'], value: (p) => bit(p.onBPTreatment) * ln(p.age) * ln(p.systolicBP) },
  { name: 'ln_untreated_sbp', inputs: ['systolicBP', 'onBPTreatment'], value: (p) => bit(!p.onBPTreatment) * ln(p.systolicBP) },
  { name: 'ln_age_x_ln_untreated_sbp', inputs: ['age', 'systolicBP', 'onBPTreatment'], value: (p) => bit(!p.onBPTreatment) * ln(p.age) * ln(p.systolicBP) },
  { name: 'smoker', inputs: ['smoker'], value: (p) => bit(p.smoker) },
  { name: 'ln_age_x_smoker', inputs: ['age', 'smoker'], value: (p) => ln(p.age) * bit(p.smoker) },
  { name: 'diabetes', inputs: ['diabetes'], value: (p) => bit(p.diabetes) },
];

export const PCE_GROUPS = ['white-female', 'african-american-female', 'white-male', 'african-american-male'] as const;

const ESTIMATOR_LIMITS = 'ACC/AHA ASCVD Risk Estimator input limits (as enforced by the PooledCohort and CVrisk reference implementations)';
export const PCE_RANGES: readonly RangeRule[] = [
  { input: 'age', min: 40, max: 80, maxExclusive: true, source: 'Goff 2013: equations derived and recommended for ages 40–79' },
  { input: 'totalCholesterol', min: 130, max: 320, source: ESTIMATOR_LIMITS },
  { input: 'hdl', min: 20, max: 100, source: ESTIMATOR_LIMITS },
  { input: 'systolicBP', min: 90, max: 200, source: ESTIMATOR_LIMITS },
];

const REQUIRED = ['age', 'sex', 'race', 'totalCholesterol', 'hdl', 'systolicBP', 'onBPTreatment', 'smoker', 'diabetes'] as const;

/** ACC "optimal risk factors" (Goff 2013): TC 170, HDL 50, SBP 110 untreated, non-smoker, no diabetes; at age 55. */
export const REFERENCE: PceProfile = { age: 55, totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: false };

export const pce: ModelDefinition<PceProfile> = {
  id: 'pce',
  label: 'PCE',
  features: PCE_FEATURES,
  linearPredictors: PCE_GROUPS,
  outputs: PCE_GROUPS.map((g, i) => ({ name: `${g}/ascvd_10y`, linearPredictor: i })),
  requiredInputs: REQUIRED,
  optionalInputs: ['priorASCVD'],
  ranges: PCE_RANGES,
  population: [
    'Adults aged 40–79 without clinical ASCVD (primary prevention).',
    'Black patients use the African-American equations; white patients and all other races use the white equations (Goff 2013).',
  ],
  referenceDescription: 'Age 55, total cholesterol 170 mg/dL, HDL 50 mg/dL, SBP 110 mmHg untreated, non-smoker, no diabetes (ACC optimal risk factors), same sex and race equation as the patient.',
  prepare(inputs: RiskInputs) {
    const group = inputs.sex && inputs.race ? `${inputs.race === 'black' ? 'african-american' : 'white'}-${inputs.sex}` : '';
    if (inputs.priorASCVD) return { ok: false, reason: 'prior ASCVD: primary-prevention equations do not apply', variant: group };
    const known = requireInputs(inputs, REQUIRED);
    if (!known.ok) return { ok: false, reason: known.reason, variant: group };
    const problem = rangeProblem(inputs, PCE_RANGES, 'PCE');
    if (problem) return { ok: false, reason: problem, variant: group };
    const { age, totalCholesterol, hdl, systolicBP, onBPTreatment, smoker, diabetes } = known.values;
    const profile: PceProfile = { age, totalCholesterol, hdl, systolicBP, onBPTreatment, smoker, diabetes };
    return {
      ok: true,
      profile,
      reference: REFERENCE,
      variant: group,
      risks: [{ key: 'ascvd_10y', column: `${group}/ascvd_10y` }],
      note: inputs.race === 'other' ? 'race "other": white equations used, as the guideline recommends' : '',
    };
  },
};
