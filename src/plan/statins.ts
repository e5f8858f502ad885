/**
 * Which statin, at which dose, for this patient: the intensity a rule asks for (2018 AHA/ACC Table 3, as
 * STATIN_INTENSITY in src/chart/valueSets/medications.ts), within the CPIC 2022 SLCO1B1 dose limits, avoiding any
 * statin the patient is allergic or intolerant to, and stepping up from what the patient already takes.
 */
import { isKnown, type ChartFacts, type Slco1b1Result, type StatinIntensity, type StatinUse } from '../chart/types.ts';
import { STATIN_INTENSITY } from '../chart/valueSets/medications.ts';
import { medication } from './drugs.ts';
import type { Activity } from './types.ts';

type ReducedFunction = Extract<Slco1b1Result['phenotype'], 'decreased function' | 'possible decreased function' | 'poor function'>;

/**
 * CPIC 2022 SLCO1B1 statin recommendations (Cooper-DeHoff RM et al., Clin Pharmacol Ther 2022;111:1007–1021, Figure 1
 * and Tables 2–8): the highest starting dose in mg/day, or 'avoid' (prescribe an alternative statin).
 * - simvastatin: decreased/possible decreased: alternative statin, or < 20 mg/day if simvastatin is warranted; poor:
 *   alternative statin (both "strong"). Verified: NCBI Medical Genetics Summaries, Simvastatin Table 1 (CPIC 2022).
 * - atorvastatin: decreased ≤ 40 mg, poor ≤ 20 mg. Verified: UF Health Precision Medicine SLCO1B1–atorvastatin page.
 * - rosuvastatin ≤ 20 mg (decreased) / ≤ 10 mg (poor), pravastatin ≤ 40 mg (both), pitavastatin ≤ 2 mg / ≤ 1 mg,
 *   fluvastatin ≤ 40 mg (poor), lovastatin alternative statin: from the CPIC figure as recalled, NOT verified in a
 *   second source (UF Health's atorvastatin page suggests rosuvastatin ≤ 20 mg for poor function, which would be
 *   less strict than ≤ 10 mg here).
 * "Avoid" for simvastatin is Tailor's reading of "prescribe an alternative statin": the < 20 mg fallback is below every
 * moderate-intensity simvastatin dose, so Tailor never suggests it.
 */
export const CPIC_SLCO1B1_MAX_MG: Record<ReducedFunction, Partial<Record<string, number | 'avoid'>>> = {
  'decreased function': { simvastatin: 'avoid', lovastatin: 'avoid', atorvastatin: 40, rosuvastatin: 20, pravastatin: 40, pitavastatin: 2 },
  'possible decreased function': { simvastatin: 'avoid', lovastatin: 'avoid', atorvastatin: 40, rosuvastatin: 20, pravastatin: 40, pitavastatin: 2 },
  'poor function': { simvastatin: 'avoid', lovastatin: 'avoid', atorvastatin: 20, rosuvastatin: 10, pravastatin: 40, pitavastatin: 1, fluvastatin: 40 },
};

/** Tailor's order of preference when starting: the two statins with a high-intensity dose first, then hydrophilic pravastatin. */
const PREFERENCE = ['atorvastatin', 'rosuvastatin', 'pravastatin', 'pitavastatin', 'fluvastatin', 'simvastatin', 'lovastatin'];
const RANK: Record<StatinIntensity, number> = { low: 0, moderate: 1, high: 2 };

export function reducedSlco1b1(facts: ChartFacts): ReducedFunction | undefined {
  const p = isKnown(facts.slco1b1) ? facts.slco1b1.value.phenotype : undefined;
  return p === 'decreased function' || p === 'possible decreased function' || p === 'poor function' ? p : undefined;
}

/** Statin ingredients the patient is allergic or intolerant to by name (a class record is handled by the engine's check). */
function namedIntolerances(facts: ChartFacts): Set<string> {
  return new Set(isKnown(facts.drugAllergies) ? facts.drugAllergies.value.flatMap((a) => (a.ingredient ? [a.ingredient] : [])) : []);
}

export interface Regimen {
  activity: Activity;
  notes: string[];
}

