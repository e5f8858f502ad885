import { describe, expect, it } from 'vitest';
import { convert, hba1cIfccToNgsp, ucumCodeOf } from '../../src/chart/units.ts';
import { conceptOf } from '../../src/chart/valueSets/observations.ts';

const viaConcept = (value: number, from: string, key: Parameters<typeof conceptOf>[0]) => {
  const c = conceptOf(key);
  return convert(value, from, c.unit, { ...(c.molarMass ? { molarMass: c.molarMass.value } : {}), ...(c.charge !== undefined ? { charge: c.charge } : {}) });
};

const valueOf = (r: ReturnType<typeof convert>) => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('UCUM conversions to canonical units', () => {
  it('converts cholesterol mmol/L to mg/dL with the molar mass (38.67 mg/dL per mmol/L)', () => {
    expect(valueOf(viaConcept(5, 'mmol/L', 'totalCholesterol'))).toBeCloseTo(193.3, 1);
    expect(valueOf(viaConcept(1.3, 'mmol/L', 'hdl'))).toBeCloseTo(50.3, 1);
  });
  it('converts creatinine µmol/L to mg/dL (88.4 µmol/L = 1 mg/dL)', () => {
    expect(valueOf(viaConcept(88.4, 'umol/L', 'creatinine'))).toBeCloseTo(1.0, 3);
  });
  it('converts glucose 5.5 mmol/L to 99.1 mg/dL', () => {
    expect(valueOf(viaConcept(5.5, 'mmol/L', 'fastingGlucose'))).toBeCloseTo(99.1, 1);
  });
  it('converts triglycerides 1.7 mmol/L to 150.6 mg/dL (triolein)', () => {
    expect(valueOf(viaConcept(1.7, 'mmol/L', 'triglycerides'))).toBeCloseTo(150.6, 1);
  });
  it('converts HbA1c IFCC mmol/mol to NGSP % with the master equation, not dimensionally', () => {
    expect(hba1cIfccToNgsp(48)).toBeCloseTo(6.54, 2);
    expect(valueOf(viaConcept(48, 'mmol/mol', 'hba1c'))).toBeCloseTo(6.54, 2);
    expect(valueOf(viaConcept(0.065, '1', 'hba1c'))).toBeCloseTo(6.5, 6);
  });
  it('converts ACR mg/mmol (per mmol creatinine) to mg/g: 3 mg/mmol = 26.5 mg/g', () => {
    expect(valueOf(viaConcept(3, 'mg/mmol', 'uacr'))).toBeCloseTo(26.52, 2);
  });
  it('converts calcium 2.5 mmol/L → 10.0 mg/dL and 5 meq/L → 10.0 mg/dL (charge 2)', () => {
    expect(valueOf(viaConcept(2.5, 'mmol/L', 'calcium'))).toBeCloseTo(10.02, 2);
    expect(valueOf(viaConcept(5, 'meq/L', 'calcium'))).toBeCloseTo(10.02, 2);
  });
  it('converts phosphate 1.0 mmol/L → 3.10 mg/dL (as phosphorus)', () => {
    expect(valueOf(viaConcept(1, 'mmol/L', 'phosphate'))).toBeCloseTo(3.097, 3);
  });
  it('converts bicarbonate meq/L to mmol/L (charge 1) and albumin g/L to g/dL', () => {
    expect(valueOf(viaConcept(24, 'meq/L', 'bicarbonate'))).toBeCloseTo(24, 6);
    expect(valueOf(viaConcept(40, 'g/L', 'albumin'))).toBeCloseTo(4, 6);
  });
  it('converts imperial height and weight', () => {
    expect(valueOf(viaConcept(70, '[in_i]', 'height'))).toBeCloseTo(177.8, 1);
    expect(valueOf(viaConcept(150, '[lb_av]', 'weight'))).toBeCloseTo(68.04, 2);
  });
  it('flags units that cannot be converted instead of guessing', () => {
    const r = viaConcept(5, 'mmol/L', 'albumin');
    expect(r.ok).toBe(false);
    expect(viaConcept(5, 'furlongs', 'totalCholesterol').ok).toBe(false);
    expect(viaConcept(120, 'mg/dL', 'systolicBP').ok).toBe(false);
    expect(convert(Number.NaN, 'mg/dL', 'mg/dL').ok).toBe(false);
  });
});

describe('ucumCodeOf', () => {
  it('prefers the UCUM code over the display unit', () => {
    expect(ucumCodeOf({ value: 1, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' })).toBe('mm[Hg]');
  });
  it('maps common non-UCUM display strings to their UCUM code', () => {
    expect(ucumCodeOf({ value: 1, unit: 'mmHg' })).toBe('mm[Hg]');
    expect(ucumCodeOf({ value: 1, unit: 'mL/min/1.73m2' })).toBe('mL/min/{1.73_m2}');
    expect(ucumCodeOf({ value: 1, unit: 'mEq/L' })).toBe('meq/L');
  });
  it('returns undefined without any unit', () => {
    expect(ucumCodeOf({ value: 1 })).toBeUndefined();
    expect(ucumCodeOf('x')).toBeUndefined();
  });
});
