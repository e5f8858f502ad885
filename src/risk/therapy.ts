/**
 * Therapy impact (issue 7): what a statin, BP lowering to target, stopping smoking and aspirin would do to the
 * patient's 10-year primary-prevention risk, alone and combined. Effects are relative risks from the Million Hearts
 * Longitudinal ASCVD Risk Assessment Tool (the evidence the ACC ASCVD Risk Estimator Plus "Therapy Impact" is built
 * on), combined by multiplying them (never by adding reductions, as the Cerner ASCVD app does), and never taken below
 * the risk of the same person with optimal risk factors. Pure: the lead scores `optimalInputs` and passes the risk in.
 */
import { valueOf, type ChartFacts, type KnownFact, type Quantity, type StatinIntensity, type StatinUse } from '../chart/types.ts';
import { REFERENCE as PCE_OPTIMAL_FACTORS } from './models/pce.ts';
import { CHOLESTEROL_MG_DL_TO_MMOL_L } from './models/prevent.ts';
import type { RiskInputs } from './types.ts';
import type { TherapyId, TherapyImpact, TherapyOption, TherapyProjection } from './viewModel.ts';

const MILLION_HEARTS = 'Million Hearts Longitudinal ASCVD Risk Assessment Tool (Lloyd-Jones DM et al., Circulation 2017;135:e793–e813), Table 2';

/**
 * Relative risks of ASCVD events, Million Hearts tool Table 2 (PMC6027623). Checked against a second source:
 * - statin: 0.75 (0.70–0.80) per 1 mmol/L (38.7 mg/dL) LDL-C lowering. CTT Lancet 2010;376:1670 gives 0.78
 *   (0.76–0.80) per mmol/L for major vascular events and CTT Lancet 2012;380:581 0.62–0.69 in its two lowest-risk
 *   groups: corroborated (same order, Million Hearts slightly stronger than CTT's pooled figure).
 * - BP lowering: 0.65 per 10 mmHg SBP, the table's aggregate for all ASCVD (CHD 0.79, stroke 0.54 per 10 mmHg).
 *   Not confirmed: Ettehad D et al., Lancet 2016;387:957 gives 0.80 (major CVD), 0.83 (CHD), 0.73 (stroke) per
 *   10 mmHg, so 0.65 may overstate the effect; used because it is the figure the ACC Estimator's tool rests on.
 * - smoking cessation: 0.73 "overall" (0.85 at 1 y, 0.73 at 2 y, 0.62 at 3 y, 0.53 at ≥ 4 y; derived from Lee et al.).
 *   For a 10-year projection the overall figure is used, not the ≥ 4-year 0.53: the full effect is reached only after
 *   about 4 years of abstinence, and the pooled figure does not promise it for the whole horizon (the time average of
 *   the yearly figures over 10 years, ≈ 0.59, would be less conservative). Loosely corroborated: Duncan MS et al.,
 *   JAMA 2019;322:642 (Framingham) found HR 0.61 for CVD within 5 years of quitting vs continued smoking; the Lee et
 *   al. figures themselves were not re-read.
 * - aspirin: 0.90 (0.85–0.96); major bleeding RR 1.54 (1.30–1.82). Corroborated: ATT Collaboration, Lancet
 *   2009;373:1849 (PMC2715005), 12 % fewer serious vascular events (≈ 0.88) and major extracranial bleeds
 *   0.10 vs 0.07 % a year in primary prevention.
 */
export const THERAPY_RELATIVE_RISK = {
  statinPerMmolL: 0.75,
  bpPer10MmHg: 0.65,
  smokingCessation: 0.73,
  aspirin: 0.9,
  aspirinMajorBleeding: 1.54,
} as const;

/**
 * LDL-C lowering assumed for each statin intensity. The bands are the 2018 AHA/ACC cholesterol guideline's (Grundy SM
 * et al., Circulation 2019;139:e1082–e1143, Table 3): high ≥ 50 %, moderate 30–49 %, low < 30 %.
 * - high 50 %: the band has no upper limit, so its threshold, the lowering the guideline asks high intensity for.
 * - moderate 40 %: the middle of the 30–49 % band.
 * - low 30 % (only as a current statin, for intensification): the band has no lower limit; its upper limit makes the
 *   extra lowering from high intensity the smallest the definitions allow, so it is never overstated.
 */
