import { describe, expect, it } from 'vitest';
import { PCE_BANDS, PCE_CATEGORIES, pceCategory } from '../../src/risk/categories.ts';

// 2018 AHA/ACC cholesterol guideline: < 5 % low, 5 % to < 7.5 % borderline, 7.5 % to < 20 % intermediate, ≥ 20 % high.
describe('pceCategory', () => {
  it.each([
    [0, 'low'], [0.04949, 'low'], [0.05, 'borderline'], [0.0744, 'borderline'], [0.07449, 'borderline'],
    [0.075, 'intermediate'], [0.1994, 'intermediate'], [0.2, 'high'], [0.45, 'high'], [1, 'high'],
    // Decided on the value as shown (one decimal of a percentage): shown as 5.0 %, 7.5 % and 20.0 %.
    [0.04951, 'borderline'], [0.07451, 'intermediate'], [0.074999999, 'intermediate'], [0.19951, 'high'],
  ] as const)('%f → %s', (risk, category) => {
    expect(pceCategory(risk)).toBe(category);
  });

  it('refuses what is not a fraction (a percentage, NaN)', () => {
    for (const bad of [7.5, -0.01, Number.NaN, Infinity]) expect(() => pceCategory(bad), String(bad)).toThrow(RangeError);
  });

  it('names every band in words, lowest first', () => {
    expect(PCE_CATEGORIES.map((c) => PCE_BANDS[c].label)).toEqual(['low (< 5 %)', 'borderline (5 % to < 7.5 %)', 'intermediate (7.5 % to < 20 %)', 'high (≥ 20 %)']);
  });
});
