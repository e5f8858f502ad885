/**
 * "Repeat the test": a missing or stale fact that would change a decision. The engine collects, for every rule, the
 * facts its condition lacked (unknown) or read from a stale value (yes, but old), and turns them into one test per
 * kind here, naming the decisions it would settle. Staleness limits are the chart layer's (src/chart/staleness.ts).
 */
import type { FactKey } from '../../chart/types.ts';
import type { Citation, Code, Strength, Verification } from '../types.ts';
import { ADA_2025, BP_2017, CHOLESTEROL_2018, CODES, KDIGO_2024, PREVENTION_2019, REFERENCE_ONLY } from './common.ts';

export interface RetestRule {
  id: string;
  facts: readonly FactKey[];
  test: Code;
  title: string;
  recommendation: string;
  citation: Citation;
  strength: Strength;
  verification: Verification;
  /** Plain words for the patient. */
  patientText: string;
}

export const RETEST_RULES: readonly RetestRule[] = [
  {
    id: 'retest-lipids', facts: ['ldl', 'hdl', 'totalCholesterol', 'triglycerides'], test: CODES.lipidPanel, title: 'Lipid panel',
    recommendation: 'Measure a fasting or non-fasting lipid panel to estimate risk and before starting a statin; recheck 4–12 weeks after starting or changing it, then every 3–12 months.',
    citation: { guideline: CHOLESTEROL_2018, where: '§2.2 and §4.4.3 monitoring' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'verified', note: 'StraightHealthcare summary of the 2018 screening recommendations; monitoring interval as in risk-models.md §7.1' },
    patientText: 'We need a new cholesterol blood test. It helps us choose the right treatment.',
  },
  {
    id: 'retest-bp', facts: ['systolicBP', 'diastolicBP'], test: CODES.bpPanel, title: 'Blood pressure',
    recommendation: 'Base BP decisions on an average of two or more readings taken on two or more occasions.',
    citation: { guideline: BP_2017, where: '§4.1 accurate measurement of BP in the office' },
    strength: { cor: 'I', loe: 'C-EO' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    patientText: 'We need to check your blood pressure again. Two or more readings give a true picture.',
  },
  {
    id: 'retest-hba1c', facts: ['hba1c'], test: CODES.hba1c, title: 'HbA1c',
    recommendation: 'Test HbA1c at least twice a year, and every 3 months when treatment changed or the goal is not met.',
    citation: { guideline: ADA_2025, where: '§6 glycemic goals (assessment of glycemic status)' },
    strength: { cor: 'E', loe: 'ADA grade' },
    verification: { status: 'not-verified', note: 'staleness rationale in src/chart/staleness.ts; grade not re-read' },
    patientText: 'We need a new blood sugar test.',
  },
  {
    id: 'retest-kidney', facts: ['egfr', 'creatinine'], test: CODES.creatinine, title: 'Creatinine and eGFR',
    recommendation: 'Assess GFR and albuminuria at least once a year in CKD, more often at higher risk.',
    citation: { guideline: KDIGO_2024, where: 'Practice points 2.1.1–2.1.2' },
    strength: { cor: 'Practice point', loe: 'not graded' },
    verification: { status: 'verified', note: 'KDIGO 2024 risk-assessment summary table (dbpia)' },
    patientText: 'We need a blood test of your kidneys.',
  },
  {
    id: 'retest-uacr', facts: ['uacr'], test: CODES.uacr, title: 'Urine albumin-to-creatinine ratio',
    recommendation: 'Assess GFR and albuminuria at least once a year in CKD, more often at higher risk.',
    citation: { guideline: KDIGO_2024, where: 'Practice points 2.1.1–2.1.2' },
    strength: { cor: 'Practice point', loe: 'not graded' },
    verification: { status: 'verified', note: 'KDIGO 2024 risk-assessment summary table (dbpia)' },
    patientText: 'We need a urine test to check your kidneys.',
  },
  {
    id: 'retest-potassium', facts: ['potassium'], test: CODES.potassium, title: 'Potassium',
    recommendation: 'Check potassium and creatinine before, and within 2–4 weeks of, starting or raising an ACE inhibitor or ARB.',
    citation: { guideline: KDIGO_2024, where: 'Practice point 3.6.4' },
    strength: { cor: 'Practice point', loe: 'not graded' },
    verification: { status: 'not-verified', note: 'from the guideline text as recalled' },
    patientText: 'We need a blood test for potassium.',
  },
  {
    id: 'retest-smoking', facts: ['smoker', 'smokingStatus'], test: CODES.smokingStatus, title: 'Tobacco use',
    recommendation: 'Ask every adult about tobacco use at every visit.',
    citation: { guideline: PREVENTION_2019, where: '§4.7 tobacco use, recommendation 1' },
    strength: { cor: 'I', loe: 'A' },
    verification: { status: 'not-verified', note: REFERENCE_ONLY },
    patientText: 'Please tell us if you smoke or use tobacco now.',
  },
];
