import { describe, expect, it } from 'vitest';
import { formatControlValue, modelSpan, stepValue, whatIfControls, type NumberControl } from '../../../src/ui/risk/whatIfControls.ts';

const numberControl = (input: NumberControl['input'], base: number): NumberControl => {
  const c = whatIfControls({ [input]: base }).find((x) => x.input === input);
  if (c?.kind !== 'number') throw new Error(`no slider for ${input}`);
  return c;
};

describe('whatIfControls', () => {
  it("spans the union of the models' valid ranges", () => {
    // eGFR: KFRE 10 to < 60 (kfre.ts), PREVENT 15–140 (prevent.ts) → 10–140; HbA1c PREVENT 4.5–15; BMI 18.5–39.9.
    expect(modelSpan('egfr')).toEqual({ min: 10, max: 140 });
    expect(modelSpan('hba1c')).toEqual({ min: 4.5, max: 15 });
    expect(modelSpan('bmi')).toEqual({ min: 18.5, max: 39.9 });
    expect(modelSpan('uacr')).toEqual({ min: 0.1, max: 25000 });
  });

  it('shows a log-scale UACR to two significant digits below 10 and whole above, never the raw float', () => {
    const uacr = numberControl('uacr', 9.724186704384726);
    expect(formatControlValue(uacr, 9.724186704384726)).toBe('9.7 mg/g');
    expect(formatControlValue(uacr, 0.1234)).toBe('0.12 mg/g');
    expect(formatControlValue(uacr, 85.4)).toBe('85 mg/g');
    expect(formatControlValue(uacr, 1234.5)).toBe('1235 mg/g');
  });

  it('offers controls only for inputs the chart knows, sliders before switches', () => {
    expect(whatIfControls({ hba1c: 6.1, smoker: false, age: 50 }).map((c) => c.input)).toEqual(['hba1c', 'smoker']);
    expect(whatIfControls({})).toEqual([]);
  });

  it('steps on the grid without float noise, and stops at the ends', () => {
    const a1c = numberControl('hba1c', 6.1);
    expect(stepValue(a1c, 6.1, 'ArrowUp')).toBe(6.2);
    expect(stepValue(a1c, 6.1, 'PageDown')).toBe(5.1);
    expect(stepValue(a1c, 4.5, 'ArrowDown')).toBe(4.5);
    const bmi = numberControl('bmi', 39.9);
    expect(stepValue(bmi, 39.9, 'ArrowRight')).toBe(39.9);
    expect(stepValue(bmi, 27.3, 'ArrowLeft')).toBe(27.2);
  });
});
