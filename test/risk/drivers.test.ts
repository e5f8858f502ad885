import { beforeAll, describe, expect, it } from 'vitest';
import { drivers, driverSentence } from '../../src/risk/drivers.ts';
import type { RiskEngine } from '../../src/risk/engine.ts';
import type { Explanation, InputName, RiskInputs } from '../../src/risk/types.ts';
import type { ChartInputs } from '../../src/risk/viewModel.ts';
import { nodeEngine } from './engine.ts';

const ci = (inputs: RiskInputs): ChartInputs => ({ inputs, provenance: {}, missing: {} });
const PCE_REFERENCE = { age: 55, totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: false };
const patient: RiskInputs = { age: 58, sex: 'male', race: 'white', totalCholesterol: 150, hdl: 38, systolicBP: 162, onBPTreatment: false, smoker: true, diabetes: false };
const explanation = (contributions: Partial<Record<InputName, number>>): Explanation => ({
  reference: PCE_REFERENCE,
  byRisk: { ascvd_10y: { linearPredictor: 1, referenceLinearPredictor: 0, contributions } },
});

describe('drivers', () => {
  const list = drivers(explanation({ age: 0.05, totalCholesterol: -0.2, hdl: 0.4, systolicBP: 0.9, onBPTreatment: 0, smoker: 0.3, diabetes: 1e-9 }), 'ascvd_10y', ci(patient));

  it('one per input that moves the risk, largest effect first, with values and direction', () => {
    expect(list.map((d) => [d.input, d.direction])).toEqual([
      ['systolicBP', 'raises'], ['hdl', 'raises'], ['smoker', 'raises'], ['totalCholesterol', 'lowers'], ['age', 'raises'],
    ]);
    expect(list[0]).toEqual({
      input: 'systolicBP', label: 'systolic BP', value: '162 mmHg', reference: '110 mmHg', phrase: 'systolic BP 162 mmHg',
      referencePhrase: 'systolic BP 110 mmHg', contribution: 0.9, direction: 'raises',
    });
    expect(list.find((d) => d.input === 'smoker')).toMatchObject({ value: 'yes', reference: 'no', phrase: 'smoking', referencePhrase: 'not smoking' });
  });

  it('the five-second sentence names the reference it is measured against', () => {
    expect(driverSentence(list)).toBe(
      'Systolic BP 162 mmHg adds most; HDL cholesterol 38 mg/dL, smoking and age 58 also raise the risk; total cholesterol 150 mg/dL lowers it '
      + '(against the reference profile: systolic BP 110 mmHg, HDL cholesterol 50 mg/dL, not smoking, age 55, total cholesterol 170 mg/dL).',
    );
  });

  it('a lowering top driver, singular verbs, and no drivers at all', () => {
    const low = drivers(explanation({ hdl: -0.5, smoker: 0.1 }), 'ascvd_10y', ci({ ...patient, hdl: 80 }));
    expect(driverSentence(low)).toBe('HDL cholesterol 80 mg/dL lowers the risk most; smoking raises it (against the reference profile: HDL cholesterol 50 mg/dL, not smoking).');
    expect(driverSentence([])).toBe('No input moves the risk away from the reference profile.');
  });

  it('a risk the explanation does not cover has no drivers', () => {
    expect(drivers(explanation({ hdl: 0.4 }), 'hf_10y', ci(patient))).toEqual([]);
  });

  it('the KFRE reference sex is the cohort’s share of men', () => {
    const e: Explanation = { reference: { age: 70.36, sex: 0.5642, egfr: 36.11 }, byRisk: { kidney_failure_5y: { linearPredictor: 0, referenceLinearPredictor: 0, contributions: { egfr: 0.8, sex: -0.12 } } } };
    const d = drivers(e, 'kidney_failure_5y', ci({ age: 68, sex: 'female', egfr: 22 }));
    expect(d.map((x) => x.phrase)).toEqual(['eGFR 22 mL/min/1.73 m²', 'female sex']);
    expect(d[1]).toMatchObject({ reference: '56 % men', referencePhrase: 'the cohort\'s mix of 56 % men' });
    expect(driverSentence(d)).toBe('eGFR 22 mL/min/1.73 m² adds most; female sex lowers it (against the reference profile: eGFR 36 mL/min/1.73 m², the cohort\'s mix of 56 % men).');
  });
});

describe('drivers from the engine’s Shapley contributions', () => {
  let engine: RiskEngine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  it('PCE white man at the reference values but with diabetes: diabetes alone, its Goff 2013 Table A coefficient 0.658', async () => {
    const inputs: RiskInputs = { ...PCE_REFERENCE, sex: 'male', race: 'white', diabetes: true };
    const [r] = await engine.score([{ model: 'pce', inputs, explain: true }]);
    if (!r?.applicable || !r.explanation) throw new Error('PCE should apply');
    const d = drivers(r.explanation, 'ascvd_10y', ci(inputs));
    expect(d.map((x) => x.input)).toEqual(['diabetes']);
    expect(d[0]?.contribution).toBeCloseTo(0.658, 5);
    expect(driverSentence(d)).toBe('Diabetes adds most (against the reference profile: no diabetes).');
  });
});
