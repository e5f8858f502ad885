/**
 * Tobacco, aspirin and lifestyle: 2019 ACC/AHA primary prevention guideline (../shared/reference/risk-models.md §7.3),
 * with the aspirin ages and bleeding-risk drug classes src/risk/therapy.ts states.
 */
import { isKnown } from '../../chart/types.ts';
import { ASPIRIN_AGES, BLEEDING_RISK_CLASSES } from '../../risk/therapy.ts';
import { classLabel, medication } from '../drugs.ts';
import { ageAtLeast, all, any, atLeast, below, has, not, pceRisk, quoted } from '../predicates.ts';
import type { Check, Condition, Rule } from '../types.ts';
import { CODES, PREVENTION_2019, REFERENCE_ONLY, counselling, plainNumber, sentences } from './common.ts';

/** 2019 §4.1/§3.2: ≥ 150 min/week of moderate (or 75 vigorous) aerobic activity (I, B-OR). */
const ACTIVITY_MIN_PER_WEEK = 150;
/** 2019 §4.3: overweight BMI ≥ 25 kg/m² → counselling and calorie restriction (I, B-R); ≥ 5 % weight loss is the usual first goal. */
const OVERWEIGHT_BMI = 25;
const WEIGHT_LOSS_FRACTION = 0.05;
/**
 * AUDIT-C screen positive at ≥ 4 (men) / ≥ 3 (women) (Bradley KA et al., Arch Intern Med 2007;167:1812); brief
 * counselling for unhealthy alcohol use: USPSTF 2018 (JAMA 2018;320:1899), grade B. Not verified in a second source.
 */
const AUDIT_C_POSITIVE = { male: 4, female: 3 } as const;
/**
 * Aspirin "might be considered" at higher ASCVD risk; the guideline gives no cut-off (verified: ObG Project summary of
 * the 2019 guideline, "specific risk cut-off not included"). Tailor's default is PCE ≥ 10 %, a site parameter.
 */
const ASPIRIN_HIGHER_RISK = 0.1;

const smoker = has('smoker');

/** Bleeding-risk drugs (anticoagulant, other antiplatelet) rule aspirin out (2019 §4.6, III: Harm, C-LD). */
const noBleedingRiskDrugs: Check = ({ facts }) => {
  if (!isKnown(facts.drugs)) return `medications not loaded (${facts.drugs.reason}): bleeding-risk drugs cannot be checked`;
  const risky = facts.drugs.value.filter((d) => BLEEDING_RISK_CLASSES.has(d.drugClass) && d.ingredient !== 'aspirin');
  return risky.length > 0 ? `increased bleeding risk: takes ${risky.map((d) => `${d.ingredient} (${classLabel(d.drugClass)})`).join(', ')}; aspirin should not be given (2019 ACC/AHA §4.6, III: Harm, C-LD)` : undefined;
};

const auditCPositive: Condition = ({ facts }) => {
  const a = facts.alcoholAuditC;
  const sex = isKnown(facts.sex) ? facts.sex.value : undefined;
  if (!isKnown(a) || !sex) return { truth: 'no', evidence: [], needs: [] };
  return a.value.value >= AUDIT_C_POSITIVE[sex] ? { truth: 'yes', evidence: [quoted('alcoholAuditC', a)], needs: [] } : { truth: 'no', evidence: [], needs: [] };
};

