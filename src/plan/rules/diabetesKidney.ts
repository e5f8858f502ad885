/**
 * Diabetes by the ADA Standards of Care 2025 (../shared/reference/risk-models.md §7.4) and CKD by KDIGO 2024 (§7.5):
 * cardio-renal drugs with their eGFR and potassium limits, the HbA1c goal, and nephrology referral.
 */
import { SBP_TARGET } from '../../risk/therapy.ts';
import { eGfrAtLeast, potassiumAtMost } from '../checks.ts';
import { drugText, medication } from '../drugs.ts';
import { all, any, atLeast, below, between, ckdRiskGroup, has, hasCkd, kfre5y, not, takes } from '../predicates.ts';
import type { Activity, Finding, PlanContext, Proposal, Rule } from '../types.ts';
import { ADA_2025, CODES, KDIGO_2024, PREVENTION_2019, REFERENCE_ONLY, labTest, plainNumber, sentences } from './common.ts';

/** ADA 2025 §6: HbA1c < 7 % for many non-pregnant adults (A). */
const HBA1C_GOAL = 7;
/** KDIGO 2024 §3.7: start an SGLT2 inhibitor at eGFR ≥ 20 (1A, verified in risk-models.md §7.5). */
const SGLT2_MIN_EGFR = 20;
/** KDIGO 2024: UACR ≥ 200 mg/g for the 1A SGLT2i recommendation without diabetes; 2B for eGFR 20–45 below it. */
const SGLT2_UACR = 200;
const SGLT2_LOW_ALBUMINURIA_MAX_EGFR = 45;
/** KDIGO categories A2 30–299, A3 ≥ 300 mg/g. */
const A2 = 30;
const A3 = 300;
/**
 * Metformin (FDA Drug Safety Communication 2016, label): contraindicated at eGFR < 30; starting at 30–45 is not
 * recommended, so Tailor does not suggest starting below 45. Corroborated by an ADA 2025 summary (droracle.ai).
 */
const METFORMIN_START_MIN_EGFR = 45;
/**
 * Potassium above which Tailor does not suggest starting an ACE inhibitor or ARB: 5.0 mmol/L, Tailor's choice (KDIGO
 * 2024 practice points manage hyperkalaemia rather than give a starting limit). Not verified; a site parameter.
 */
const RAS_START_MAX_POTASSIUM = 5.0;
/** KDIGO 2024 practice point 2.2.1: 5-year KFRE risk 3–5 % can prompt nephrology referral (verified, dbpia table). */
const KFRE_REFERRAL_5Y = 0.05;
/** KDIGO 2012 Rec 5.1.1 (1B), kept in 2024: refer at eGFR < 30 or persistent ACR ≥ 300 mg/g (verified, KDIGO 2012 text). */
const REFERRAL_EGFR = 30;

const diabetes = has('diabetes');

const cardioRenalOptions = (): Activity[] => [medication('empagliflozin', 'start', '10 mg once daily'), medication('semaglutide', 'start', '0.25 mg weekly, titrated to 1 mg')];
const sglt2 = (): Activity => medication('empagliflozin', 'start', '10 mg once daily');
const sglt2Checks = [eGfrAtLeast('sglt2i', SGLT2_MIN_EGFR, 'KDIGO 2024: start SGLT2 inhibitors at eGFR ≥ 20')];
const rasChecks = [potassiumAtMost('maxPotassium', RAS_START_MAX_POTASSIUM, 'Tailor’s starting limit for ACE inhibitors/ARBs')];

function simple(why: string, patient: (ctx: PlanContext) => string, goal?: Proposal['goal']) {
  return (ctx: PlanContext, f: Finding, options: Activity[]): Proposal => ({
    options,
    physicianText: (a) => `${why} (${f.evidence.join('; ')}): ${a.action} ${a.kind === 'medication' ? drugText(a) : a.code.display}.`,
    patientText: () => patient(ctx),
    ...(goal ? { goal } : {}),
  });
}

const SGLT2_PATIENT = 'This pill helps protect your heart and kidneys. It also lowers blood sugar. Drink enough water while you take it.';
const RAS_PATIENT = (ctx: PlanContext) => sentences(`Your urine test shows protein (${plainNumber(ctx.facts, 'uacr') ?? 'high'}).`, 'That is a sign of kidney stress. This pill protects the kidneys. We will check a blood test after you start.');

