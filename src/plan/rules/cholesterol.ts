/**
 * Statin and non-statin therapy: 2018 AHA/ACC/Multisociety cholesterol guideline (../shared/reference/risk-models.md
 * §7.1), KDIGO 2024 statin in CKD (§7.5). Age and LDL-C thresholds are the ones src/risk/guidelineNotes.ts states; PCE
 * bands are src/risk/categories.ts's.
 */
import { isKnown, type StatinIntensity } from '../../chart/types.ts';
import { pceCategory } from '../../risk/categories.ts';
import { ASCVD_HIGH_INTENSITY_MAX_AGE, DIABETES_AGES, SEVERE_LDL_AGES, SEVERE_LDL_MG_DL } from '../../risk/guidelineNotes.ts';
import type { PceCategory } from '../../risk/viewModel.ts';
import { drugText, medication } from '../drugs.ts';
import { ageAtLeast, ageBetween, ageOver, all, any, atLeast, atLeastOf, below, between, has, not, orAbsent, pceRisk, takes } from '../predicates.ts';
import { currentStatin, statinRegimen, statinStep, statinUseText } from '../statins.ts';
import type { Activity, Condition, Finding, Goal, PlanContext, Proposal, Rule } from '../types.ts';
import { CHOLESTEROL_2018, KDIGO_2024, REFERENCE_ONLY, plainNumber, sentences } from './common.ts';

/** 2018 guideline: the primary-prevention statin groups are defined for LDL-C 70–189 mg/dL (§4.4.2). */
const PRIMARY_LDL = { min: 70, maxExclusive: SEVERE_LDL_MG_DL };
const PRIMARY_AGES = { min: 40, max: 75 };
/** 2018 guideline §4.1: adding ezetimibe to maximal statin therapy is considered at LDL-C ≥ 70 mg/dL. */
const EZETIMIBE_LDL = 70;
/** 2018 guideline Table 6 risk-enhancing factors that the chart can show: LDL-C 160–189, CKD eGFR 15–59, TG ≥ 175. */
const ENHANCER_LDL = 160;
const ENHANCER_TG = 175;
/** KDIGO 2024 (Rec 3.15.1, from the 2013 KDIGO lipid guideline): statin or statin/ezetimibe from age 50 with eGFR < 60. */
const KDIGO_STATIN_AGE = 50;

const clinicalAscvd = has('ascvd');
const noAscvd = not(has('ascvd'));
const pceIn = (...categories: PceCategory[]): Condition => pceRisk((r) => categories.includes(pceCategory(r)));

export const conditions = {
  secondaryUpTo75: all(clinicalAscvd, ageBetween(0, ASCVD_HIGH_INTENSITY_MAX_AGE)),
  secondaryOver75: all(clinicalAscvd, ageOver(ASCVD_HIGH_INTENSITY_MAX_AGE)),
  severeLdl: all(noAscvd, atLeast('ldl', SEVERE_LDL_MG_DL), ageBetween(SEVERE_LDL_AGES.min, SEVERE_LDL_AGES.max)),
  diabetes40to75: all(noAscvd, has('diabetes'), ageBetween(DIABETES_AGES.min, DIABETES_AGES.max)),
  /**
   * "Multiple ASCVD risk factors" in diabetes (2018 §4.3): two or more of smoking, hypertension, family history of
   * premature ASCVD, LDL-C ≥ 160, albuminuria ≥ 30 mg/g, eGFR < 60 (Tailor's reading of the guideline's list and its
   * diabetes-specific enhancers; unrecorded ones are not counted).
   */
  diabetesRiskFactors: atLeastOf(2, ...[has('smoker'), any(has('hypertension'), has('onBPTreatment')), has('familyHistoryPrematureAscvd'), atLeast('ldl', ENHANCER_LDL), atLeast('uacr', 30), below('egfr', 60)].map(orAbsent)),
  primaryPrevention: all(noAscvd, not(has('diabetes')), ageBetween(PRIMARY_AGES.min, PRIMARY_AGES.max), between('ldl', PRIMARY_LDL.min, PRIMARY_LDL.maxExclusive)),
  riskEnhancers: any(...[has('familyHistoryPrematureAscvd'), between('ldl', ENHANCER_LDL, SEVERE_LDL_MG_DL), between('egfr', 15, 60), atLeast('triglycerides', ENHANCER_TG), has('familialHypercholesterolaemia')].map(orAbsent)),
  ckdStatin: all(ageAtLeast(KDIGO_STATIN_AGE), between('egfr', 15, 60)),
};

