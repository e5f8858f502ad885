/**
 * Checks that rule a suggested activity out, with the reason shown under "not suggested because …". The engine runs
 * the general ones on every medication (already taking it, allergy or intolerance, pregnancy); rules add their own
 * (kidney function and potassium limits, out-of-office BP).
 */
import { isKnown, type ChartFacts } from '../chart/types.ts';
import { formatQuantity } from '../risk/inputDisplay.ts';
import { classLabel } from './drugs.ts';
import { bpReading } from './predicates.ts';
import type { Activity, Check, PlanContext } from './types.ts';

/** The outcome of a check: the reason, and whether it means the need is already met (then no alternative is tried). */
export interface CheckResult {
  reason: string;
  met?: boolean;
}

/**
 * Classes that do the same job: starting one while the patient takes another is "already treated" (ACE inhibitor with
 * an ARB is also advised against: KDIGO 2024, avoid combining ACEi, ARB and direct renin inhibitor).
 */
const SAME_JOB: Readonly<Record<string, readonly string[]>> = {
  aceInhibitor: ['aceInhibitor', 'arb'],
  arb: ['aceInhibitor', 'arb'],
};

/** Starting or adding a drug the patient already takes (same ingredient, or a class that does the same job). */
export function alreadyTakes(facts: ChartFacts, a: Activity): CheckResult | undefined {
  if (a.kind !== 'medication' || !isKnown(facts.drugs)) return undefined;
  // Intensifying or switching names a drug the patient takes on purpose; only a new start can duplicate one.
  if (a.action !== 'start' && a.action !== 'add' && a.action !== 'rechallenge') return undefined;
  const sameIngredient = facts.drugs.value.find((d) => d.ingredient === a.ingredient);
  if (sameIngredient) return { reason: `already takes ${sameIngredient.ingredient}`, met: true };
  if (a.action === 'rechallenge') return undefined;
  const classes = a.drugClass ? (SAME_JOB[a.drugClass] ?? [a.drugClass]) : [];
  const taken = facts.drugs.value.find((d) => classes.includes(d.drugClass));
  return taken ? { reason: `already takes ${taken.ingredient} (${classLabel(taken.drugClass)})`, met: true } : undefined;
}

/**
 * An active allergy or intolerance to the ingredient, or to its class. A class-level intolerance (e.g. statin-
 * associated muscle symptoms recorded as "Statins", type intolerance) still allows the guideline's low-dose rechallenge
 * of another statin (action 'rechallenge'); a class-level allergy allows nothing of that class.
 */
export function allergyConflict(facts: ChartFacts, a: Activity): CheckResult | undefined {
  if (a.kind !== 'medication' || a.action === 'stop' || a.action === 'avoid') return undefined;
  const list = isKnown(facts.drugAllergies) ? facts.drugAllergies.value : [];
  const byIngredient = list.find((r) => r.ingredient !== undefined && r.ingredient === a.ingredient);
  if (byIngredient) return { reason: `${byIngredient.type} to ${byIngredient.display} recorded${recorded(byIngredient.source.date)}` };
  const classRecords = list.filter((r) => r.ingredient === undefined && r.drugClass !== undefined && r.drugClass === a.drugClass);
  // An allergy outranks an intolerance to the same class: it rules out the rechallenge too.
  const byClass = classRecords.find((r) => r.type === 'allergy') ?? classRecords[0];
  if (byClass && (byClass.type === 'allergy' || a.action !== 'rechallenge')) {
    return { reason: `${byClass.type} to ${byClass.display} (${classLabel(byClass.drugClass ?? '')}) recorded${recorded(byClass.source.date)}` };
  }
  // The chart layer's own statin-intolerance fact covers statin records the allergy list could not class.
  const listed = list.some((r) => r.drugClass === 'statin');
  if (a.drugClass === 'statin' && a.action !== 'rechallenge' && !listed && isKnown(facts.statinIntolerance) && facts.statinIntolerance.value) {
    return { reason: 'statin intolerance recorded: a standard statin is not suggested (a low-dose rechallenge of another statin is listed instead)' };
  }
  return undefined;
}

const recorded = (date: string | undefined) => (date ? ` (${date.slice(0, 10)})` : '');

/**
 * Drugs not started in pregnancy:
 * - statins: 2018 AHA/ACC cholesterol guideline §4.5 (women who become pregnant stop the statin; I, C-LD);
 * - ACE inhibitors and ARBs: FDA boxed warning (fetal toxicity); 2017 ACC/AHA BP guideline §10.2 (not in pregnancy);
 * - SGLT2 inhibitors and GLP-1 RAs: ADA Standards of Care 2025 §15 (insulin preferred in pregnancy; not verified).
 */
