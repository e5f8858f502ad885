import type { Feature } from '../features.ts';
import type { InputName, KfreRegion, RiskInputs, RiskKey } from '../types.ts';
import { rangeProblem, requireInputs, type ModelDefinition, type RangeRule } from './definition.ts';

/**
 * Kidney Failure Risk Equation (Tangri 2011; Tangri 2016 recalibration). The encoded vector holds the
 * paper's raw terms; the CoxSurvival layer subtracts the centring (Σ β·centre) and applies each
 * region × horizon baseline survival, so one inference gives all four calibrations.
 */
export interface KfreProfile {
  age: number;
  /** Male indicator (1 male, 0 female); the reference profile uses the cohort's share of men. */
  sex: number;
  egfr: number;
  uacr: number;
  albumin: number;
  phosphate: number;
  bicarbonate: number;
  calcium: number;
}

// Terms: Tangri 2011 (age per 10 years, male, eGFR per 5 mL/min/1.73 m², ln UACR mg/g; 8-variable adds labs).
const FOUR: readonly Feature<KfreProfile>[] = [
  { name: 'age_per_10y', inputs: ['age'], value: (p) => p.age / 10 },
  { name: 'male', inputs: ['sex'], value: (p) => p.sex },
  { name: 'egfr_per_5', inputs: ['egfr'], value: (p) => p.egfr / 5 },
  { name: 'ln_uacr', inputs: ['uacr'], value: (p) => Math.log(p.uacr) },
];
const EIGHT: readonly Feature<KfreProfile>[] = [
  ...FOUR,
  { name: 'albumin', inputs: ['albumin'], value: (p) => p.albumin },
  { name: 'phosphate', inputs: ['phosphate'], value: (p) => p.phosphate },
  { name: 'bicarbonate', inputs: ['bicarbonate'], value: (p) => p.bicarbonate },
  { name: 'calcium', inputs: ['calcium'], value: (p) => p.calcium },
];

export const KFRE_REGIONS: readonly KfreRegion[] = ['north-america', 'other'];
export const KFRE_HORIZONS = [2, 5] as const;
const OUTPUTS = KFRE_REGIONS.flatMap((r) => KFRE_HORIZONS.map((h) => ({ name: `${r}/kidney_failure_${h}y`, linearPredictor: 0 })));

export const KFRE_RANGES: readonly RangeRule[] = [
  { input: 'age', min: 18, source: 'Tangri 2011: adults with CKD' },
  { input: 'egfr', min: 10, max: 60, maxExclusive: true, source: 'Tangri 2011/2016: CKD G3–G5, development cohort eGFR 10–59 mL/min/1.73 m²' },
];

/** Development-cohort means (the equations' centring values, Tangri 2011), as a reference profile. */
const REFERENCE: KfreProfile = {
  age: 70.36,
  sex: 0.5642,
  egfr: 36.11,
  uacr: Math.exp(5.137),
  albumin: 3.997,
  phosphate: 3.916,
  bicarbonate: 25.57,
  calcium: 9.355,
};

function kfre(id: 'kfre4' | 'kfre8', features: readonly Feature<KfreProfile>[], labs: readonly InputName[]): ModelDefinition<KfreProfile> {
  const required = ['age', 'sex', 'egfr', 'uacr', ...labs] as const;
  const label = id === 'kfre4' ? 'KFRE 4-variable' : 'KFRE 8-variable';
  return {
    id,
    label,
    features,
    linearPredictors: ['kfre'],
    outputs: OUTPUTS,
    requiredInputs: required,
    optionalInputs: ['region'],
    ranges: KFRE_RANGES,
    population: [
      'Adults with CKD G3–G5 (eGFR 10–59 mL/min/1.73 m²), not on dialysis and without a kidney transplant.',
      'Calibration region is a site setting: North America (2011 baseline) or other regions (2016 recalibration).',
    ],
    referenceDescription:
      'The development cohort mean (Tangri 2011 centring values): age 70.36, 56.42 % men, eGFR 36.11, UACR e^5.137 ≈ 170 mg/g' +
      (labs.length ? ', albumin 3.997 g/dL, phosphate 3.916 mg/dL, bicarbonate 25.57 mmol/L, calcium 9.355 mg/dL' : '') +
      '; relative to it the linear predictor is the published centred one.',
    prepare(inputs: RiskInputs) {
      const region = inputs.region ?? 'north-america';
      const variant = `${id === 'kfre4' ? '4' : '8'}-variable, ${region === 'north-america' ? 'North America' : 'non-North America'} calibration`;
      const known = requireInputs(inputs, required);
      if (!known.ok) return { ok: false, reason: known.reason, variant };
      const { age, sex, egfr, uacr } = known.values;
      if (egfr >= 60) return { ok: false, reason: 'KFRE is for CKD G3–G5 (eGFR < 60 mL/min/1.73 m²)', variant };
      const problem = rangeProblem(inputs, KFRE_RANGES, label);
      if (problem) return { ok: false, reason: problem, variant };
      if (uacr <= 0) return { ok: false, reason: 'uacr must be above 0 mg/g (the equation uses its logarithm)', variant };
      // Concentrations are positive; a zero or negative lab value is a data error, not a low result.
      const impossible = labs.find((lab) => (inputs[lab] as number) <= 0);
      if (impossible) return { ok: false, reason: `${impossible} must be above 0`, variant };
      const profile: KfreProfile = {
        age,
        sex: sex === 'male' ? 1 : 0,
        egfr,
        uacr,
        // The 4-variable equation has no lab terms; the reference values keep the profile complete.
        albumin: inputs.albumin ?? REFERENCE.albumin,
        phosphate: inputs.phosphate ?? REFERENCE.phosphate,
        bicarbonate: inputs.bicarbonate ?? REFERENCE.bicarbonate,
        calcium: inputs.calcium ?? REFERENCE.calcium,
      };
      const risks = KFRE_HORIZONS.map((h) => ({ key: `kidney_failure_${h}y` as RiskKey, column: `${region}/kidney_failure_${h}y` }));
      return { ok: true, profile, reference: REFERENCE, variant, risks, note: inputs.region ? '' : 'region not given: North America calibration' };
    },
  };
}

export const kfre4 = kfre('kfre4', FOUR, []);
export const kfre8 = kfre('kfre8', EIGHT, ['albumin', 'phosphate', 'bicarbonate', 'calcium']);