export const STATIN_LDL_LOWERING: Readonly<Record<StatinIntensity, number>> = { high: 0.5, moderate: 0.4, low: 0.3 };

/** Systolic target < 130 mmHg: 2017 ACC/AHA high blood pressure guideline (Whelton PK et al., Hypertension 2018;71:e13–e115; from the guideline text). */
export const SBP_TARGET = 130;

/**
 * Aspirin for primary prevention, 2019 ACC/AHA primary prevention guideline (Arnett DK et al., Circulation
 * 2019;140:e596–e646): may be considered at ages 40–70 (IIb, A), not routinely over 70 (III: Harm, B-R) — both
 * corroborated by the Cleveland Clinic J Med comparison table of the 2022 USPSTF and 2019 ACC/AHA advice; not at any
 * age with increased bleeding risk (III: Harm, C-LD, from the guideline text, not re-read). Age is the model input's.
 */
export const ASPIRIN_AGES = { min: 40, max: 70 };

/**
 * HbA1c at the PREVENT equations' centring value (terms are HbA1c − 5.3; Khan SS et al., Circulation 2024;149:430),
 * which makes the HbA1c term zero: the glycaemic counterpart of "no diabetes".
 */
const OPTIMAL_HBA1C = 5.3;

/**
 * The same person with the ACC optimal risk factors (Goff 2013, as in the ASCVD Risk Estimator Plus "optimal risk"):
 * TC 170 mg/dL, HDL 50 mg/dL, SBP 110 mmHg untreated, non-smoker, no diabetes; age, sex and race are the patient's.
 * For PREVENT also no statin, and HbA1c (when the patient has one, so the same add-on equation is used) at 5.3 %.
 * eGFR, UACR and BMI stay the patient's: the ACC definition says nothing about them and none of these therapies
 * changes them, so a floor with ideal kidneys or weight would be one the therapies could never reach.
 */
export function optimalInputs(inputs: RiskInputs): RiskInputs {
  const { age: _referenceAge, ...optimalFactors } = PCE_OPTIMAL_FACTORS;
  return {
    ...inputs,
    ...optimalFactors,
    onStatin: false,
    ...(inputs.hba1c !== undefined ? { hba1c: OPTIMAL_HBA1C } : {}),
  };
}

const STATIN_SOURCE = `${MILLION_HEARTS}: RR ${THERAPY_RELATIVE_RISK.statinPerMmolL} per 1 mmol/L LDL-C (CTT); LDL-C lowering by intensity: 2018 AHA/ACC cholesterol guideline Table 3`;
const BP_SOURCE = `${MILLION_HEARTS}: RR ${THERAPY_RELATIVE_RISK.bpPer10MmHg} per 10 mmHg SBP (ASCVD); target < ${SBP_TARGET} mmHg: 2017 ACC/AHA high blood pressure guideline`;
const SMOKING_SOURCE = `${MILLION_HEARTS}: RR ${THERAPY_RELATIVE_RISK.smokingCessation} overall (from Lee et al.)`;
const ASPIRIN_SOURCE = `${MILLION_HEARTS}: RR ${THERAPY_RELATIVE_RISK.aspirin}; eligibility: 2019 ACC/AHA primary prevention guideline`;
const ASPIRIN_HARM = `major bleeding about 1.5 times as likely (RR ${THERAPY_RELATIVE_RISK.aspirinMajorBleeding}, 95 % CI 1.30–1.82; ${MILLION_HEARTS})`;

const SECONDARY_PREVENTION = 'clinical ASCVD: these primary-prevention projections do not apply';

const LABEL: Record<TherapyId, string> = {
  'statin-moderate': 'Moderate-intensity statin',
  'statin-high': 'High-intensity statin',
  'bp-target': `BP lowering to < ${SBP_TARGET} mmHg`,
  'stop-smoking': 'Stop smoking',
  aspirin: 'Low-dose aspirin',
};
const SOURCE: Record<TherapyId, string> = {
  'statin-moderate': STATIN_SOURCE,
  'statin-high': STATIN_SOURCE,
  'bp-target': BP_SOURCE,
  'stop-smoking': SMOKING_SOURCE,
  aspirin: ASPIRIN_SOURCE,
};
const THERAPY_ORDER: readonly TherapyId[] = ['statin-moderate', 'statin-high', 'bp-target', 'stop-smoking', 'aspirin'];
/** Alternatives: never combined with each other. */
const STATINS: readonly TherapyId[] = ['statin-moderate', 'statin-high'];