const NOT_IN_PREGNANCY: Readonly<Record<string, string>> = {
  statin: 'statins are stopped in pregnancy (2018 AHA/ACC, I, C-LD)',
  ezetimibe: 'lipid-lowering drugs are stopped in pregnancy (2018 AHA/ACC)',
  aceInhibitor: 'ACE inhibitors harm the fetus (FDA boxed warning)',
  arb: 'ARBs harm the fetus (FDA boxed warning)',
  sglt2i: 'SGLT2 inhibitors are not used in pregnancy (ADA 2025 §15)',
  glp1ra: 'GLP-1 receptor agonists are not used in pregnancy (ADA 2025 §15)',
};

export function pregnancyConflict(facts: ChartFacts, a: Activity): CheckResult | undefined {
  const why = a.kind === 'medication' && a.drugClass ? NOT_IN_PREGNANCY[a.drugClass] : undefined;
  if (!why || a.action === 'stop' || a.action === 'avoid') return undefined;
  return isKnown(facts.pregnant) && facts.pregnant.value ? { reason: `pregnant: ${why}` } : undefined;
}

/** Cautions the engine cannot resolve from the chart, shown with the suggestion. */
export function cautionsFor(facts: ChartFacts, a: Activity): string[] {
  if (a.kind !== 'medication') return [];
  const out: string[] = [];
  if (!isKnown(facts.drugs)) out.push(`medications not loaded (${facts.drugs.reason}): check what the patient already takes`);
  if (!isKnown(facts.drugAllergies)) out.push(`allergies not loaded (${facts.drugAllergies.reason}): check allergies before prescribing`);
  const childBearing = isKnown(facts.sex) && facts.sex.value === 'female' && isKnown(facts.age) && facts.age.value.value < 50;
  if (a.drugClass && NOT_IN_PREGNANCY[a.drugClass] && childBearing && !isKnown(facts.pregnant)) out.push(`pregnancy status unknown: ${NOT_IN_PREGNANCY[a.drugClass]}`);
  const aceAllergy = a.drugClass === 'arb' && isKnown(facts.drugAllergies) ? facts.drugAllergies.value.find((r) => r.drugClass === 'aceInhibitor') : undefined;
  // ARBs are the usual alternative after ACE-inhibitor angioedema, but angioedema can recur on them (rarely).
  if (aceAllergy) out.push(`${aceAllergy.type} to ${aceAllergy.display} recorded: angioedema can recur on an ARB (rare); start with the patient warned and watched`);
  return out;
}

/** The engine's own checks, in order. */
export function generalChecks(facts: ChartFacts, a: Activity): CheckResult | undefined {
  return alreadyTakes(facts, a) ?? allergyConflict(facts, a) ?? pregnancyConflict(facts, a);
}

/** Rule check: a drug of `drugClass` is not started below an eGFR (drug label or guideline limit, cited by the rule). */
export function eGfrAtLeast(drugClass: string, min: number, source: string): Check {
  return ({ facts }, a) => {
    if (a.drugClass !== drugClass || (a.action !== 'start' && a.action !== 'add')) return undefined;
    const egfr = facts.egfr;
    if (!isKnown(egfr)) return `eGFR unknown (${egfr.reason}): the ${source} limit of ${min} cannot be checked`;
    return egfr.value.value < min ? `eGFR ${formatQuantity(egfr.value.value, egfr.value.unit)} is below ${min} (${source})` : undefined;
  };
}

/** Rule check: not started when potassium is above a limit (an unknown potassium is named by the repeat-test rule instead). */
export function potassiumAtMost(param: string, fallback: number, source: string): Check {
  return ({ facts }, a, params) => {
    const max = params[param] ?? fallback;
    if (a.action !== 'start' && a.action !== 'add') return undefined;
    const k = facts.potassium;
    if (!isKnown(k)) return undefined;
    return k.value.value > max ? `potassium ${formatQuantity(k.value.value, k.value.unit)} is above ${max} mmol/L (${source})` : undefined;
  };
}

/**
 * Rule check (2017 ACC/AHA §4.2, out-of-office BP confirms the diagnosis and guides titration, I, A): home readings
 * averaging below the home equivalent of the office threshold mean the office readings overstate the BP.
 */
export function homeBpBelow(sys: number, dia: number): Check {
  return ({ facts }: PlanContext) => {
    const home = bpReading(facts, 'home');
    if (!home || home.diastolic === undefined) return undefined;
    return home.systolic < sys && home.diastolic < dia ? `${home.text} is below the home-reading equivalent of ${sys}/${dia} mmHg: office readings may overstate BP (white-coat effect); confirm with ambulatory or more home readings before treating` : undefined;
  };
}
