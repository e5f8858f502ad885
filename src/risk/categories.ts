/**
 * PCE 10-year ASCVD risk categories of the 2018 AHA/ACC/Multisociety cholesterol guideline (Grundy SM et al.,
 * Circulation 2019;139:e1082–e1143; ../shared/reference/risk-models.md §7.1): low < 5 %, borderline 5 % to < 7.5 %,
 * intermediate 7.5 % to < 20 %, high ≥ 20 %. Each band includes its lower bound, so 7.5 % is intermediate.
 */
import type { PceCategory } from './viewModel.ts';

/** Lowest to highest. */
export const PCE_CATEGORIES: readonly PceCategory[] = ['low', 'borderline', 'intermediate', 'high'];

/**
 * Each band's inclusive lower bound as a fraction (the engine's risks are fractions; the next band's bound is this
 * one's exclusive upper bound), and its name in words so colour is never the only signal.
 */
export const PCE_BANDS: Record<PceCategory, { min: number; label: string }> = {
  low: { min: 0, label: 'low (< 5 %)' },
  borderline: { min: 0.05, label: 'borderline (5 % to < 7.5 %)' },
  intermediate: { min: 0.075, label: 'intermediate (7.5 % to < 20 %)' },
  high: { min: 0.2, label: 'high (≥ 20 %)' },
};

/**
 * The category of a 10-year PCE risk given as a fraction (0.075 = 7.5 %), decided on the value as shown (a
 * percentage to one decimal, as the ACC/AHA ASCVD Risk Estimator shows it): a risk shown as 7.5 % is never labelled
 * borderline.
 */
export function pceCategory(risk: number): PceCategory {
  if (!(risk >= 0 && risk <= 1)) throw new RangeError(`risk must be a fraction from 0 to 1, got ${risk}`);
  const shown = Math.round(risk * 1000) / 1000;
  let category: PceCategory = 'low';
  for (const c of PCE_CATEGORIES) if (shown >= PCE_BANDS[c].min) category = c;
  return category;
}
