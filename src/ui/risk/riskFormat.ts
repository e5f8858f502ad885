import type { RiskKey } from '../../risk/types.ts';

/** Minus sign (U+2212), not a hyphen: it reads as a sign and does not break lines. */
const MINUS = '\u2212';

/** A risk (fraction 0–1) as a physician reads it: one decimal, "12.3 %". */
export function formatRisk(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

/** A signed number with the given decimals and a real minus sign. */
export function formatSigned(value: number, decimals: number): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return value > 0 ? `+${text}` : `${MINUS}${text}`;
}

/** A difference of two risks (fractions) in percentage points, signed: "−4.2", "+0.3", "0.0". */
export function formatPointsChange(fraction: number): string {
  return formatSigned(fraction * 100, 1);
}

/** The horizon of a risk in years, from its key ("ascvd_10y" → 10). */
export function horizonYears(risk: RiskKey): number {
  const match = /_(\d+)y$/.exec(risk);
  if (!match?.[1]) throw new Error(`Risk key without a horizon: ${risk}`);
  return Number(match[1]);
}
