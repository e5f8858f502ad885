/**
 * BP treatment and target: 2017 ACC/AHA high blood pressure guideline (../shared/reference/risk-models.md §7.2). The
 * decision uses the average office BP (12-month mean), and home or device readings as the out-of-office confirmation
 * the guideline asks for (§4.2), by their home equivalents (§4.2 Table 11: office 130/80 ≈ home 130/80, office 140/90 ≈
 * home 135/85; from the guideline text, not verified in a second source).
 */
import { isKnown } from '../../chart/types.ts';
import { SBP_TARGET } from '../../risk/therapy.ts';
import { alreadyTakes, homeBpBelow } from '../checks.ts';
import { drugText, medication } from '../drugs.ts';
import { ageAtLeast, all, any, bpReading, has, hasCkd, not, officeBpAtLeast, pceRisk } from '../predicates.ts';
import type { Activity, Condition, Finding, PlanContext, Proposal, Rule } from '../types.ts';
import { BP_2017, CODES, REFERENCE_ONLY, labTest, sentences } from './common.ts';

/** §7.2: drug treatment at ≥ 130/80 with clinical CVD, 10-year ASCVD risk ≥ 10 %, diabetes or CKD; else at ≥ 140/90. */
const HIGH_RISK_PCE = 0.1;
const DBP_TARGET = 80;
const STAGE_2 = { sys: 140, dia: 90 };
const HOME_EQUIVALENT_OF_140_90 = { sys: 135, dia: 85 };
/** §8.1.6: stage 2 and more than 20/10 mmHg above target → two first-line drugs of different classes (I, C-EO). */
const TWO_DRUGS_ABOVE_TARGET = { sys: 20, dia: 10 };
const OLDER_ADULT_AGE = 65;

const highRisk = any(has('ascvd'), pceRisk((r) => r >= HIGH_RISK_PCE), has('diabetes'), hasCkd, has('heartFailure'));
const treated = has('onBPTreatment');
const untreated = not(has('onBPTreatment'));
const noHomeReadings: Condition = ({ facts }) => (isKnown(facts.homeSystolicBP) ? { truth: 'no', evidence: [], needs: [] } : { truth: 'yes', evidence: ['no home or device BP readings'], needs: [] });

/** First-line classes (§8.1.6, I, A) at the 2017 guideline's usual doses (Table 18, not re-read). */
const FIRST_LINE = (action: Activity['action']): Activity[] => [
  medication('chlorthalidone', action, '12.5–25 mg once daily'),
  medication('amlodipine', action, '2.5–10 mg once daily'),
  medication('lisinopril', action, '10–40 mg once daily'),
  medication('losartan', action, '50–100 mg once daily'),
];

function bpSentence(ctx: PlanContext): string | undefined {
  const bp = bpReading(ctx.facts, 'office');
  return bp ? `Your blood pressure is about ${Math.round(bp.systolic)}${bp.diastolic !== undefined ? ` over ${Math.round(bp.diastolic)}` : ''}.` : undefined;
}

const GOAL = { kind: 'bp', text: `BP < ${SBP_TARGET}/${DBP_TARGET} mmHg` } as const;

function drugProposal(ctx: PlanContext, f: Finding, why: string, goalText: string = GOAL.text): Proposal {
  const action = isKnown(ctx.facts.onBPTreatment) && ctx.facts.onBPTreatment.value ? 'add' : 'start';
  // Classes the patient already takes are left out here, so "add" offers the next class rather than stopping at it.
  const options = FIRST_LINE(action).filter((a) => alreadyTakes(ctx.facts, a) === undefined);
  const bp = bpReading(ctx.facts, 'office');
  const twoDrugs = action === 'start' && bp !== undefined && (bp.systolic >= STAGE_2.sys || (bp.diastolic ?? 0) >= STAGE_2.dia) &&
    (bp.systolic - SBP_TARGET > TWO_DRUGS_ABOVE_TARGET.sys || (bp.diastolic ?? 0) - DBP_TARGET > TWO_DRUGS_ABOVE_TARGET.dia);
  return {
    options: options.length > 0 ? options : FIRST_LINE(action).slice(0, 1),
    ...(options.length === 0 ? { suppressed: 'already takes every first-line class: review adherence, dose and secondary causes' } : {}),
    physicianText: (a) => sentences(
      `${why} (${f.evidence.join('; ')}): ${a.action} ${drugText(a)} (or another first-line class), goal ${goalText}.`,
      twoDrugs && `BP is more than ${TWO_DRUGS_ABOVE_TARGET.sys}/${TWO_DRUGS_ABOVE_TARGET.dia} mmHg above target: consider two first-line drugs of different classes (I, C-EO).`,
      'Recheck in about a month.',
    ),
    patientText: (a) => sentences(bpSentence(ctx), `The goal is below ${SBP_TARGET} over ${DBP_TARGET}.`, a.action === 'add' ? 'Adding a second kind of pill can bring it down.' : 'A daily pill can bring it down.', 'Lower blood pressure means less chance of a stroke or heart attack.'),
    goal: { kind: 'bp', text: goalText },
  };
}

const bpRule = (r: Omit<Rule, 'topic' | 'group' | 'therapy'>): Rule => ({ ...r, topic: 'blood-pressure', group: 'bp-drug', therapy: 'bp-target' });

