/**
 * The eGFR (mL/min/1.73 m²) a lab reports beside a serum creatinine (mg/dL), by CKD-EPI 2021 without race
 * (Inker et al., N Engl J Med 2021;385:1737–49): 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age [× 1.012 if female],
 * κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M).
 */
export function ckdEpi2021(creatinineMgDl: number, age: number, gender: 'female' | 'male'): number {
  const female = gender === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = creatinineMgDl / kappa;
  const egfr = 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age * (female ? 1.012 : 1);
  return Math.round(egfr);
}

