/**
 * Guideline statements that decide without the risk score (or qualify it), shown next to it, with the patient's own
 * numbers. Rules are data: each has its threshold and citation (../shared/reference/risk-models.md §7; COR/LOE as
 * printed in the guideline), and one small loop runs them.
 */
import type { ChartFacts, CkdStage } from '../chart/types.ts';
import { formatQuantity, inRunningText } from './inputDisplay.ts';
import type { ChartInputs, GuidelineNote } from './viewModel.ts';

const CHOLESTEROL_2018 = '2018 AHA/ACC/Multisociety cholesterol guideline (Grundy SM et al., Circulation 2019;139:e1082–e1143)';

/** §7.1: clinical ASCVD, age ≤ 75 → high-intensity statin (I, A); age > 75 → moderate or high intensity reasonable (IIa, B-R). */
export const ASCVD_HIGH_INTENSITY_MAX_AGE = 75;
/** §7.1: LDL-C ≥ 190 mg/dL, age 20–75 → high-intensity statin without a risk estimate (I, B-R). */
export const SEVERE_LDL_MG_DL = 190;
export const SEVERE_LDL_AGES = { min: 20, max: 75 };
/** §7.1: diabetes, age 40–75 → moderate-intensity statin regardless of risk (I, A). */
export const DIABETES_AGES = { min: 40, max: 75 };
/**
 * §7.5 KDIGO 2024 (Kidney Int 2024;105(4S):S117–S314) GFR categories: G1 ≥ 90, G2 60–89, G3a 45–59, G3b 30–44,
 * G4 15–29, G5 < 15 mL/min/1.73 m². In CKD G3–G5 use an externally validated kidney-failure risk equation (1A).
 */
const GFR_CATEGORIES: readonly { name: string; min: number }[] = [
  { name: 'G1', min: 90 }, { name: 'G2', min: 60 }, { name: 'G3a', min: 45 }, { name: 'G3b', min: 30 }, { name: 'G4', min: 15 }, { name: 'G5', min: 0 },
];
const CKD_G3_MAX_EGFR_EXCLUSIVE = 60;
const CKD_G3_TO_G5_STAGES: readonly CkdStage[] = ['3', '3a', '3b', '4', '5'];

interface NoteRule {
  id: GuidelineNote['id'];
  models: GuidelineNote['models'];
  /** The note's text and citation for this patient, or undefined when the rule does not apply (or cannot be told). */
  note(facts: ChartFacts, ci: ChartInputs): { text: string; citation: string } | undefined;
}

const inAges = (age: number | undefined, span: { min: number; max: number }): age is number => age !== undefined && age >= span.min && age <= span.max;
const ascvdKnownTrue = (facts: ChartFacts): boolean => facts.ascvd.state === 'known' && facts.ascvd.value;

