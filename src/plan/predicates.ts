/**
 * Small named conditions over the chart facts and risk results, combined with all/any/not so each rule's condition
 * reads like its guideline. Three-valued: an unknown fact gives 'unknown' (never false), and says which fact it needs;
 * a stale value is used but named, so the engine can suggest repeating the test.
 */
import { isKnown, type ChartFacts, type Fact, type FactKey, type KnownFact, type Quantity, type QuantityKey } from '../chart/types.ts';
import { formatQuantity } from '../risk/inputDisplay.ts';
import type { FactInput } from '../risk/chartInputs.ts';
import type { ModelId, RiskKey } from '../risk/types.ts';
import type { Condition, FactNeed, Finding, PlanContext } from './types.ts';

const YES = (evidence: string[] = [], needs: FactNeed[] = []): Finding => ({ truth: 'yes', evidence, needs });
const NO: Finding = { truth: 'no', evidence: [], needs: [] };
const UNKNOWN = (needs: FactNeed[]): Finding => ({ truth: 'unknown', evidence: [], needs });

/** Short names physicians use for the facts a rule quotes. */
const LABEL: Partial<Record<FactKey, string>> = {
  ldl: 'LDL-C', hdl: 'HDL-C', totalCholesterol: 'total cholesterol', triglycerides: 'triglycerides', hba1c: 'HbA1c', egfr: 'eGFR',
  uacr: 'UACR', potassium: 'potassium', bmi: 'BMI', weight: 'weight', physicalActivity: 'physical activity', alcoholAuditC: 'AUDIT-C',
  systolicBP: 'office systolic BP', diastolicBP: 'office diastolic BP', homeSystolicBP: 'home systolic BP', homeDiastolicBP: 'home diastolic BP',
  age: 'age',
};

export const labelOf = (key: FactKey): string => LABEL[key] ?? key;
const day = (date: string | undefined) => (date ? ` (${date.slice(0, 10)})` : '');

/** "LDL-C 214 mg/dL (2026-02-08)": a quantity fact as a rule quotes it. */
export function quoted(key: QuantityKey, fact: KnownFact<Quantity>): string {
  return `${labelOf(key)} ${formatQuantity(fact.value.value, fact.value.unit)}${day(fact.date)}`;
}

function missing(facts: ChartFacts, key: FactKey): FactNeed {
  const fact = facts[key];
  return { fact: key, why: 'missing', detail: fact.state === 'unknown' ? fact.reason : `${labelOf(key)} unknown` };
}

function staleNeed(key: FactKey, fact: KnownFact<unknown>): FactNeed[] {
  const s = fact.staleness;
  return s?.level === 'stale' ? [{ fact: key, why: 'stale', detail: `${labelOf(key)} last recorded${day(fact.date)}, ${s.ageDays} days ago (stale after ${s.oldDays})` }] : [];
}

/** A quantity fact compared by `test`: yes/no with the value quoted, unknown when the fact is. */
export function quantity(key: QuantityKey, test: (value: number) => boolean): Condition {
  return ({ facts }) => {
    const fact: Fact<Quantity> = facts[key];
    if (!isKnown(fact)) return UNKNOWN([missing(facts, key)]);
    return test(fact.value.value) ? YES([quoted(key, fact)], staleNeed(key, fact)) : NO;
  };
}

export const atLeast = (key: QuantityKey, min: number): Condition => quantity(key, (v) => v >= min);
export const below = (key: QuantityKey, max: number): Condition => quantity(key, (v) => v < max);
export const between = (key: QuantityKey, min: number, maxExclusive: number): Condition => quantity(key, (v) => v >= min && v < maxExclusive);

/** Age in whole years within [min, max] (inclusive, as the guidelines write "40 to 75 years"). */
export function ageBetween(min: number, max: number): Condition {
  return ({ facts }) => {
    const age = facts.age;
    if (!isKnown(age)) return UNKNOWN([missing(facts, 'age')]);
    const years = Math.floor(age.value.value);
    return years >= min && years <= max ? YES([`age ${years}`]) : NO;
  };
}
export const ageOver = (min: number): Condition => ageBetween(min + 1, Number.POSITIVE_INFINITY);
export const ageAtLeast = (min: number): Condition => ageBetween(min, Number.POSITIVE_INFINITY);

export type BooleanKey = { [K in FactKey]: ChartFacts[K] extends Fact<boolean> ? K : never }[FactKey];

const DIAGNOSIS_WORDS: Partial<Record<BooleanKey, string>> = {
  ascvd: 'clinical ASCVD', diabetes: 'diabetes', hypertension: 'hypertension', heartFailure: 'heart failure', smoker: 'current smoker',
  familyHistoryPrematureAscvd: 'family history of premature ASCVD', familialHypercholesterolaemia: 'familial hypercholesterolaemia',
  onBPTreatment: 'on BP treatment', statinIntolerance: 'statin intolerance recorded', pregnant: 'pregnant', onStatin: 'on a statin',
};

