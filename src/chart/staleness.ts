import { DAY_MS, parseFhirDate } from './fhirDate.ts';
import type { FactKey, Staleness } from './types.ts';

/**
 * Staleness thresholds in days: fresh ≤ freshDays < old ≤ oldDays < stale. These are Tailor's stated choices,
 * shown next to every fact, with the reasoning:
 * - lipids: 2018 AHA/ACC cholesterol guideline re-assesses risk every 4–6 years in primary prevention and checks
 *   lipids 4–12 weeks after starting therapy then every 3–12 months, so 1 year is fresh and > 5 years stale;
 * - HbA1c: ADA Standards of Care 2024 §6 tests at least twice a year (quarterly if not at goal): fresh 6 months, stale > 1 year;
 * - BP, weight: measured at each visit; a year-old reading is old, > 2 years stale;
 * - kidney/electrolytes (creatinine, eGFR, UACR, K, Ca, phosphate, bicarbonate, albumin): KDIGO 2024 monitors CKD at
 *   least yearly, so fresh 1 year, stale > 2 years;
 * - height: stable in adults: stale only after 10 years;
 * - smoking, activity, alcohol: USPSTF asks about tobacco at every visit: fresh 1 year, stale > 3 years.
 */
export const STALENESS_DAYS: Partial<Record<FactKey, { freshDays: number; oldDays: number }>> = {
  totalCholesterol: { freshDays: 365, oldDays: 1826 },
  hdl: { freshDays: 365, oldDays: 1826 },
  ldl: { freshDays: 365, oldDays: 1826 },
  triglycerides: { freshDays: 365, oldDays: 1826 },
  hba1c: { freshDays: 183, oldDays: 365 },
  fastingGlucose: { freshDays: 183, oldDays: 365 },
  systolicBP: { freshDays: 365, oldDays: 730 },
  diastolicBP: { freshDays: 365, oldDays: 730 },
  // Home BP: judged like office BP.
  homeSystolicBP: { freshDays: 365, oldDays: 730 },
  homeDiastolicBP: { freshDays: 365, oldDays: 730 },
  weight: { freshDays: 365, oldDays: 730 },
  bmi: { freshDays: 365, oldDays: 730 },
  height: { freshDays: 1826, oldDays: 3652 },
  creatinine: { freshDays: 365, oldDays: 730 },
  egfr: { freshDays: 365, oldDays: 730 },
  uacr: { freshDays: 365, oldDays: 730 },
  potassium: { freshDays: 365, oldDays: 730 },
  calcium: { freshDays: 365, oldDays: 730 },
  phosphate: { freshDays: 365, oldDays: 730 },
  bicarbonate: { freshDays: 365, oldDays: 730 },
  albumin: { freshDays: 365, oldDays: 730 },
  smokingStatus: { freshDays: 365, oldDays: 1096 },
  smoker: { freshDays: 365, oldDays: 1096 },
  physicalActivity: { freshDays: 365, oldDays: 1096 },
  alcoholAuditC: { freshDays: 365, oldDays: 1096 },
  // Pregnancy status changes within months.
  pregnant: { freshDays: 30, oldDays: 180 },
};

export function stalenessOf(key: FactKey, date: string | undefined, now: Date): Staleness | undefined {
  const limits = STALENESS_DAYS[key];
  const at = parseFhirDate(date);
  if (!limits || at === undefined) return undefined;
  const ageDays = Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
  const level = ageDays <= limits.freshDays ? 'fresh' : ageDays <= limits.oldDays ? 'old' : 'stale';
  return { level, ageDays, ...limits };
}
