import { describe, expect, it } from 'vitest';
import { plainReason } from '../../src/risk/plainReason.ts';
import type { RiskInputs } from '../../src/risk/types.ts';
import type { ChartInputs } from '../../src/risk/viewModel.ts';

/** A complete primary-prevention profile (ACC example-like values), every input from the chart. */
const COMPLETE: RiskInputs = {
  age: 55, sex: 'female', race: 'white', totalCholesterol: 213, hdl: 50, systolicBP: 120, onBPTreatment: false, onStatin: false,
  smoker: false, diabetes: false, egfr: 90, bmi: 25, region: 'north-america', priorASCVD: false,
};
const ci = (inputs: RiskInputs, missing: ChartInputs['missing'] = {}, provenance: ChartInputs['provenance'] = {}): ChartInputs => ({ inputs, provenance, missing });
const without = (inputs: RiskInputs, ...names: (keyof RiskInputs)[]): RiskInputs => Object.fromEntries(Object.entries(inputs).filter(([k]) => !names.includes(k as keyof RiskInputs)));

describe('plainReason', () => {
  it('null when the model gives a number', () => {
    expect(plainReason('pce', ci(COMPLETE))).toBeNull();
    expect(plainReason('prevent', ci(COMPLETE))).toBeNull();
  });

  it('a missing input: its name, the chart’s reason and what to enter', () => {
    const r = plainReason('pce', ci(without(COMPLETE, 'hdl'), { hdl: { input: 'hdl', fact: 'hdl', reason: 'no HDL cholesterol result' } }));
    expect(r).toEqual({ text: 'HDL cholesterol unknown (no HDL cholesterol result): enter a value', enter: ['hdl'] });
  });

  it('race missing: the PCE asks for it, PREVENT (race-free) still gives a number', () => {
    const noRace = ci(without(COMPLETE, 'race'), { race: { input: 'race', fact: 'race', reason: 'race not recorded' } });
    expect(plainReason('pce', noRace)).toEqual({ text: 'race unknown (race not recorded): choose white, African American or other', enter: ['race'] });
    expect(plainReason('prevent', noRace)).toBeNull();
  });

  it('several missing inputs, each with its action; yes/no inputs ask for yes or no', () => {
    const r = plainReason('pce', ci(without(COMPLETE, 'hdl', 'smoker'), {
      hdl: { input: 'hdl', fact: 'hdl', reason: 'no HDL cholesterol result' },
      smoker: { input: 'smoker', fact: 'smoker', reason: 'no smoking status recorded' },
    }));
    expect(r).toEqual({
      text: 'HDL cholesterol unknown (no HDL cholesterol result): enter a value; current smoking unknown (no smoking status recorded): enter yes or no',
      enter: ['hdl', 'smoker'],
    });
  });

  it('age outside the range: nothing to enter, and it comes before missing inputs', () => {
    const age35 = ci(without({ ...COMPLETE, age: 35 }, 'race'), { race: { input: 'race', fact: 'race', reason: 'race not recorded' } });
    expect(plainReason('pce', age35)).toEqual({ text: 'the PCE is for ages 40–79; this patient is 35', enter: [] });
    expect(plainReason('prevent', age35)).toBeNull();
    // Boundaries from Goff 2013 (40–79) and Khan 2024 (30–79): 40 and 79 apply, 39 and 80 do not.
    expect(plainReason('pce', ci({ ...COMPLETE, age: 40 }))).toBeNull();
    expect(plainReason('pce', ci({ ...COMPLETE, age: 79 }))).toBeNull();
    expect(plainReason('pce', ci({ ...COMPLETE, age: 80 }))?.text).toBe('the PCE is for ages 40–79; this patient is 80');
    expect(plainReason('prevent', ci({ ...COMPLETE, age: 82 }))?.text).toBe('PREVENT is for ages 30–79; this patient is 82');
    expect(plainReason('prevent', ci({ ...COMPLETE, age: 29 }))?.text).toBe('PREVENT is for ages 30–79; this patient is 29');
  });

  it('a lab outside the equation’s range, with the unit and the patient’s value', () => {
    expect(plainReason('pce', ci({ ...COMPLETE, hdl: 110 }))).toEqual({ text: 'the PCE takes HDL cholesterol 20–100 mg/dL; this patient\'s is 110 mg/dL', enter: [] });
    expect(plainReason('pce', ci({ ...COMPLETE, hdl: 100 }))).toBeNull();
  });

  it('PREVENT’s BMI limit withholds heart failure only, so it is never the reason', () => {
    expect(plainReason('prevent', ci({ ...COMPLETE, bmi: 45 }))).toBeNull();
    const r = plainReason('prevent', ci(without({ ...COMPLETE, bmi: 45 }, 'egfr'), { egfr: { input: 'egfr', fact: 'egfr', reason: 'no eGFR result' } }));
    expect(r).toEqual({ text: 'eGFR unknown (no eGFR result): enter a value', enter: ['egfr'] });
  });

  it('prior ASCVD: secondary prevention, with the diagnoses', () => {
    const r = plainReason('pce', ci({ ...COMPLETE, priorASCVD: true }, {}, {
      priorASCVD: {
        input: 'priorASCVD', fact: 'ascvd', origin: 'chart', display: 'yes',
        sources: [{ resourceType: 'Condition', id: 'c1', value: 'Myocardial infarction' }, { resourceType: 'Condition', id: 'c2', value: 'TIA' }],
      },
    }));
    expect(r).toEqual({ text: 'prior ASCVD (myocardial infarction, TIA): secondary prevention applies; primary-prevention equations give no number', enter: [] });
    expect(plainReason('prevent', ci({ ...COMPLETE, priorASCVD: true }))?.text).toBe('prior ASCVD: secondary prevention applies; primary-prevention equations give no number');
    // Unknown prior ASCVD does not block (the guideline note says the score assumes none).
    expect(plainReason('pce', ci(without(COMPLETE, 'priorASCVD')))).toBeNull();
  });

  describe('KFRE: CKD G3–G5 by eGFR < 60 (kfre.ts), whatever else is missing', () => {
    const ckd: RiskInputs = { age: 68, sex: 'female', egfr: 42.8, uacr: 85, region: 'north-america' };
    it('applies at eGFR 59.9 with UACR; not at 60', () => {
      expect(plainReason('kfre4', ci({ ...ckd, egfr: 59.9 }))).toBeNull();
      expect(plainReason('kfre4', ci({ ...ckd, egfr: 60 }))).toEqual({ text: 'the 4-variable KFRE is for CKD G3–G5 (eGFR below 60 mL/min/1.73 m²); this patient\'s eGFR is 60 mL/min/1.73 m²', enter: [] });
    });
    it('eGFR ≥ 60 is the reason even when UACR is missing (entering it would not help)', () => {
      const r = plainReason('kfre4', ci(without({ ...ckd, egfr: 95 }, 'uacr'), { uacr: { input: 'uacr', fact: 'uacr', reason: 'no Urine albumin/creatinine ratio result' } }));
      expect(r?.text).toBe('the 4-variable KFRE is for CKD G3–G5 (eGFR below 60 mL/min/1.73 m²); this patient\'s eGFR is 95 mL/min/1.73 m²');
      expect(r?.enter).toEqual([]);
    });
    it('in CKD G3–G5 without UACR: enter it; the 8-variable equation also asks for its labs', () => {
      const missing: ChartInputs['missing'] = { uacr: { input: 'uacr', fact: 'uacr', reason: 'no Urine albumin/creatinine ratio result' } };
      expect(plainReason('kfre4', ci(without(ckd, 'uacr'), missing))).toEqual({ text: 'UACR unknown (no Urine albumin/creatinine ratio result): enter a value', enter: ['uacr'] });
      expect(plainReason('kfre8', ci(ckd))?.enter.sort()).toEqual(['albumin', 'bicarbonate', 'calcium', 'phosphate']);
    });
    it('below the development cohort’s eGFR 10 and below age 18', () => {
      expect(plainReason('kfre4', ci({ ...ckd, egfr: 8 }))?.text).toBe('the 4-variable KFRE takes eGFR 10–59 mL/min/1.73 m²; this patient\'s is 8 mL/min/1.73 m²');
      expect(plainReason('kfre4', ci({ ...ckd, age: 17 }))?.text).toBe('the 4-variable KFRE is for ages ≥ 18; this patient is 17');
    });
    it('other refusals of the model fall back to its own reason', () => {
      expect(plainReason('kfre4', ci({ ...ckd, uacr: 0 }))).toEqual({ text: 'uacr must be above 0 mg/g (the equation uses its logarithm)', enter: [] });
    });
  });
});