export const PREVENTION_RULES: readonly Rule[] = [
  {
    id: 'smoking-counselling', topic: 'smoking', therapy: 'stop-smoking',
    title: 'Advise to quit smoking, with behavioural support',
    recommendation: 'Ask about tobacco at every visit and advise every tobacco user to quit, with behavioural support.',
    citation: { guideline: PREVENTION_2019, where: '§4.7 tobacco use, recommendations 1 and 2' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'not-verified', note: `${REFERENCE_ONLY}; the same advice (ask, advise, counsel) corroborated by USPSTF 2015 (mdedge summary)` },
    when: smoker,
    propose: (_ctx, f) => ({
      options: [counselling(CODES.smokingCessationEducation)],
      physicianText: () => `${f.evidence.join('; ')}: advise quitting, agree a quit date, offer counselling (quitline 1-800-QUIT-NOW).`,
      patientText: () => 'Stopping smoking is the best thing you can do for your heart. Pick a day to stop. We can help you. A coach or a quit line makes it easier.',
      goal: { kind: 'quit-date', text: 'Quit date agreed with the patient' },
    }),
  },
  {
    id: 'smoking-pharmacotherapy', topic: 'smoking', therapy: 'stop-smoking',
    title: 'Medicine to help stop smoking',
    recommendation: 'Combine behavioural support with medicine (varenicline, nicotine replacement or bupropion) to give the best chance of quitting.',
    citation: { guideline: PREVENTION_2019, where: '§4.7 tobacco use, recommendation 3' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'not-verified', note: `${REFERENCE_ONLY}; corroborated by USPSTF 2015 (behavioural + FDA-approved pharmacotherapy for non-pregnant adults)` },
    when: smoker,
    checks: [({ facts }) => (isKnown(facts.pregnant) && facts.pregnant.value ? 'pregnant: behavioural support only (USPSTF 2015: evidence insufficient for cessation medicines in pregnancy)' : undefined)],
    propose: (_ctx, f) => ({
      // Each medicine is its own coded option, so a varenicline allergy or a current prescription is checked like any drug's.
      options: [
        medication('varenicline', 'start', '0.5 mg once daily for 3 days, 0.5 mg twice daily for 4 days, then 1 mg twice daily, for 12 weeks'),
        medication('nicotine', 'start', 'combination replacement: patch with gum or lozenge, for 12 weeks'),
      ],
      physicianText: () => `${f.evidence.join('; ')}: offer cessation medicine with counselling: varenicline or combination nicotine replacement, 12 weeks or longer.`,
      patientText: () => 'Medicine can cut the urge to smoke. It works best with a coach. Most people use it for 3 months.',
      goal: { kind: 'quit-date', text: 'Quit date agreed with the patient' },
    }),
  },
  {
    id: 'aspirin-primary-prevention', topic: 'aspirin', therapy: 'aspirin',
    title: 'Low-dose aspirin might be considered (ages 40–70, higher risk, no bleeding risk)',
    recommendation: 'Low-dose aspirin might be considered at ages 40 to 70 for people at higher ASCVD risk without raised bleeding risk; it is not given routinely over 70, nor at any age with raised bleeding risk.',
    citation: { guideline: PREVENTION_2019, where: '§4.6 aspirin, recommendations 1–3' },
    strength: { cor: 'IIb', loe: 'A' },
    verification: { status: 'verified', note: 'Cleveland Clinic J Med table (2022 USPSTF vs 2019 ACC/AHA: 40–70 IIb/A; > 70 III/B-R) and ObG Project summary' },
    sharedDecision: true,
    params: { minRisk: { value: ASPIRIN_HIGHER_RISK, min: 0.05, max: 0.3, description: 'PCE 10-year risk from which "higher ASCVD risk" is read (the guideline gives no cut-off)' } },
    // Applies to every primary-prevention adult from 40 who is over 70 or at higher risk, so that "not over 70" is said.
    when: (ctx, p) => all(not(has('ascvd')), ageAtLeast(ASPIRIN_AGES.min), any(ageAtLeast(ASPIRIN_AGES.max + 1), pceRisk((r) => r >= (p.minRisk ?? ASPIRIN_HIGHER_RISK))))(ctx),
    checks: [noBleedingRiskDrugs],
    propose: (ctx, f) => {
      const age = isKnown(ctx.facts.age) ? Math.floor(ctx.facts.age.value.value) : undefined;
      const over70 = age !== undefined && age > ASPIRIN_AGES.max;
      return {
        options: [medication('aspirin', 'start', '75–100 mg once daily')],
        ...(over70 ? { suppressed: `age ${age}: over ${ASPIRIN_AGES.max}, aspirin should not be given routinely for primary prevention (2019 ACC/AHA §4.6, III: Harm, B-R)` } : {}),
        physicianText: () => `${f.evidence.join('; ')}: low-dose aspirin might be considered after weighing bleeding risk (prior GI bleeding, peptic ulcer, thrombocytopenia, NSAIDs, CKD) — discuss.`,
        patientText: () => 'A low-dose aspirin each day may lower the chance of a heart attack a little. It can also cause bleeding. We will talk about whether it is right for you.',
      };
    },
  },
  {
    id: 'lifestyle-activity', topic: 'lifestyle',
    title: `Physical activity to ${ACTIVITY_MIN_PER_WEEK} minutes a week`,
    recommendation: `Adults should do at least ${ACTIVITY_MIN_PER_WEEK} minutes a week of moderate (or 75 of vigorous) aerobic activity.`,
    citation: { guideline: PREVENTION_2019, where: '§3.2 exercise and physical activity, recommendation 2' },
    strength: { cor: 'I', loe: 'B-OR' },
    verification: { status: 'verified', note: 'figure corroborated by the ADA 2025 summaries (≥ 150 min/week); COR/LOE as in risk-models.md §7.3' },
    when: below('physicalActivity', ACTIVITY_MIN_PER_WEEK),
    propose: (ctx, f) => ({
      options: [counselling(CODES.exerciseEducation)],
      physicianText: () => `${f.evidence.join('; ')}: counsel to build up to ≥ ${ACTIVITY_MIN_PER_WEEK} min/week of moderate activity (e.g. brisk walking).`,
      patientText: () => sentences(`You move about ${plainNumber(ctx.facts, 'physicalActivity') ?? 'a little'} minutes a week now.`, `Try for ${ACTIVITY_MIN_PER_WEEK} minutes a week. That is 30 minutes on 5 days. A fast walk counts.`),
      goal: { kind: 'activity', text: `≥ ${ACTIVITY_MIN_PER_WEEK} min/week of moderate activity` },
    }),
  },
  {
    id: 'lifestyle-diet', topic: 'lifestyle',
    title: 'Heart-healthy eating',
    recommendation: 'Eat mostly vegetables, fruit, legumes, nuts, whole grains and fish, and less salt, processed meat, refined carbohydrate and sugary drinks.',
    citation: { guideline: PREVENTION_2019, where: '§3.1 nutrition and diet, recommendation 1' },
    strength: { cor: 'I', loe: 'B-R' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    // The guideline advises everyone; Tailor suggests it when the chart shows a diet-related risk factor.
    when: any(atLeast('bmi', OVERWEIGHT_BMI), has('diabetes'), has('hypertension'), atLeast('ldl', 160)),
    propose: (_ctx, f) => ({
      options: [counselling(CODES.dietEducation)],
      physicianText: () => `${f.evidence.join('; ')}: diet counselling (Mediterranean or DASH pattern, sodium < 1.5–2.3 g/day); offer a dietitian.`,
      patientText: () => 'Fill half your plate with vegetables and fruit. Choose whole grains, beans, nuts and fish. Use less salt. Drink water instead of sweet drinks.',
    }),
  },
  {
    id: 'lifestyle-weight', topic: 'lifestyle',
    title: 'Weight loss with counselling and calorie reduction',
    recommendation: 'People with overweight or obesity should get counselling and a lifestyle programme that includes eating fewer calories.',
    citation: { guideline: PREVENTION_2019, where: '§3.3 adults with overweight and obesity, recommendation 2' },
    strength: { cor: 'I', loe: 'B-R' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    when: atLeast('bmi', OVERWEIGHT_BMI),
    propose: (ctx, f) => {
      const kg = isKnown(ctx.facts.weight) ? Math.round(ctx.facts.weight.value.value * WEIGHT_LOSS_FRACTION) : undefined;
      return {
        options: [counselling(CODES.weightReduction)],
        physicianText: () => `${f.evidence.join('; ')}: weight-loss counselling with calorie reduction; first goal ≥ 5 % of body weight${kg ? ` (about ${kg} kg)` : ''}.`,
        patientText: () => sentences('Losing a little weight helps your heart and blood pressure.', kg ? `A first goal is about ${kg} kilograms.` : 'A first goal is 5 of every 100 pounds you weigh.', 'Small changes each day add up.'),
        goal: { kind: 'weight', text: `lose ≥ 5 % of body weight${kg ? ` (about ${kg} kg)` : ''}` },
      };
    },
  },
  {
    id: 'lifestyle-alcohol', topic: 'lifestyle',
    title: 'Brief counselling to drink less alcohol',
    recommendation: 'When screening shows unhealthy drinking, give brief counselling to cut down.',
    citation: { guideline: 'USPSTF 2018 unhealthy alcohol use (JAMA 2018;320:1899–1909); AUDIT-C cut-offs: Bradley KA et al., Arch Intern Med 2007', where: 'Recommendation for adults' },
    strength: { cor: 'B', loe: 'USPSTF grade' },
    verification: { status: 'not-verified', note: 'grade and cut-offs from the publications as recalled; not found in a stored source' },
    when: auditCPositive,
    propose: (_ctx, f) => ({
      options: [counselling(CODES.alcoholCounselling)],
      physicianText: () => `${f.evidence.join('; ')} (screen positive): brief counselling to reduce drinking; recheck at the next visit.`,
      patientText: () => 'Drinking less alcohol can lower your blood pressure. It is good for your heart and liver. We can make a plan together.',
      goal: { kind: 'alcohol', text: 'AUDIT-C below the screening cut-off' },
    }),
  },
];