export const BP_RULES: readonly Rule[] = [
  bpRule({
    id: 'bp-start-high-risk',
    title: 'Start BP medicine (≥ 130/80 with CVD, 10-year risk ≥ 10 %, diabetes or CKD)',
    recommendation: 'With clinical cardiovascular disease, a 10-year ASCVD risk of 10 % or more, diabetes or CKD, start BP-lowering medicine at an average BP of 130/80 or more.',
    citation: { guideline: BP_2017, where: '§8.1.2 and §9.3/§9.6 (BP threshold with CVD risk estimation; diabetes; CKD)' },
    strength: { cor: 'I', loe: 'B-R (SBP), C-EO (DBP)' },
    verification: { status: 'not-verified', note: `${REFERENCE_ONLY}; thresholds and risk cut-off corroborated by Carey & Whelton's 2018 synopsis abstract (researcher.life), the LOE for SBP was not` },
    when: all(untreated, highRisk, officeBpAtLeast(SBP_TARGET, DBP_TARGET)),
    checks: [homeBpBelow(SBP_TARGET, DBP_TARGET)],
    propose: (ctx, f) => drugProposal(ctx, f, 'High cardiovascular risk with average BP ≥ 130/80'),
  }),
  bpRule({
    id: 'bp-start-low-risk',
    title: 'Start BP medicine (≥ 140/90, lower risk)',
    recommendation: 'Without cardiovascular disease and with a 10-year risk under 10 %, start BP-lowering medicine at an average BP of 140/90 or more (at that level every risk group is treated, so the risk need not be known).',
    citation: { guideline: BP_2017, where: '§8.1.2 recommendation 2' },
    strength: { cor: 'I', loe: 'C-LD' },
    verification: { status: 'verified', note: 'threshold corroborated by the 2018 synopsis abstract (researcher.life); COR/LOE as in risk-models.md §7.2' },
    when: all(untreated, officeBpAtLeast(STAGE_2.sys, STAGE_2.dia)),
    checks: [homeBpBelow(HOME_EQUIVALENT_OF_140_90.sys, HOME_EQUIVALENT_OF_140_90.dia)],
    propose: (ctx, f) => drugProposal(ctx, f, 'Stage 2 hypertension, lower risk'),
  }),
  bpRule({
    id: 'bp-older-adults',
    title: `Treat to systolic < ${SBP_TARGET} (age ≥ 65)`,
    recommendation: `Community-living adults aged 65 or more with an average systolic BP of ${SBP_TARGET} or more should be treated to a systolic BP below ${SBP_TARGET}.`,
    citation: { guideline: BP_2017, where: '§10.3.1 older persons, recommendation 1' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'not-verified', note: `${REFERENCE_ONLY}; the < 130 target for > 65 corroborated by the researcher.life synopsis abstract` },
    when: all(ageAtLeast(OLDER_ADULT_AGE), officeBpAtLeast(SBP_TARGET, Number.POSITIVE_INFINITY)),
    checks: [homeBpBelow(SBP_TARGET, Number.POSITIVE_INFINITY)],
    propose: (ctx, f) => drugProposal(ctx, f, `Age ≥ ${OLDER_ADULT_AGE}, systolic BP ≥ ${SBP_TARGET}`, `systolic BP < ${SBP_TARGET} mmHg`),
  }),
  bpRule({
    id: 'bp-intensify-high-risk',
    title: 'Intensify BP treatment to < 130/80 (high risk)',
    recommendation: 'With confirmed hypertension and cardiovascular disease or a 10-year risk of 10 % or more, the BP target is below 130/80.',
    citation: { guideline: BP_2017, where: '§8.1.5 BP goal, recommendation 1' },
    strength: { cor: 'I', loe: 'B-R (SBP), C-EO (DBP)' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    when: all(treated, highRisk, officeBpAtLeast(SBP_TARGET, DBP_TARGET)),
    checks: [homeBpBelow(SBP_TARGET, DBP_TARGET)],
    propose: (ctx, f) => drugProposal(ctx, f, 'On BP treatment, above the < 130/80 target, high risk'),
  }),
  bpRule({
    id: 'bp-intensify-low-risk',
    title: 'Intensify BP treatment to < 130/80 may be reasonable (lower risk)',
    recommendation: 'With confirmed hypertension and no added cardiovascular risk, a BP target below 130/80 may be reasonable (applied whatever the risk; the high-risk rule is stronger and wins when both hold).',
    citation: { guideline: BP_2017, where: '§8.1.5 BP goal, recommendation 2' },
    strength: { cor: 'IIb', loe: 'B-NR (SBP), C-EO (DBP)' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    when: all(treated, officeBpAtLeast(SBP_TARGET, DBP_TARGET)),
    checks: [homeBpBelow(SBP_TARGET, DBP_TARGET)],
    propose: (ctx, f) => drugProposal(ctx, f, 'On BP treatment, above the < 130/80 target'),
  }),
  {
    id: 'bp-out-of-office', topic: 'blood-pressure',
    title: 'Confirm with home or ambulatory BP readings',
    recommendation: 'Out-of-office BP readings (home or ambulatory) are recommended to confirm high blood pressure and to adjust treatment.',
    citation: { guideline: BP_2017, where: '§4.2 out-of-office and self-monitoring of BP, recommendation 1' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'not-verified', note: 'from the guideline text (not in risk-models.md §7.2); not found in a second stored source' },
    when: all(untreated, officeBpAtLeast(SBP_TARGET, DBP_TARGET), noHomeReadings),
    propose: (ctx, f) => ({
      options: [labTest(CODES.homeBpMean)],
      physicianText: () => `Office BP above 130/80 without treatment (${f.evidence.join('; ')}): confirm with home readings (twice a day for a week, averaged) or ambulatory monitoring before or while starting treatment.`,
      patientText: () => sentences(bpSentence(ctx), 'Blood pressure can read high at the clinic. Please check it at home for one week. Take it in the morning and in the evening. Bring or send us the numbers.'),
    }),
  },
];