/**
 * The first statin (in PREFERENCE order) that has a dose of the wanted intensity within its CPIC limit and that the
 * patient is not recorded as intolerant to. When none reaches high intensity (SLCO1B1 poor function), the strongest
 * allowed moderate dose, and a note that CPIC then suggests combination therapy.
 */
export function statinRegimen(facts: ChartFacts, intensity: StatinIntensity, action: Activity['action'] = 'start', exclude: readonly string[] = []): Regimen | undefined {
  const phenotype = reducedSlco1b1(facts);
  const caps = phenotype ? CPIC_SLCO1B1_MAX_MG[phenotype] : {};
  const named = namedIntolerances(facts);
  const notes: string[] = [];
  for (const wanted of RANK[intensity] === 2 ? (['high', 'moderate'] as const) : [intensity]) {
    for (const ingredient of PREFERENCE) {
      if (named.has(ingredient) || exclude.includes(ingredient)) continue;
      const band = STATIN_INTENSITY.find((s) => s.ingredient === ingredient && s.intensity === wanted);
      const cap = caps[ingredient];
      if (!band || cap === 'avoid') continue;
      const [min, max] = band.mg;
      const top = cap === undefined ? max : Math.min(max, cap);
      if (top < min) continue;
      if (cap !== undefined && phenotype) notes.push(`SLCO1B1 ${phenotype}: ${ingredient} at most ${cap} mg a day (CPIC 2022)`);
      if (wanted !== intensity) notes.push(`SLCO1B1 ${phenotype ?? ''}: no statin reaches high intensity within the CPIC dose limits; CPIC suggests combination therapy (e.g. adding ezetimibe)`);
      const dose = min === top ? `${min} mg once daily` : `${min}–${top} mg once daily`;
      return { activity: medication(ingredient, action, dose, wanted), notes };
    }
  }
  return undefined;
}

/** What the patient takes now, from the chart: no statin, one (with its intensity if the dose is known), or unknown. */
export type CurrentStatin = { state: 'none' } | { state: 'taking'; use: StatinUse } | { state: 'unknown'; reason: string };

export function currentStatin(facts: ChartFacts): CurrentStatin {
  const s = facts.statin;
  if (!isKnown(s)) return { state: 'unknown', reason: s.reason };
  return s.value ? { state: 'taking', use: s.value } : { state: 'none' };
}

export const statinUseText = (u: StatinUse): string => `${u.ingredient}${u.doseMg !== undefined ? ` ${u.doseMg} mg` : ''}${u.intensity ? ` (${u.intensity} intensity)` : ''}`;

/**
 * The statin step for a wanted intensity: start when the patient takes none; intensify (the same statin when it can
 * reach the intensity within CPIC limits, else a switch) when the current intensity is lower; nothing when it is
 * already at or above it (the reason is returned), or when the current dose is not recorded.
 */
export function statinStep(facts: ChartFacts, intensity: StatinIntensity): { regimen: Regimen } | { already: string } {
  const current = currentStatin(facts);
  if (current.state === 'unknown') return { already: `statin use unknown (${current.reason})` };
  if (current.state === 'none') {
    const regimen = statinRegimen(facts, intensity);
    return regimen ? { regimen } : { already: 'no statin fits the recorded allergies and SLCO1B1 dose limits' };
  }
  const use = current.use;
  if (!use.intensity) return { already: `on ${statinUseText(use)}, daily dose not recorded: check the dose before changing it` };
  if (RANK[use.intensity] >= RANK[intensity]) return { already: `already on ${statinUseText(use)}` };
  const same = statinRegimen(facts, intensity, 'intensify', PREFERENCE.filter((p) => p !== use.ingredient));
  if (same && same.activity.intensity === intensity) return { regimen: { ...same, notes: [`on ${statinUseText(use)}: intensify`, ...same.notes] } };
  const other = statinRegimen(facts, intensity, 'switch', [use.ingredient]);
  return other ? { regimen: { ...other, notes: [`on ${statinUseText(use)}, which cannot reach ${intensity} intensity here: switch`, ...other.notes] } } : { already: `on ${statinUseText(use)}; no statin reaches ${intensity} intensity within the recorded limits` };
}