const notApplicable = (id: TherapyId, detail: string): TherapyOption => ({ id, label: LABEL[id], status: 'not-applicable', detail, relativeRisk: 1, source: SOURCE[id] });
const already = (id: TherapyId, detail: string): TherapyOption => ({ id, label: LABEL[id], status: 'already', detail, relativeRisk: 1, source: SOURCE[id] });
const available = (id: TherapyId, detail: string, relativeRisk: number, label = LABEL[id]): TherapyOption => ({ id, label, status: 'available', detail, relativeRisk, source: SOURCE[id] });

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const mgdl = (value: number) => `${Math.round(value)} mg/dL`;

/** RR for an LDL-C reduction in mg/dL: 0.75 per mmol/L, so 0.75^(ΔLDL mmol/L). */
function statinRelativeRisk(ldlDropMgDl: number): { mmol: number; rr: number } {
  const mmol = ldlDropMgDl * CHOLESTEROL_MG_DL_TO_MMOL_L;
  return { mmol, rr: THERAPY_RELATIVE_RISK.statinPerMmolL ** mmol };
}

function statinStart(id: 'statin-moderate' | 'statin-high', ldl: number): TherapyOption {
  const lowering = STATIN_LDL_LOWERING[id === 'statin-high' ? 'high' : 'moderate'];
  const drop = ldl * lowering;
  const { mmol, rr } = statinRelativeRisk(drop);
  return available(id, `LDL-C ${mgdl(ldl)} lowered by ${percent(lowering)} to ${mgdl(ldl - drop)}: ${mgdl(drop)} (${mmol.toFixed(2)} mmol/L) lower, RR ${THERAPY_RELATIVE_RISK.statinPerMmolL}^${mmol.toFixed(2)} = ${rr.toFixed(2)}`, rr);
}

const statinDose = (use: StatinUse) => (use.doseMg === undefined ? '' : ` ${use.doseMg} mg${use.doseBasis === 'daily-dose' ? ' a day' : ' tablets'}`);
const statinName = (use: StatinUse | null | undefined) =>
  use ? `${use.ingredient}${statinDose(use)}${use.intensity ? ` (${use.intensity} intensity)` : ''}` : 'a statin (which one is not recorded)';

/**
 * On a low- or moderate-intensity statin the chart's LDL-C is on treatment. The untreated LDL-C is taken as
 * on-treatment ÷ (1 − current lowering) and high intensity lowers that by 50 %, so the further drop is
 * on-treatment × (1 − 0.5 / (1 − current lowering)): one sixth from moderate (40 %), two sevenths from low (30 %).
 */
function statinIntensification(current: 'low' | 'moderate', ldl: number, use: StatinUse | null | undefined): TherapyOption {
  const remaining = (1 - STATIN_LDL_LOWERING.high) / (1 - STATIN_LDL_LOWERING[current]);
  const drop = ldl * (1 - remaining);
  const { mmol, rr } = statinRelativeRisk(drop);
  return available(
    'statin-high',
    `on ${statinName(use)} with LDL-C ${mgdl(ldl)}: taking the ${current} statin as ${percent(STATIN_LDL_LOWERING[current])} and high intensity as ${percent(STATIN_LDL_LOWERING.high)} lowering of the untreated LDL-C, ` +
      `LDL-C falls a further ${percent(1 - remaining)} to ${mgdl(ldl - drop)}: ${mgdl(drop)} (${mmol.toFixed(2)} mmol/L) lower, RR ${THERAPY_RELATIVE_RISK.statinPerMmolL}^${mmol.toFixed(2)} = ${rr.toFixed(2)}`,
    rr,
    'Intensify to high-intensity statin',
  );
}

