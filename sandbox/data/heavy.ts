/**
 * The heavy chart: ten years of a treated patient's vitals and labs, for performance and paging. Values follow slow
 * trends (treatment effects) plus seeded noise, so the chart is the same on every run for a given date.
 */
import type { Chart } from './chart.ts';
import { CONDITION, LOINC, RELATIONSHIP, RXNORM, SMOKING } from './codes.ts';
import { ckdEpi2021 } from './egfr.ts';

const SEED = 0x7a11_0e;
const YEARS_DAYS = 3650;
const HEIGHT_CM = 180;

/** mulberry32: a small, fast, seedable PRNG (public-domain algorithm by Tommy Ettinger). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Days since start of treatment milestones, counted back from today. */
const STARTED = { lisinopril: 3000, simvastatin: 2900, metformin: 2500, atorvastatin: 1800 } as const;

export function buildHeavyChart(c: Chart): void {
  const rand = seededRandom(SEED);
  const noise = (sd: number): number => (rand() + rand() + rand() - 1.5) * 2 * sd;
  const round = (v: number, digits = 0): number => Math.round(v * 10 ** digits) / 10 ** digits;

  c.condition(CONDITION.hypertension, 3400);
  c.condition(CONDITION.hyperlipidemia, 3000);
  c.condition(CONDITION.diabetesType2, STARTED.metformin);
  c.medication({ drug: RXNORM.lisinopril10, startedDaysAgo: STARTED.lisinopril, dosage: 'Take 1 tablet by mouth once daily', timesPerDay: 1 });
  c.medication({ drug: RXNORM.simvastatin20, startedDaysAgo: STARTED.simvastatin, dosage: 'Take 1 tablet by mouth once daily', timesPerDay: 1, status: 'stopped' });
  c.medication({ drug: RXNORM.atorvastatin80, startedDaysAgo: STARTED.atorvastatin, dosage: 'Take 1 tablet by mouth once daily', timesPerDay: 1 });
  c.medication({ drug: RXNORM.metforminEr500, startedDaysAgo: STARTED.metformin, dosage: 'Take 1 tablet by mouth twice daily', timesPerDay: 2 });
  c.familyHistory(RELATIONSHIP.father, CONDITION.myocardialInfarction, 61);

  // Vitals every 3 days: blood pressure panel and heart rate; weight and BMI weekly.
  for (let d = YEARS_DAYS; d >= 1; d -= 3) {
    const treated = d < STARTED.lisinopril;
    c.bloodPressurePanel(round((treated ? 131 : 146) + noise(7)), round((treated ? 80 : 90) + noise(5)), d);
    c.quantity(LOINC.heartRate, round(72 + noise(6)), d);
  }
  for (let d = YEARS_DAYS - 1; d >= 1; d -= 7) {
    const weight = round(96 - (6 * (YEARS_DAYS - d)) / YEARS_DAYS + noise(0.8), 1);
    c.quantity(LOINC.bodyWeight, weight, d);
    c.quantity(LOINC.bmi, round(weight / (HEIGHT_CM / 100) ** 2, 1), d);
  }
  for (let year = 0; year < 10; year++) {
    c.quantity(LOINC.bodyHeight, HEIGHT_CM, 3640 - year * 365);
    c.smoking(SMOKING.former, 3640 - year * 365);
  }

  // Monthly labs: lipid panel, basic metabolic panel with eGFR, HbA1c, blood count, ALT.
  for (let d = YEARS_DAYS - 5; d >= 1; d -= 30) {
    const ldlBase = d >= STARTED.simvastatin ? 162 : d >= STARTED.atorvastatin ? 118 : 78;
    const hdl = round(42 + noise(3));
    const tg = round(165 + noise(25));
    const ldl = round(ldlBase + noise(8));
    c.quantity(LOINC.totalCholesterol, round(ldl + hdl + tg / 5), d);
    c.quantity(LOINC.hdl, hdl, d);
    c.quantity(LOINC.ldlCalculated, ldl, d);
    c.quantity(LOINC.triglycerides, tg, d);
    const creatinine = round(0.95 + ((YEARS_DAYS - d) / YEARS_DAYS) * 0.2 + noise(0.05), 2);
    const ageThen = c.person.age - Math.floor(d / 365.25);
    c.quantity(LOINC.creatinine, creatinine, d);
    c.quantity(LOINC.egfrCkdEpi2021, ckdEpi2021(creatinine, ageThen, c.person.gender), d);
    c.quantity(LOINC.glucose, round((d < STARTED.metformin ? 138 : 112) + noise(12)), d);
    c.quantity(LOINC.bun, round(16 + noise(3)), d);
    c.quantity(LOINC.sodium, round(140 + noise(2)), d);
    c.quantity(LOINC.potassium, round(4.3 + noise(0.3), 1), d);
    c.quantity(LOINC.chloride, round(103 + noise(2)), d);
    c.quantity(LOINC.bicarbonate, round(25 + noise(2)), d);
    c.quantity(LOINC.calcium, round(9.4 + noise(0.3), 1), d);
    c.quantity(LOINC.hba1c, round((d < STARTED.metformin ? 7.2 : 6.1) + noise(0.3), 1), d);
    c.quantity(LOINC.hemoglobin, round(14.6 + noise(0.6), 1), d);
    c.quantity(LOINC.wbc, round(6.8 + noise(1), 1), d);
    c.quantity(LOINC.platelets, round(240 + noise(30)), d);
    c.quantity(LOINC.alt, round(28 + noise(6)), d);
  }
}

