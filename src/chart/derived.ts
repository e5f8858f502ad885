import type { Sex } from './types.ts';

/**
 * CKD-EPI 2021 creatinine equation without race (Inker LA et al., N Engl J Med 2021;385:1737–1749, Table 2):
 * eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [if female],
 * κ = 0.7 (female) / 0.9 (male), α = −0.241 (female) / −0.302 (male); Scr in mg/dL, age in years (adults ≥ 18).
 */
export function ckdEpi2021(creatinineMgDl: number, ageYears: number, sex: Sex): number | undefined {
  if (!(creatinineMgDl > 0) || !(ageYears >= 18) || !Number.isFinite(creatinineMgDl) || !Number.isFinite(ageYears)) return undefined;
  const female = sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = creatinineMgDl / kappa;
  return 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** ageYears * (female ? 1.012 : 1);
}

/** Body mass index, kg/m² (WHO definition: weight in kg divided by the square of height in metres). */
export function bodyMassIndex(weightKg: number, heightCm: number): number | undefined {
  if (!(weightKg > 0) || !(heightCm > 0)) return undefined;
  const m = heightCm / 100;
  return weightKg / (m * m);
}

/**
 * Completed years between a full YYYY-MM-DD birth date and now, in UTC (a 29 Feb birthday turns over on 1 Mar);
 * undefined for a missing, partial, invalid or future birth date.
 */
export function ageInYears(birthDate: string | undefined, now: Date): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const birth = Date.UTC(y, mo - 1, d);
  if (!Number.isFinite(birth) || new Date(birth).getUTCDate() !== d || birth > now.getTime()) return undefined;
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d)) age -= 1;
  return age;
}

/** Diabetes threshold on HbA1c: ≥ 6.5 % (ADA Standards of Care in Diabetes 2024, §2 Table 2.1). */
export const HBA1C_DIABETES_PERCENT = 6.5;