function statinOptions(facts: ChartFacts): TherapyOption[] {
  const { onStatin, ldl } = facts;
  if (onStatin.state === 'unknown') return STATINS.map((id) => notApplicable(id, `statin use unknown: ${onStatin.reason}`));
  const intolerant = valueOf(facts.statinIntolerance) === true;
  const ldlValue = valueOf(ldl)?.value;
  const ldlUnknown = `LDL-C unknown${ldl.state === 'unknown' ? `: ${ldl.reason}` : ''}`;
  if (!onStatin.value) {
    if (intolerant) return STATINS.map((id) => notApplicable(id, 'statin intolerance recorded: statin therapy not simulated'));
    if (ldlValue === undefined) return STATINS.map((id) => notApplicable(id, ldlUnknown));
    return [statinStart('statin-moderate', ldlValue), statinStart('statin-high', ldlValue)];
  }
  const use = valueOf(facts.statin);
  const intensity = use?.intensity;
  const name = statinName(use);
  if (intensity === 'high') return STATINS.map((id) => already(id, `on ${name}`));
  const moderate = already('statin-moderate', intensity === 'low' ? `on ${name}; intensification to high intensity is offered instead` : `on ${name}`);
  const high =
    intensity === undefined ? notApplicable('statin-high', `on ${name}, intensity unknown (daily dose not recorded): the further LDL-C lowering cannot be worked out`)
    : intolerant ? notApplicable('statin-high', `on ${name} with statin intolerance recorded: intensification not simulated`)
    : ldlValue === undefined ? notApplicable('statin-high', ldlUnknown)
    : statinIntensification(intensity, ldlValue, use);
  return [moderate, high];
}

/** The SBP the BP lowering starts from: the 12-month mean when the chart has one (less noisy), else the latest. */
function startingSbp(fact: KnownFact<Quantity<'mm[Hg]'>>): { value: number; words: string } {
  const summary = fact.origin === 'chart' ? fact.summary12Months : undefined;
  if (summary) return { value: summary.mean, words: `12-month mean ${Math.round(summary.mean)} mmHg (${summary.count} reading${summary.count === 1 ? '' : 's'}${summary.complete ? '' : ', not all loaded'})` };
  return { value: fact.value.value, words: `latest ${Math.round(fact.value.value)} mmHg${fact.date ? ` (${fact.date.slice(0, 10)})` : ''}${fact.origin === 'entered' ? ', entered by clinician' : ''}` };
}

function bpOption(facts: ChartFacts): TherapyOption {
  const fact = facts.systolicBP;
  if (fact.state === 'unknown') return notApplicable('bp-target', `systolic BP unknown: ${fact.reason}`);
  const sbp = startingSbp(fact);
  if (sbp.value <= SBP_TARGET) return notApplicable('bp-target', `already at target: systolic BP ${sbp.words}, target < ${SBP_TARGET} mmHg`);
  const drop = sbp.value - SBP_TARGET;
  const rr = THERAPY_RELATIVE_RISK.bpPer10MmHg ** (drop / 10);
  const treated = valueOf(facts.onBPTreatment) === true ? ' (on antihypertensive treatment: intensified)' : '';
  return available('bp-target', `systolic BP ${sbp.words} lowered to ${SBP_TARGET} mmHg${treated}: ${drop.toFixed(1)} mmHg lower, RR ${THERAPY_RELATIVE_RISK.bpPer10MmHg}^${(drop / 10).toFixed(2)} = ${rr.toFixed(2)}`, rr);
}

function smokingOption(facts: ChartFacts): TherapyOption {
  const smoker = facts.smoker;
  if (smoker.state === 'unknown') return notApplicable('stop-smoking', `smoking status unknown: ${smoker.reason}`);
  if (!smoker.value) return notApplicable('stop-smoking', 'not a current smoker');
  return available('stop-smoking', `current smoker quits: RR ${THERAPY_RELATIVE_RISK.smokingCessation} (the overall figure; 0.53 is reached only after 4 years without smoking)`, THERAPY_RELATIVE_RISK.smokingCessation);
}

/** Drug classes that mean increased bleeding risk with aspirin (src/chart/valueSets/medications.ts keys). */
export const BLEEDING_RISK_CLASSES = new Set(['anticoagulant', 'antiplatelet']);