/** Any statin benefit group (for the intolerance rules: an indication exists, a standard statin is ruled out). */
const statinIndicated = any(
  conditions.secondaryUpTo75, conditions.secondaryOver75, conditions.severeLdl, conditions.diabetes40to75,
  all(conditions.primaryPrevention, pceIn('intermediate', 'high')), conditions.ckdStatin,
);

/**
 * 2018 §4.1: very high risk = multiple major ASCVD events, or one major event and multiple high-risk conditions.
 * Tailor cannot tell events apart in the problem list, so it counts clinical ASCVD as one major event and asks for ≥ 2 of
 * the high-risk conditions the chart shows: age ≥ 65, diabetes, hypertension, CKD (eGFR 15–59), current smoking,
 * heterozygous FH, heart failure (prior PCI/CABG and LDL-C ≥ 100 despite statin + ezetimibe are not read).
 */
const veryHighRisk = all(clinicalAscvd, atLeastOf(2, ...[ageAtLeast(65), has('diabetes'), any(has('hypertension'), has('onBPTreatment')), between('egfr', 15, 60), has('smoker'), has('familialHypercholesterolaemia'), has('heartFailure')].map(orAbsent)));

/** On the maximal tolerated statin: high intensity, or any statin with an intolerance recorded. */
const onMaximalStatin: Condition = (ctx) => {
  const current = currentStatin(ctx.facts);
  if (current.state === 'unknown') return { truth: 'unknown', evidence: [], needs: [{ fact: 'statin', why: 'missing', detail: current.reason }] };
  if (current.state === 'none') return { truth: 'no', evidence: [], needs: [] };
  const intolerant = isKnown(ctx.facts.statinIntolerance) && ctx.facts.statinIntolerance.value;
  const maximal = current.use.intensity === 'high' || intolerant;
  return maximal ? { truth: 'yes', evidence: [`on ${statinUseText(current.use)}${intolerant ? ', maximal tolerated' : ''}`], needs: [] } : { truth: 'no', evidence: [], needs: [] };
};

const STATIN_PATIENT = 'A statin is a daily pill. It lowers the bad cholesterol. That lowers your chance of a heart attack or stroke.';

function ldlSentence(ctx: PlanContext): string | undefined {
  const ldl = plainNumber(ctx.facts, 'ldl');
  return ldl ? `Your bad cholesterol is ${ldl}.` : undefined;
}

const LDL_GOALS: Record<StatinIntensity, Goal> = {
  high: { kind: 'ldl-reduction', text: 'LDL-C ≥ 50 % lower than before treatment' },
  moderate: { kind: 'ldl-reduction', text: 'LDL-C 30–49 % lower than before treatment' },
  low: { kind: 'ldl-reduction', text: 'LDL-C lower, at a dose the patient tolerates' },
};

/** A statin rule's proposal: the step from what the patient takes to the wanted intensity, or why there is none. */
function statinProposal(ctx: PlanContext, finding: Finding, intensity: StatinIntensity, why: string, goal: Goal = LDL_GOALS[intensity]): Proposal {
  const step = statinStep(ctx.facts, intensity);
  const base = {
    physicianText: (a: Activity) => `${why} (${finding.evidence.join('; ')}): ${a.action === 'start' ? 'start' : a.action} ${drugText(a)}.`,
    patientText: (a: Activity) => sentences(ldlSentence(ctx), a.action === 'start' ? STATIN_PATIENT : `You take a statin now. A stronger dose will lower it more.`),
    goal,
  };
  if ('already' in step) {
    const placeholder = statinRegimen(ctx.facts, intensity) ?? { activity: medication('atorvastatin', 'start', '', intensity), notes: [] };
    return { ...base, options: [placeholder.activity], suppressed: step.already };
  }
  return { ...base, options: [step.regimen.activity], personalisation: step.regimen.notes };
}