/** A yes/no fact is true; the evidence names the diagnoses or the chart's note behind it. */
export function has(key: BooleanKey): Condition {
  return ({ facts }) => {
    const fact = facts[key];
    if (!isKnown(fact)) return UNKNOWN([missing(facts, key)]);
    if (!fact.value) return NO;
    const named = [...new Set(fact.sources.flatMap((s) => (s.value && s.resourceType === 'Condition' ? [s.value] : [])))];
    const words = DIAGNOSIS_WORDS[key] ?? key;
    return YES([named.length > 0 ? `${words} (${named.join(', ')})` : fact.note ? `${words} (${fact.note})` : words], staleNeed(key, fact));
  };
}

export function not(c: Condition): Condition {
  return (ctx) => {
    const f = c(ctx);
    return f.truth === 'yes' ? NO : f.truth === 'no' ? YES() : f;
  };
}

/** All hold: no if any is no; unknown (with what is missing) if any is unknown; else yes with every piece of evidence. */
export function all(...conditions: Condition[]): Condition {
  return (ctx) => {
    const findings: Finding[] = [];
    for (const c of conditions) {
      const f = c(ctx);
      if (f.truth === 'no') return NO;
      findings.push(f);
    }
    const needs = findings.flatMap((f) => f.needs);
    return findings.some((f) => f.truth === 'unknown') ? UNKNOWN(needs) : YES(findings.flatMap((f) => f.evidence), needs);
  };
}

/** One holds: yes with the evidence of those that hold (what is missing elsewhere does not matter then). */
export function any(...conditions: Condition[]): Condition {
  return (ctx) => {
    const findings = conditions.map((c) => c(ctx));
    const yes = findings.filter((f) => f.truth === 'yes');
    if (yes.length > 0) return YES(yes.flatMap((f) => f.evidence), yes.flatMap((f) => f.needs));
    const unknown = findings.filter((f) => f.truth === 'unknown');
    return unknown.length > 0 ? UNKNOWN(unknown.flatMap((f) => f.needs)) : NO;
  };
}

/**
 * Unknown read as absent: for counting risk factors or enhancers, where the guideline's recommendation without them is
 * the floor (an unrecorded family history does not block the moderate-intensity statin a diabetic patient needs).
 */
export function orAbsent(c: Condition): Condition {
  return (ctx) => {
    const f = c(ctx);
    return f.truth === 'unknown' ? NO : f;
  };
}

/** At least `n` of the conditions hold (e.g. "multiple ASCVD risk factors"); unknown when the unknown ones could tip it. */
export function atLeastOf(n: number, ...conditions: Condition[]): Condition {
  return (ctx) => {
    const findings = conditions.map((c) => c(ctx));
    const yes = findings.filter((f) => f.truth === 'yes');
    const unknown = findings.filter((f) => f.truth === 'unknown');
    if (yes.length >= n) return YES(yes.flatMap((f) => f.evidence), yes.flatMap((f) => f.needs));
    return yes.length + unknown.length >= n ? UNKNOWN(unknown.flatMap((f) => f.needs)) : NO;
  };
}

/** Takes a drug of one of these classes (DRUG_CLASSES keys); unknown when medications did not load. */
export function takes(...classes: string[]): Condition {
  return ({ facts }) => {
    const drugs = facts.drugs;
    if (!isKnown(drugs)) return UNKNOWN([missing(facts, 'drugs')]);
    const taken = drugs.value.filter((d) => classes.includes(d.drugClass));
    return taken.length > 0 ? YES([`takes ${taken.map((d) => d.ingredient).join(', ')}`]) : NO;
  };
}

/** A result's risk (fraction) from one of the models, the first applicable one; out-of-range is unknown and unfixable. */
function modelRisk(ctx: PlanContext, models: readonly ModelId[], key: RiskKey): { value: number; text: string } | { needs: FactNeed[] } {
  for (const model of models) {
    const r = ctx.results[model];
    const value = r?.applicable ? r.risks[key] : undefined;
    if (value !== undefined) return { value, text: `${MODEL_WORDS[model]} ${RISK_WORDS[key]} ${(value * 100).toFixed(1)} %` };
  }
  const needs = models.flatMap((m) => MODEL_INPUTS[m]).flatMap((input): FactNeed[] => {
    const m = ctx.inputs.missing[input];
    return m ? [{ fact: m.fact, why: 'missing', detail: m.reason }] : [];
  });
  return { needs: dedupeNeeds(needs) };
}

const MODEL_WORDS: Record<ModelId, string> = { pce: 'PCE', prevent: 'PREVENT', kfre4: 'KFRE (4-variable)', kfre8: 'KFRE (8-variable)' };
const RISK_WORDS: Partial<Record<RiskKey, string>> = { ascvd_10y: '10-year ASCVD risk', kidney_failure_5y: '5-year kidney-failure risk', kidney_failure_2y: '2-year kidney-failure risk' };
/** The chart-read inputs each model needs (Goff 2013; Tangri 2011/2016), so a missing one can be named as a test to repeat. */
const MODEL_INPUTS: Record<ModelId, readonly FactInput[]> = {
  pce: ['age', 'sex', 'race', 'totalCholesterol', 'hdl', 'systolicBP', 'onBPTreatment', 'smoker', 'diabetes'],
  prevent: ['age', 'sex', 'totalCholesterol', 'hdl', 'systolicBP', 'onBPTreatment', 'smoker', 'diabetes', 'egfr', 'bmi'],
  kfre4: ['age', 'sex', 'egfr', 'uacr'],
  kfre8: ['age', 'sex', 'egfr', 'uacr', 'calcium', 'phosphate', 'bicarbonate', 'albumin'],
};