function aspirinOption(facts: ChartFacts, age: number | undefined): TherapyOption {
  const drugs = facts.drugs;
  if (drugs.state === 'unknown') return notApplicable('aspirin', `medications not loaded (${drugs.reason}): aspirin use and bleeding-risk drugs cannot be checked`);
  if (drugs.value.some((d) => d.ingredient === 'aspirin')) return already('aspirin', 'already takes aspirin');
  if (age === undefined) return notApplicable('aspirin', 'age unknown: aspirin is considered only at ages 40–70');
  if (age > ASPIRIN_AGES.max) return notApplicable('aspirin', `age ${Math.floor(age)}: over 70, aspirin should not be given routinely for primary prevention (2019 ACC/AHA, III: Harm, B-R)`);
  if (age < ASPIRIN_AGES.min) return notApplicable('aspirin', `age ${Math.floor(age)}: under 40, outside the 2019 ACC/AHA recommendation (ages 40–70, IIb, A)`);
  const bleeding = drugs.value.filter((d) => BLEEDING_RISK_CLASSES.has(d.drugClass));
  if (bleeding.length > 0) {
    return notApplicable('aspirin', `increased bleeding risk: on ${bleeding.map((d) => `${d.ingredient} (${d.drugClass})`).join(', ')}; aspirin should not be given (2019 ACC/AHA, III: Harm, C-LD)`);
  }
  return available(
    'aspirin',
    `no anticoagulant or other antiplatelet in the medication list (other bleeding risks, e.g. prior GI bleeding, thrombocytopenia, NSAIDs, are for the clinician to check): RR ${THERAPY_RELATIVE_RISK.aspirin} (2019 ACC/AHA: may be considered at higher ASCVD risk, IIb, A)`,
    THERAPY_RELATIVE_RISK.aspirin,
  );
}

/** Every non-empty subset of the available options, at most one statin; singles first, then by size. */
function combinations(options: readonly TherapyOption[]): TherapyOption[][] {
  const subsets = (items: readonly TherapyOption[]): TherapyOption[][] => {
    const [first, ...rest] = items;
    if (!first) return [[]];
    const tail = subsets(rest);
    return [...tail.map((s) => [first, ...s]), ...tail];
  };
  return subsets(options.filter((o) => o.status === 'available'))
    .filter((s) => s.length > 0 && s.filter((o) => STATINS.includes(o.id)).length <= 1)
    .sort((a, b) => a.length - b.length);
}

/** ⌈1 / ARR⌉, after rounding away float noise: 0.2 − 0.2 × 0.9 is 0.01999…, whose NNT is 50, not 51. */
const numberNeededToTreat = (absoluteReduction: number) => Math.ceil(Math.round(1e9 / absoluteReduction) / 1e9);

/**
 * Projected risk = baseline × Π RR (relative risks multiply: each therapy acts on the risk left by the others), raised
 * to the optimal-factor risk when the product falls below it, and never above the baseline (a patient already below
 * the "optimal" risk in some factor gains nothing from the floor).
 */
export function project(baseline: number, optimalRisk: number, therapies: readonly TherapyOption[]): TherapyProjection {
  const product = therapies.reduce((risk, t) => risk * t.relativeRisk, baseline);
  const risk = Math.min(baseline, Math.max(optimalRisk, product));
  const absoluteReduction = baseline - risk;
  const withAspirin = therapies.some((t) => t.id === 'aspirin');
  return {
    therapies: therapies.map((t) => t.id),
    label: therapies.map((t) => t.label).join(' + '),
    risk,
    absoluteReduction,
    numberNeededToTreat: absoluteReduction > 0 ? numberNeededToTreat(absoluteReduction) : null,
    floored: product < optimalRisk,
    ...(withAspirin ? { harm: ASPIRIN_HARM } : {}),
  };
}

export function therapyImpact(args: { facts: ChartFacts; inputs: RiskInputs; baseline: TherapyImpact['baseline']; optimalRisk: number }): TherapyImpact {
  const { facts, inputs, baseline, optimalRisk } = args;
  if (valueOf(facts.ascvd) === true) {
    return { baseline, optimalRisk, options: THERAPY_ORDER.map((id) => notApplicable(id, SECONDARY_PREVENTION)), projections: [] };
  }
  const options = [...statinOptions(facts), bpOption(facts), smokingOption(facts), aspirinOption(facts, inputs.age)];
  return { baseline, optimalRisk, options, projections: combinations(options).map((c) => project(baseline.value, optimalRisk, c)) };
}