export const DIABETES_KIDNEY_RULES: readonly Rule[] = [
  {
    id: 'diabetes-cardiorenal-ascvd', topic: 'diabetes', group: 'sglt2i',
    title: 'SGLT2 inhibitor or GLP-1 RA with proven CV benefit (diabetes with ASCVD)',
    recommendation: 'In type 2 diabetes with ASCVD, use a GLP-1 receptor agonist and/or SGLT2 inhibitor with proven cardiovascular benefit, whatever the HbA1c.',
    citation: { guideline: ADA_2025, where: '§9 and §10 (cardiovascular risk reduction)' },
    strength: { cor: 'A', loe: 'ADA grade' },
    verification: { status: 'verified', note: 'ADA 2025 summaries (droracle.ai) and UpToDate algorithm notes: GLP-1 RA or SGLT2i regardless of HbA1c with ASCVD, HF or CKD' },
    when: all(diabetes, has('ascvd'), not(takes('sglt2i', 'glp1ra'))),
    checks: sglt2Checks,
    propose: (ctx, f) => simple('Diabetes with ASCVD', () => 'This medicine lowers the chance of a heart attack or stroke. It also helps your blood sugar.')(ctx, f, cardioRenalOptions()),
  },
  {
    id: 'diabetes-sglt2-hf', topic: 'diabetes', group: 'sglt2i',
    title: 'SGLT2 inhibitor (diabetes with heart failure)',
    recommendation: 'In type 2 diabetes with heart failure, use an SGLT2 inhibitor.',
    citation: { guideline: ADA_2025, where: '§9 and §10 (heart failure)' },
    strength: { cor: 'A', loe: 'ADA grade' },
    verification: { status: 'verified', note: 'ADA 2025 summary (droracle.ai): SGLT2 inhibitor for HFrEF and HFpEF' },
    when: all(diabetes, has('heartFailure'), not(takes('sglt2i'))),
    checks: sglt2Checks,
    propose: (ctx, f) => simple('Diabetes with heart failure', () => SGLT2_PATIENT)(ctx, f, [sglt2()]),
  },
  {
    id: 'diabetes-sglt2-ckd', topic: 'diabetes', group: 'sglt2i',
    title: 'SGLT2 inhibitor (diabetes with CKD, eGFR ≥ 20)',
    recommendation: 'In type 2 diabetes with CKD and eGFR of 20 or more, use an SGLT2 inhibitor to slow CKD and lower cardiovascular events.',
    citation: { guideline: KDIGO_2024, where: 'Recommendation 3.7.1 (also ADA 2025 §11, A)' },
    strength: { cor: '1', loe: 'A' },
    verification: { status: 'verified', note: 'risk-models.md §7.5 (verified there) and ADA 2025 summary (eGFR 20–60 and/or albuminuria)' },
    when: all(diabetes, hasCkd, not(takes('sglt2i'))),
    checks: sglt2Checks,
    propose: (ctx, f) => simple('Diabetes with CKD', () => SGLT2_PATIENT)(ctx, f, [sglt2()]),
  },
  {
    id: 'diabetes-hba1c-goal', topic: 'diabetes',
    title: `HbA1c goal < ${HBA1C_GOAL} %`,
    recommendation: `For many non-pregnant adults with diabetes, aim for an HbA1c below ${HBA1C_GOAL} % without serious low blood sugar; test every 3 months until at goal.`,
    citation: { guideline: ADA_2025, where: '§6 glycemic goals' },
    strength: { cor: 'A', loe: 'ADA grade' },
    verification: { status: 'verified', note: 'ADA 2025 summaries (droracle.ai): goal ~7 % for most adults, quarterly HbA1c until at target' },
    when: all(diabetes, atLeast('hba1c', HBA1C_GOAL)),
    propose: (ctx, f) => ({
      options: [labTest(CODES.hba1c)],
      physicianText: () => `HbA1c above the < ${HBA1C_GOAL} % goal (${f.evidence.join('; ')}): intensify glucose-lowering treatment and recheck HbA1c in 3 months.`,
      patientText: () => sentences(`Your blood sugar test is ${plainNumber(ctx.facts, 'hba1c', 1) ?? 'high'}.`, `The goal is below ${HBA1C_GOAL}.`, 'We will adjust your treatment and test again in 3 months.'),
      goal: { kind: 'hba1c', text: `HbA1c < ${HBA1C_GOAL} %` },
    }),
  },
  {
    id: 'diabetes-metformin', topic: 'diabetes', group: 'metformin',
    title: 'Metformin first line (type 2 diabetes)',
    recommendation: 'In type 2 diabetes, metformin is a reasonable first medicine, with healthy eating and activity.',
    citation: { guideline: PREVENTION_2019, where: '§4.3 type 2 diabetes, recommendation 2' },
    strength: { cor: 'IIa', loe: 'B-R' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    when: all(diabetes, atLeast('hba1c', HBA1C_GOAL), not(takes('metformin'))),
    checks: [eGfrAtLeast('metformin', METFORMIN_START_MIN_EGFR, 'metformin label: contraindicated < 30, not started at 30–45')],
    propose: (ctx, f) => simple('Type 2 diabetes above the HbA1c goal', () => 'Metformin is a pill that lowers blood sugar. Take it with food. Start low to avoid an upset stomach.', { kind: 'hba1c', text: `HbA1c < ${HBA1C_GOAL} %` })(ctx, f, [medication('metformin', 'start', '500 mg once daily with food, up to 1000 mg twice daily')]),
  },
  {
    id: 'ckd-ras-a3-or-diabetes', topic: 'kidney', group: 'ras',
    title: 'ACE inhibitor or ARB (albuminuria A3, or A2–A3 with diabetes)',
    recommendation: 'Use an ACE inhibitor or ARB, at the highest dose tolerated, in CKD with severely increased albuminuria, or with moderately or severely increased albuminuria and diabetes.',
    citation: { guideline: KDIGO_2024, where: 'Recommendations 3.6.1 and 3.6.3' },
    strength: { cor: '1', loe: 'B' },
    verification: { status: 'verified', note: 'risk-models.md §7.5 (verified there, summary wording)' },
    params: { maxPotassium: { value: RAS_START_MAX_POTASSIUM, min: 4.5, max: 6.0, description: 'potassium (mmol/L) above which an ACE inhibitor/ARB start is not suggested (Tailor’s choice)' } },
    when: all(ckdRiskGroup, any(atLeast('uacr', A3), all(diabetes, atLeast('uacr', A2)))),
    checks: rasChecks,
    propose: (ctx, f) => simple('Albuminuria', RAS_PATIENT, { kind: 'bp', text: `BP < ${SBP_TARGET}/80 mmHg` })(ctx, f, [medication('lisinopril', 'start', '10 mg once daily, up to the highest tolerated dose'), medication('losartan', 'start', '50 mg once daily, up to 100 mg')]),
  },
  {
    id: 'ckd-ras-a2', topic: 'kidney', group: 'ras',
    title: 'ACE inhibitor or ARB (albuminuria A2 without diabetes)',
    recommendation: 'In CKD with moderately increased albuminuria and no diabetes, an ACE inhibitor or ARB is suggested.',
    citation: { guideline: KDIGO_2024, where: 'Recommendation 3.6.2' },
    strength: { cor: '2', loe: 'C' },
    verification: { status: 'verified', note: 'risk-models.md §7.5 (summary wording, grade from text)' },
    params: { maxPotassium: { value: RAS_START_MAX_POTASSIUM, min: 4.5, max: 6.0, description: 'potassium (mmol/L) above which an ACE inhibitor/ARB start is not suggested (Tailor’s choice)' } },
    when: all(ckdRiskGroup, not(diabetes), between('uacr', A2, A3)),
    checks: rasChecks,
    propose: (ctx, f) => simple('Albuminuria A2', RAS_PATIENT)(ctx, f, [medication('lisinopril', 'start', '10 mg once daily, up to the highest tolerated dose'), medication('losartan', 'start', '50 mg once daily, up to 100 mg')]),
  },
  {
    id: 'ckd-sglt2', topic: 'kidney', group: 'sglt2i',
    title: 'SGLT2 inhibitor (CKD with UACR ≥ 200 mg/g or heart failure)',
    recommendation: 'In CKD with eGFR of 20 or more and albuminuria of 200 mg/g or more, or with heart failure, treat with an SGLT2 inhibitor.',
    citation: { guideline: KDIGO_2024, where: 'Recommendation 3.7.1' },
    strength: { cor: '1', loe: 'A' },
    verification: { status: 'verified', note: 'risk-models.md §7.5 (verified there)' },
    when: all(hasCkd, any(atLeast('uacr', SGLT2_UACR), has('heartFailure')), not(takes('sglt2i'))),
    checks: sglt2Checks,
    propose: (ctx, f) => simple('CKD with albuminuria ≥ 200 mg/g or heart failure', () => SGLT2_PATIENT)(ctx, f, [medication('dapagliflozin', 'start', '10 mg once daily')]),
  },
  {
    id: 'ckd-sglt2-low-albuminuria', topic: 'kidney', group: 'sglt2i',
    title: 'SGLT2 inhibitor may be used (eGFR 20–45, UACR < 200 mg/g)',
    recommendation: 'With eGFR 20 to 45 and albuminuria below 200 mg/g, an SGLT2 inhibitor is suggested.',
    citation: { guideline: KDIGO_2024, where: 'Recommendation 3.7.2' },
    strength: { cor: '2', loe: 'B' },
    verification: { status: 'not-verified', note: 'risk-models.md §7.5 (guideline text there)' },
    when: all(between('egfr', SGLT2_MIN_EGFR, SGLT2_LOW_ALBUMINURIA_MAX_EGFR), below('uacr', SGLT2_UACR), not(takes('sglt2i'))),
    checks: sglt2Checks,
    propose: (ctx, f) => simple('CKD G3b–G4', () => SGLT2_PATIENT)(ctx, f, [medication('dapagliflozin', 'start', '10 mg once daily')]),
  },
  {
    id: 'ckd-referral-kfre', topic: 'kidney', group: 'nephrology',
    title: 'Nephrology referral (5-year kidney-failure risk)',
    recommendation: 'A 5-year kidney-failure risk of 3–5 % or more (KFRE) can be used, with eGFR and albuminuria, to decide on referral to a kidney specialist.',
    citation: { guideline: KDIGO_2024, where: 'Practice point 2.2.1' },
    strength: { cor: 'Practice point', loe: 'not graded' },
    verification: { status: 'verified', note: 'KDIGO 2024 risk-assessment summary table (dbpia): "5-year kidney failure risk of 3%–5%"; the issue’s "> 5 %" is the upper end, the default here, and sites may set 3 %' },
    params: { kfre5y: { value: KFRE_REFERRAL_5Y, min: 0.03, max: 0.05, description: '5-year KFRE risk from which referral is suggested (KDIGO: 3–5 %)' } },
    // KFRE is validated in CKD G3–G5 only (KDIGO 2024 Rec 2.2.1), so a missing UACR matters only below eGFR 60.
    when: (ctx, p) => all(below('egfr', 60), kfre5y((r) => r >= (p.kfre5y ?? KFRE_REFERRAL_5Y)))(ctx),
    propose: (ctx, f) => referral(ctx, f, 'Kidney-failure risk at the referral threshold'),
  },
  {
    id: 'ckd-referral-egfr', topic: 'kidney', group: 'nephrology',
    title: 'Nephrology referral (eGFR < 30 or UACR ≥ 300 mg/g)',
    recommendation: 'Refer to a kidney specialist at eGFR below 30, or with albuminuria of 300 mg/g or more.',
    citation: { guideline: KDIGO_2024, where: 'Recommendation 6.1 (KDIGO 2012 Rec 5.1.1 retained)' },
    strength: { cor: '1', loe: 'B' },
    verification: { status: 'verified', note: 'KDIGO 2012 Rec 5.1.1 text (docksci copy); its 2024 numbering was not re-read' },
    when: any(below('egfr', REFERRAL_EGFR), all(ckdRiskGroup, atLeast('uacr', A3))),
    propose: (ctx, f) => referral(ctx, f, 'Advanced CKD or severe albuminuria'),
  },
];

function referral(ctx: PlanContext, f: Finding, why: string): Proposal {
  return {
    options: [{ kind: 'referral', action: 'refer', code: CODES.nephrologyReferral }],
    physicianText: () => `${why} (${f.evidence.join('; ')}): refer to nephrology.`,
    patientText: () => sentences(plainNumber(ctx.facts, 'egfr') ? `Your kidney test number is ${plainNumber(ctx.facts, 'egfr')}.` : undefined, 'A kidney doctor can help protect your kidneys. We will set up a visit.'),
  };
}