const statinRule = (r: Omit<Rule, 'topic' | 'group' | 'therapy'> & { intensity: StatinIntensity }): Rule => ({
  ...r, topic: 'cholesterol', group: 'statin', therapy: r.intensity === 'high' ? 'statin-high' : 'statin-moderate',
});

export const CHOLESTEROL_RULES: readonly Rule[] = [
  statinRule({
    id: 'statin-secondary-high', intensity: 'high',
    title: 'High-intensity statin (clinical ASCVD)',
    recommendation: 'People with clinical ASCVD up to age 75 should take a high-intensity statin, aiming to lower LDL-C by half or more.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.1 secondary prevention, recommendation 2' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'verified', note: 'EMPR cholesterol chart of the 2018 guideline (age ≤ 75 → high intensity); COR/LOE as in risk-models.md §7.1' },
    when: conditions.secondaryUpTo75,
    propose: (ctx, f) => statinProposal(ctx, f, 'high', 'Clinical ASCVD, age ≤ 75', { kind: 'ldl', text: 'LDL-C ≥ 50 % lower and < 70 mg/dL' }),
  }),
  statinRule({
    id: 'statin-secondary-over-75', intensity: 'moderate',
    title: 'Moderate- or high-intensity statin (clinical ASCVD, over 75)',
    recommendation: 'Over age 75 with clinical ASCVD, starting or continuing a moderate- or high-intensity statin is reasonable after weighing benefit, side effects and the patient’s wishes.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.1 secondary prevention, recommendation 3' },
    strength: { cor: 'IIa', loe: 'B-R' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    sharedDecision: true,
    when: conditions.secondaryOver75,
    propose: (ctx, f) => statinProposal(ctx, f, 'moderate', 'Clinical ASCVD, age > 75'),
  }),
  statinRule({
    id: 'statin-ldl-190', intensity: 'high',
    title: 'High-intensity statin (LDL-C ≥ 190 mg/dL)',
    recommendation: 'Adults aged 20 to 75 with LDL-C of 190 mg/dL or more should take the maximal tolerated statin without waiting for a risk estimate.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.2 severe hypercholesterolaemia, recommendation 1' },
    strength: { cor: 'I', loe: 'B-R' },
    verification: { status: 'verified', note: '2019 ACC/AHA primary prevention guideline, Recommendations for adults with high blood cholesterol (PMC8351755, rec 4)' },
    when: conditions.severeLdl,
    propose: (ctx, f) => statinProposal(ctx, f, 'high', 'LDL-C ≥ 190 mg/dL'),
  }),
  statinRule({
    id: 'statin-diabetes-high', intensity: 'high',
    title: 'High-intensity statin (diabetes with risk factors)',
    recommendation: 'Adults with diabetes and several ASCVD risk factors should reasonably take a high-intensity statin to lower LDL-C by half or more.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.3 diabetes, recommendation 3' },
    strength: { cor: 'IIa', loe: 'B-R' },
    verification: { status: 'verified', note: '2019 ACC/AHA primary prevention guideline, Recommendations for adults with high blood cholesterol (PMC8351755, rec 5)' },
    when: all(conditions.diabetes40to75, conditions.diabetesRiskFactors),
    propose: (ctx, f) => statinProposal(ctx, f, 'high', 'Diabetes, age 40–75, with several ASCVD risk factors', { kind: 'ldl', text: 'LDL-C ≥ 50 % lower and < 70 mg/dL (ADA 2025)' }),
  }),
  statinRule({
    id: 'statin-diabetes-moderate', intensity: 'moderate',
    title: 'Moderate-intensity statin (diabetes, 40–75)',
    recommendation: 'Adults aged 40 to 75 with diabetes should take a moderate-intensity statin whatever their 10-year risk.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.3 diabetes, recommendation 1' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'verified', note: '2019 ACC/AHA primary prevention guideline (PMC8351755, rec 3) and Guideline Central pocket guide' },
    when: all(conditions.diabetes40to75, not(conditions.diabetesRiskFactors)),
    propose: (ctx, f) => statinProposal(ctx, f, 'moderate', 'Diabetes, age 40–75'),
  }),
  statinRule({
    id: 'statin-primary-high-risk', intensity: 'high',
    title: 'Statin to lower LDL-C by ≥ 50 % (10-year risk ≥ 20 %)',
    recommendation: 'Adults aged 40 to 75 without diabetes whose 10-year risk is 20 % or more should lower LDL-C by half or more, after a risk discussion.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.4.2 primary prevention, recommendation 2' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'verified', note: '2019 ACC/AHA primary prevention guideline (PMC8351755, rec 2)' },
    sharedDecision: true,
    when: all(conditions.primaryPrevention, pceIn('high')),
    propose: (ctx, f) => statinProposal(ctx, f, 'high', 'High 10-year risk (≥ 20 %), age 40–75, LDL-C 70–189'),
  }),
  statinRule({
    id: 'statin-primary-intermediate', intensity: 'moderate',
    title: 'Moderate-intensity statin after a risk discussion (10-year risk 7.5 % to < 20 %)',
    recommendation: 'At intermediate risk, a moderate-intensity statin is recommended if the patient and clinician decide on it in a risk discussion; risk-enhancing factors favour it.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.4.2 primary prevention, recommendations 1 and 3 (risk enhancers, IIa B-R)' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'verified', note: '2019 ACC/AHA primary prevention guideline (PMC8351755, rec 1); risk enhancers IIa B-NR there (PMC7734661 T3)' },
    sharedDecision: true,
    when: all(conditions.primaryPrevention, pceIn('intermediate')),
    propose: (ctx, f) => {
      const enhancers = conditions.riskEnhancers(ctx);
      const why = `Intermediate 10-year risk, age 40–75, LDL-C 70–189${enhancers.truth === 'yes' ? `; risk enhancers favour a statin: ${enhancers.evidence.join(', ')}` : '; no risk enhancer recorded'}. Decide together`;
      return statinProposal(ctx, f, 'moderate', why);
    },
  }),
  statinRule({
    id: 'statin-primary-borderline', intensity: 'moderate',
    title: 'Moderate-intensity statin may be justified (borderline risk with risk enhancers)',
    recommendation: 'At borderline risk (5 % to < 7.5 %), risk-enhancing factors may justify a moderate-intensity statin after a risk discussion.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.4.2 primary prevention, recommendation 9' },
    strength: { cor: 'IIb', loe: 'B-R' },
    verification: { status: 'verified', note: 'Guideline Central 2018 cholesterol pocket guide, §4.4.2 rec 9' },
    sharedDecision: true,
    when: all(conditions.primaryPrevention, pceIn('borderline'), conditions.riskEnhancers),
    propose: (ctx, f) => statinProposal(ctx, f, 'moderate', 'Borderline 10-year risk with risk enhancers. Decide together'),
  }),
  statinRule({
    id: 'statin-ckd', intensity: 'moderate',
    title: 'Statin in CKD (age ≥ 50, eGFR < 60)',
    recommendation: 'Adults aged 50 or more with eGFR below 60 who are not on dialysis should take a statin or statin with ezetimibe.',
    citation: { guideline: KDIGO_2024, where: 'Recommendation 3.15.1 (from KDIGO 2013 lipid guideline 2.1.1)' },
    strength: { cor: '1', loe: 'A' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    when: conditions.ckdStatin,
    propose: (ctx, f) => statinProposal(ctx, f, 'moderate', 'CKD G3a–G4, age ≥ 50'),
  }),
  {
    id: 'ezetimibe-very-high-risk', topic: 'cholesterol',
    title: 'Add ezetimibe (very-high-risk ASCVD, LDL-C ≥ 70 on maximal statin)',
    recommendation: 'In very-high-risk ASCVD, when LDL-C stays at 70 mg/dL or more on the maximal tolerated statin, adding ezetimibe is reasonable.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.1 secondary prevention, recommendation 4' },
    strength: { cor: 'IIa', loe: 'B-R' },
    verification: { status: 'verified', note: 'physician.tw and EMPR charts of the 2018 guideline (very high risk: add ezetimibe if LDL-C ≥ 70); COR/LOE as in risk-models.md §7.1' },
    group: 'ezetimibe',
    when: all(veryHighRisk, onMaximalStatin, atLeast('ldl', EZETIMIBE_LDL), not(takes('ezetimibe'))),
    propose: (ctx, f) => ezetimibeProposal(ctx, f, 'Very-high-risk ASCVD with LDL-C ≥ 70 mg/dL on maximal statin'),
  },
  {
    id: 'ezetimibe-ascvd', topic: 'cholesterol',
    title: 'Add ezetimibe may be reasonable (ASCVD, not very high risk)',
    recommendation: 'In clinical ASCVD up to age 75 that is not very high risk, when LDL-C stays at 70 mg/dL or more on the maximal statin, adding ezetimibe may be reasonable.',
    citation: { guideline: CHOLESTEROL_2018, where: '§4.1 secondary prevention, recommendation 6' },
    strength: { cor: 'IIb', loe: 'B-R' },
    verification: { status: 'not-verified', note: 'from the guideline text as recalled; not in risk-models.md §7.1 nor a second stored source' },
    group: 'ezetimibe',
    when: all(conditions.secondaryUpTo75, not(veryHighRisk), onMaximalStatin, atLeast('ldl', EZETIMIBE_LDL), not(takes('ezetimibe'))),
    propose: (ctx, f) => ezetimibeProposal(ctx, f, 'Clinical ASCVD with LDL-C ≥ 70 mg/dL on maximal statin'),
  },
  {
    id: 'statin-intolerance-rechallenge', topic: 'cholesterol',
    title: 'Try another statin at a low dose (statin side effects recorded)',
    recommendation: 'After statin side effects that were not severe, reassess and try again: another statin, a lower or less frequent dose, or a statin with a non-statin drug.',
    citation: { guideline: CHOLESTEROL_2018, where: '§5 statin safety, recommendation 4' },
    strength: { cor: 'I', loe: 'B-R' },
    verification: { status: 'verified', note: 'Guideline Central 2018 cholesterol pocket guide, §5 rec 4' },
    when: all(has('statinIntolerance'), statinIndicated, not(has('onStatin'))),
    propose: (ctx, f) => {
      const regimen = statinRegimen(ctx.facts, 'low', 'rechallenge');
      const placeholder = medication('pravastatin', 'rechallenge', '10–20 mg once daily', 'low');
      return {
        options: [regimen?.activity ?? placeholder],
        ...(regimen ? { personalisation: regimen.notes } : { suppressed: 'no statin fits the recorded allergies and SLCO1B1 dose limits' }),
        physicianText: (a) => `Statin indicated but statin side effects recorded (${f.evidence.join('; ')}): rechallenge with ${drugText(a)}, then raise the dose as tolerated; check LDL-C in 4–12 weeks.`,
        patientText: () => sentences(ldlSentence(ctx), 'A statin gave you side effects before. Many people do well on a different statin at a small dose. We can try one and see how you feel.'),
        goal: LDL_GOALS.low,
      };
    },
  },
  {
    id: 'statin-intolerance-nonstatin', topic: 'cholesterol',
    title: 'Ezetimibe when a statin is not tolerated',
    recommendation: 'When statins cause side effects, a non-statin drug (ezetimibe first) can lower LDL-C, alone or with the statin dose the patient tolerates.',
    citation: { guideline: CHOLESTEROL_2018, where: '§5 statin safety, recommendation 4 (combination with non-statin therapy)' },
    strength: { cor: 'I', loe: 'B-R' },
    verification: { status: 'not-verified', note: 'the COR/LOE is that of §5 rec 4, which names non-statin therapy as one option; using it for ezetimibe alone is Tailor’s reading' },
    group: 'ezetimibe',
    when: all(has('statinIntolerance'), statinIndicated, atLeast('ldl', EZETIMIBE_LDL), not(takes('ezetimibe'))),
    propose: (ctx, f) => ezetimibeProposal(ctx, f, 'Statin indicated, statin side effects recorded, LDL-C ≥ 70 mg/dL'),
  },
];

function ezetimibeProposal(ctx: PlanContext, f: Finding, why: string): Proposal {
  return {
    options: [medication('ezetimibe', 'add', '10 mg once daily')],
    physicianText: (a) => `${why} (${f.evidence.join('; ')}): add ${drugText(a)} (lowers LDL-C by a further 13–20 %).`,
    patientText: () => sentences(ldlSentence(ctx), 'Your bad cholesterol is still above the goal. A second pill, ezetimibe, can lower it more. It works in a different way from a statin.'),
    goal: { kind: 'ldl', text: 'LDL-C < 70 mg/dL' },
  };
}