const RULES: readonly NoteRule[] = [
  {
    id: 'secondary-prevention',
    models: ['pce', 'prevent'],
    note(facts, ci) {
      if (facts.ascvd.state !== 'known' || !facts.ascvd.value) return undefined;
      const diagnoses = [...new Set(facts.ascvd.sources.flatMap((s) => (s.value ? [inRunningText(s.value)] : [])))];
      const what = `Clinical ASCVD${diagnoses.length > 0 ? ` (${diagnoses.join(', ')})` : ''}: secondary prevention applies, not the primary-prevention scores.`;
      const age = ci.inputs.age;
      const treatment = [ldlText(facts), statinText(facts)].filter(Boolean).join('; ');
      const now = treatment ? ` Now: ${treatment}.` : '';
      if (age === undefined) {
        return {
          text: `${what} High-intensity statin up to age ${ASCVD_HIGH_INTENSITY_MAX_AGE}, moderate or high intensity reasonable above it (age unknown).${now}`,
          citation: `${CHOLESTEROL_2018}: clinical ASCVD, age ≤ ${ASCVD_HIGH_INTENSITY_MAX_AGE}: high-intensity statin, COR I, LOE A; age > ${ASCVD_HIGH_INTENSITY_MAX_AGE}: moderate- or high-intensity statin, COR IIa, LOE B-R`,
        };
      }
      if (age > ASCVD_HIGH_INTENSITY_MAX_AGE) {
        return {
          text: `${what} Age ${age} (> ${ASCVD_HIGH_INTENSITY_MAX_AGE}): a moderate- or high-intensity statin is reasonable.${now}`,
          citation: `${CHOLESTEROL_2018}: clinical ASCVD, age > ${ASCVD_HIGH_INTENSITY_MAX_AGE}: moderate- or high-intensity statin, COR IIa, LOE B-R`,
        };
      }
      return {
        text: `${what} Age ${age} (≤ ${ASCVD_HIGH_INTENSITY_MAX_AGE}): high-intensity statin, aiming to lower LDL-C by ≥ 50 %.${now}`,
        citation: `${CHOLESTEROL_2018}: clinical ASCVD, age ≤ ${ASCVD_HIGH_INTENSITY_MAX_AGE}: high-intensity statin, COR I, LOE A`,
      };
    },
  },
  {
    id: 'ldl-190',
    models: ['pce', 'prevent'],
    note(facts, ci) {
      // A primary-prevention statin benefit group: with clinical ASCVD the secondary-prevention note decides.
      const ldl = facts.ldl.state === 'known' ? facts.ldl.value.value : undefined;
      const age = ci.inputs.age;
      if (ascvdKnownTrue(facts) || ldl === undefined || ldl < SEVERE_LDL_MG_DL || !inAges(age, SEVERE_LDL_AGES)) return undefined;
      return {
        text: `${ldlText(facts)} (≥ ${SEVERE_LDL_MG_DL}) at age ${age}: high-intensity statin without a risk estimate; the score is shown but does not decide.`,
        citation: `${CHOLESTEROL_2018}: LDL-C ≥ ${SEVERE_LDL_MG_DL} mg/dL, age ${SEVERE_LDL_AGES.min}–${SEVERE_LDL_AGES.max}: high-intensity statin, COR I, LOE B-R`,
      };
    },
  },
  {
    id: 'diabetes-40-75',
    models: ['pce', 'prevent'],
    note(facts, ci) {
      const age = ci.inputs.age;
      if (ascvdKnownTrue(facts) || ci.inputs.diabetes !== true || !inAges(age, DIABETES_AGES)) return undefined;
      const statin = statinText(facts);
      return {
        text: `Diabetes at age ${age} (${DIABETES_AGES.min}–${DIABETES_AGES.max}): moderate-intensity statin regardless of the 10-year risk score.${statin ? ` Now: ${statin}.` : ''}`,
        citation: `${CHOLESTEROL_2018}: diabetes, age ${DIABETES_AGES.min}–${DIABETES_AGES.max}: moderate-intensity statin, COR I, LOE A`,
      };
    },
  },
  {
    id: 'prior-ascvd-unknown',
    models: ['pce', 'prevent'],
    note(facts) {
      if (facts.ascvd.state === 'known') return undefined;
      return {
        text: `Prior ASCVD unknown (${facts.ascvd.reason}): the scores assume none (primary prevention); with clinical ASCVD, secondary prevention applies instead.`,
        citation: 'PCE (Goff DC et al., Circulation 2014;129:S49–S73) and PREVENT (Khan SS et al., Circulation 2024;149:430–449): derived in adults without clinical ASCVD',
      };
    },
  },
  {
    id: 'ckd-kfre',
    models: ['kfre4', 'kfre8'],
    note(facts, ci) {
      const egfr = ci.inputs.egfr;
      const stage = facts.ckdStage.state === 'known' ? facts.ckdStage.value : undefined;
      const byEgfr = egfr !== undefined && egfr < CKD_G3_MAX_EGFR_EXCLUSIVE;
      const byDiagnosis = stage !== undefined && CKD_G3_TO_G5_STAGES.includes(stage);
      if (!byEgfr && !byDiagnosis) return undefined;
      const evidence = [
        ...(byDiagnosis ? [`CKD stage ${stage} on the problem list`] : []),
        ...(egfr !== undefined ? [`eGFR ${formatQuantity(egfr, 'mL/min/{1.73_m2}')} (${gfrCategory(egfr)})`] : []),
      ].join(', ');
      return {
        text: `${evidence}: CKD G3–G5, where a validated kidney-failure risk equation (KFRE) is recommended.`,
        citation: 'KDIGO 2024 CKD guideline (Kidney Int 2024;105(4S):S117–S314): in CKD G3–G5 use an externally validated risk equation (KFRE, Tangri 2011), grade 1A',
      };
    },
  },
];

export function guidelineNotes(facts: ChartFacts, ci: ChartInputs): GuidelineNote[] {
  // No treatment decision is made for a deceased patient; every model already says why it gives no number.
  if (ci.deceased) return [];
  return RULES.flatMap((rule) => {
    const note = rule.note(facts, ci);
    return note ? [{ id: rule.id, models: rule.models, ...note }] : [];
  });
}

/** KDIGO 2024 GFR category of an eGFR. */
export function gfrCategory(egfr: number): string {
  return GFR_CATEGORIES.find((c) => egfr >= c.min)?.name ?? 'G5';
}

function ldlText(facts: ChartFacts): string {
  if (facts.ldl.state !== 'known') return '';
  const date = facts.ldl.date ? `, ${facts.ldl.date.slice(0, 10)}` : '';
  return `LDL-C ${formatQuantity(facts.ldl.value.value, 'mg/dL')}${date}`;
}

function statinText(facts: ChartFacts): string {
  const s = facts.statin.state === 'known' ? facts.statin.value : undefined;
  if (!s) return '';
  const dose = s.doseMg !== undefined ? ` ${s.doseMg} mg` : '';
  return `on ${s.ingredient}${dose}${s.intensity ? ` (${s.intensity} intensity)` : ''}`;
}