export function dedupeNeeds(needs: readonly FactNeed[]): FactNeed[] {
  const seen = new Set<string>();
  return needs.filter((n) => (seen.has(`${n.fact}:${n.why}`) ? false : (seen.add(`${n.fact}:${n.why}`), true)));
}

/** The PCE 10-year ASCVD risk (the 2018/2019 ACC/AHA thresholds are defined on it) tested against a bound. */
export function pceRisk(test: (risk: number) => boolean): Condition {
  return (ctx) => {
    const r = modelRisk(ctx, ['pce'], 'ascvd_10y');
    if ('needs' in r) return UNKNOWN(r.needs);
    return test(r.value) ? YES([r.text]) : NO;
  };
}

/** KFRE 5-year kidney-failure risk, 8-variable when it could be computed, else 4-variable. */
export function kfre5y(test: (risk: number) => boolean): Condition {
  return (ctx) => {
    const r = modelRisk(ctx, ['kfre8', 'kfre4'], 'kidney_failure_5y');
    if ('needs' in r) return UNKNOWN(r.needs.filter((n) => n.fact === 'egfr' || n.fact === 'uacr'));
    return test(r.value) ? YES([r.text]) : NO;
  };
}

/**
 * Average office BP: the 12-month mean when the chart has one (the 2017 guideline decides on averages of readings on
 * several occasions), else the latest reading. Systolic ≥ sys OR diastolic ≥ dia, as the guideline's thresholds read.
 */
export function officeBpAtLeast(sys: number, dia: number): Condition {
  return bpAtLeast('systolicBP', sys, dia, 'office');
}
export function homeBpAtLeast(sys: number, dia: number): Condition {
  return bpAtLeast('homeSystolicBP', sys, dia, 'home');
}

export interface BpReading {
  systolic: number;
  diastolic?: number;
  text: string;
  stale: FactNeed[];
}

/** The BP a rule decides on: the 12-month mean (with its count) or the latest reading, and how it was made. */
export function bpReading(facts: ChartFacts, where: 'office' | 'home'): BpReading | undefined {
  const [sKey, dKey] = where === 'office' ? (['systolicBP', 'diastolicBP'] as const) : (['homeSystolicBP', 'homeDiastolicBP'] as const);
  const s = facts[sKey];
  const d = facts[dKey];
  if (!isKnown(s)) return undefined;
  const mean = (f: typeof s) => (f.origin === 'chart' && f.summary12Months && f.summary12Months.count >= 2 ? f.summary12Months : undefined);
  const sm = mean(s);
  const dm = isKnown(d) ? mean(d) : undefined;
  const systolic = sm ? sm.mean : s.value.value;
  const diastolic = isKnown(d) ? (dm ? dm.mean : d.value.value) : undefined;
  const value = `${Math.round(systolic)}${diastolic !== undefined ? `/${Math.round(diastolic)}` : ''} mmHg`;
  const how = sm ? `mean of ${sm.count} readings in 12 months${sm.complete ? '' : ', not all loaded'}` : `latest${s.date ? `, ${s.date.slice(0, 10)}` : ''}`;
  return { systolic, ...(diastolic !== undefined ? { diastolic } : {}), text: `${where} BP ${value} (${how})`, stale: staleNeed(sKey, s) };
}

function bpAtLeast(sKey: 'systolicBP' | 'homeSystolicBP', sys: number, dia: number, where: 'office' | 'home'): Condition {
  return ({ facts }) => {
    const bp = bpReading(facts, where);
    if (!bp) return UNKNOWN([missing(facts, sKey)]);
    const high = bp.systolic >= sys || (bp.diastolic !== undefined && bp.diastolic >= dia);
    return high ? YES([bp.text], bp.stale) : NO;
  };
}

const ckdOnProblemList: Condition = ({ facts }) => (isKnown(facts.ckdStage) ? YES([`CKD stage ${facts.ckdStage.value} on the problem list`]) : NO);

/**
 * People KDIGO 2024 asks to test for CKD (practice point 1.1.1: hypertension, diabetes, cardiovascular disease), or with
 * a low eGFR or a CKD diagnosis: only for them does a missing albuminuria result change a decision (unrecorded
 * conditions are not counted).
 */
export const ckdRiskGroup: Condition = any(...[has('diabetes'), has('hypertension'), has('ascvd'), has('heartFailure'), below('egfr', 60), ckdOnProblemList].map(orAbsent));

/** CKD by the KDIGO 2024 definition as far as the chart shows it: eGFR < 60, a CKD diagnosis, or albuminuria ≥ 30 mg/g. */
export const hasCkd: Condition = any(below('egfr', 60), ckdOnProblemList, all(ckdRiskGroup, atLeast('uacr', 30)));
