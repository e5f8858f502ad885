/**
 * The rule table: patient situations → the suggestions expected, and the ones expected to be ruled out with their
 * reason. Each row cites the recommendation it checks; expectations are read off the guideline thresholds by hand
 * (e.g. LDL-C 189 is below 190, age 76 is over 75), not printed by the engine.
 */
import { describe, expect, it } from 'vitest';
import { suggestPlan } from '../../src/plan/engine.ts';
import type { PlanSuggestions, Suggestion } from '../../src/plan/types.ts';
import { contextOf, type Situation } from './situation.ts';

interface Row {
  name: string;
  cites: string;
  patient: Situation;
  /** Suggestion ids that must be present (others may be too). */
  suggested?: string[];
  /** Suggestion ids that must be absent from both lists. */
  absent?: string[];
  /** Ruled-out suggestion ids and a phrase their reason must contain. */
  notSuggested?: Record<string, string>;
  check?: (plan: PlanSuggestions, get: (id: string) => Suggestion) => void;
}

const STATIN_RULES = ['statin-secondary-high', 'statin-secondary-over-75', 'statin-ldl-190', 'statin-diabetes-high', 'statin-diabetes-moderate', 'statin-primary-high-risk', 'statin-primary-intermediate', 'statin-primary-borderline', 'statin-ckd'];
const healthy: Situation = { age: 55, ldl: 120, hdl: 50, sbp: 118, dbp: 74, egfr: 90, uacr: 10, hba1c: 5.4, bmi: 23 };

const ROWS: Row[] = [
  // 2018 AHA/ACC cholesterol guideline
  { name: 'LDL-C 214 at 44 → high-intensity statin', cites: '2018 cholesterol §4.2 rec 1 (I, B-R)', patient: { ...healthy, age: 44, ldl: 214, pce: 0.04 }, suggested: ['statin-ldl-190'],
    check: (_p, get) => expect([get('statin-ldl-190').activity.ingredient, get('statin-ldl-190').activity.intensity]).toEqual(['atorvastatin', 'high']) },
  { name: 'LDL-C 189 at 44, PCE 4 % → no statin', cites: '2018 §4.2 (threshold 190) and §4.4.2 (low risk)', patient: { ...healthy, age: 44, ldl: 189, pce: 0.04 }, absent: STATIN_RULES },
  { name: 'LDL-C 195 at 76 → not the LDL ≥ 190 rule (ages 20–75)', cites: '2018 §4.2 rec 1', patient: { ...healthy, age: 76, ldl: 195 }, absent: ['statin-ldl-190'] },
  { name: 'Diabetes at 50, no risk factors → moderate-intensity statin', cites: '2018 §4.3 rec 1 (I, A)', patient: { ...healthy, age: 50, diabetes: true }, suggested: ['statin-diabetes-moderate'], absent: ['statin-diabetes-high'],
    check: (_p, get) => expect(get('statin-diabetes-moderate').activity.intensity).toBe('moderate') },
  { name: 'Diabetes at 39 → no diabetes statin rule', cites: '2018 §4.3 rec 1 (ages 40–75)', patient: { ...healthy, age: 39, diabetes: true }, absent: ['statin-diabetes-moderate', 'statin-diabetes-high'] },
  { name: 'Diabetes at 60 with smoking and hypertension → high intensity', cites: '2018 §4.3 rec 3 (IIa, B-R)', patient: { ...healthy, age: 60, diabetes: true, smoker: true, hypertension: true }, suggested: ['statin-diabetes-high'], absent: ['statin-diabetes-moderate'],
    check: (_p, get) => expect(get('statin-diabetes-high').activity.intensity).toBe('high') },
  { name: 'ASCVD at 60, no statin → start high intensity', cites: '2018 §4.1 rec 2 (I, A)', patient: { ...healthy, age: 60, ascvd: true }, suggested: ['statin-secondary-high'],
    check: (_p, get) => expect([get('statin-secondary-high').activity.action, get('statin-secondary-high').goal?.text]).toEqual(['start', 'LDL-C ≥ 50 % lower and < 70 mg/dL']) },
  { name: 'ASCVD at 80 → moderate or high intensity reasonable', cites: '2018 §4.1 rec 3 (IIa, B-R)', patient: { ...healthy, age: 80, ascvd: true }, suggested: ['statin-secondary-over-75'], absent: ['statin-secondary-high'] },
  { name: 'ASCVD on atorvastatin 20 → intensify, not a new statin', cites: '2018 §4.1 rec 2; issue 8 personalisation', patient: { ...healthy, age: 60, ascvd: true, drugs: ['atorvastatin 20'] }, suggested: ['statin-secondary-high'],
    check: (_p, get) => expect([get('statin-secondary-high').activity.action, get('statin-secondary-high').activity.ingredient, get('statin-secondary-high').activity.dose]).toEqual(['intensify', 'atorvastatin', '40–80 mg once daily']) },
  { name: 'Very-high-risk ASCVD on atorvastatin 80, LDL-C 70 → ezetimibe; no new statin', cites: '2018 §4.1 rec 4 (IIa, B-R)', patient: { ...healthy, age: 66, ascvd: true, hypertension: true, ldl: 70, drugs: ['atorvastatin 80', 'lisinopril'] },
    suggested: ['ezetimibe-very-high-risk'], notSuggested: { 'statin-secondary-high': 'already on atorvastatin 80 mg' } },
  { name: 'Very-high-risk ASCVD on atorvastatin 80, LDL-C 69 → no ezetimibe', cites: '2018 §4.1 rec 4 (LDL-C ≥ 70)', patient: { ...healthy, age: 66, ascvd: true, hypertension: true, ldl: 69, drugs: ['atorvastatin 80'] }, absent: ['ezetimibe-very-high-risk', 'ezetimibe-ascvd'] },
  { name: 'ASCVD at 59 on atorvastatin 40, no high-risk condition, LDL-C 78 → ezetimibe may be reasonable', cites: '2018 §4.1 rec 6 (IIb, B-R)', patient: { ...healthy, age: 59, ascvd: true, ldl: 78, drugs: ['atorvastatin 40'] }, suggested: ['ezetimibe-ascvd'], absent: ['ezetimibe-very-high-risk'] },
  { name: 'Already on ezetimibe → not suggested again', cites: '2018 §4.1 rec 4; issue 8 (never start what the patient takes)', patient: { ...healthy, age: 66, ascvd: true, hypertension: true, ldl: 90, drugs: ['atorvastatin 80', 'ezetimibe'] }, absent: ['ezetimibe-very-high-risk', 'ezetimibe-ascvd'] },
  { name: 'PCE 12 %, LDL-C 130 → moderate statin after a risk discussion', cites: '2018 §4.4.2 rec 1 (I, A)', patient: { ...healthy, ldl: 130, pce: 0.12 }, suggested: ['statin-primary-intermediate'],
    check: (_p, get) => expect([get('statin-primary-intermediate').sharedDecision, get('statin-primary-intermediate').activity.intensity]).toEqual([true, 'moderate']) },
  { name: 'PCE 25 % → statin to lower LDL-C ≥ 50 %', cites: '2018 §4.4.2 rec 2 (I, A)', patient: { ...healthy, ldl: 130, pce: 0.25 }, suggested: ['statin-primary-high-risk'], absent: ['statin-primary-intermediate'] },
  { name: 'PCE 6 % with family history of premature ASCVD → statin may be justified', cites: '2018 §4.4.2 rec 9 (IIb, B-R)', patient: { ...healthy, ldl: 130, pce: 0.06, familyHistory: true }, suggested: ['statin-primary-borderline'] },
  { name: 'PCE 6 % without risk enhancers → no statin', cites: '2018 §4.4.2 rec 9 (needs enhancers)', patient: { ...healthy, ldl: 130, pce: 0.06 }, absent: STATIN_RULES },
  { name: 'PCE 12 % but LDL-C 65 → outside the 70–189 primary-prevention group', cites: '2018 §4.4.2 (LDL-C 70–189)', patient: { ...healthy, ldl: 65, pce: 0.12 }, absent: ['statin-primary-intermediate'] },
  { name: 'Statin intolerance with diabetes → low-dose other statin and ezetimibe; standard statin ruled out', cites: '2018 §5 rec 4 (I, B-R)',
    patient: { ...healthy, age: 63, sex: 'female', diabetes: true, ldl: 158, allergies: [{ display: 'Statins', type: 'intolerance', drugClass: 'statin' }] },
    suggested: ['statin-intolerance-rechallenge', 'statin-intolerance-nonstatin'], notSuggested: { 'statin-diabetes-moderate': 'intolerance to Statins' },
    check: (_p, get) => expect([get('statin-intolerance-rechallenge').activity.action, get('statin-intolerance-rechallenge').activity.intensity, get('statin-intolerance-nonstatin').activity.ingredient]).toEqual(['rechallenge', 'low', 'ezetimibe']) },
  { name: 'Statin class allergy → no rechallenge either', cites: '2018 §5 rec 4 (side effects not severe only)', patient: { ...healthy, age: 63, diabetes: true, ldl: 158, allergies: [{ display: 'Statins', type: 'allergy', drugClass: 'statin' }] },
    notSuggested: { 'statin-intolerance-rechallenge': 'allergy to Statins', 'statin-diabetes-moderate': 'allergy' }, suggested: ['statin-intolerance-nonstatin'] },
  { name: 'Atorvastatin intolerance with ASCVD → rosuvastatin high intensity', cites: '2018 §4.1 rec 2 with §5 rec 4 (alternate statin)', patient: { ...healthy, age: 60, ascvd: true, allergies: [{ display: 'atorvastatin', type: 'intolerance', drugClass: 'statin', ingredient: 'atorvastatin' }] },
    suggested: ['statin-secondary-high'], check: (_p, get) => expect([get('statin-secondary-high').activity.ingredient, get('statin-secondary-high').activity.dose]).toEqual(['rosuvastatin', '20–40 mg once daily']) },
  { name: 'Pregnant with LDL-C 200 → statin ruled out', cites: '2018 §4.5 (statins stopped in pregnancy, I, C-LD)', patient: { ...healthy, age: 30, sex: 'female', ldl: 200, pregnant: true }, notSuggested: { 'statin-ldl-190': 'pregnant' } },
  { name: 'CKD eGFR 40 at 60 → statin in CKD', cites: 'KDIGO 2024 Rec 3.15.1 (1A)', patient: { ...healthy, age: 60, egfr: 40, ldl: 100 }, suggested: ['statin-ckd'] },
  // CPIC 2022
  { name: 'SLCO1B1 poor function, LDL-C 200 → strongest allowed statin, a note on combination therapy', cites: 'CPIC 2022 SLCO1B1 Figure 1 (atorvastatin ≤ 20 mg, rosuvastatin ≤ 10 mg in poor function)', patient: { ...healthy, age: 50, ldl: 200, slco1b1: 'poor function' },
    suggested: ['statin-ldl-190', 'pgx-slco1b1-avoid-simvastatin'], check: (_p, get) => {
      const s = get('statin-ldl-190');
      expect([s.activity.ingredient, s.activity.dose, s.activity.intensity]).toEqual(['atorvastatin', '10–20 mg once daily', 'moderate']);
      expect(s.personalisation.join(' ')).toContain('combination therapy');
    } },
  { name: 'SLCO1B1 decreased function on simvastatin 40 → switch, not simvastatin', cites: 'CPIC 2022 simvastatin Table 2 (strong)', patient: { ...healthy, slco1b1: 'decreased function', drugs: ['simvastatin 40'] },
    suggested: ['pgx-slco1b1-switch'], check: (_p, get) => expect([get('pgx-slco1b1-switch').activity.action, get('pgx-slco1b1-switch').activity.ingredient]).toEqual(['switch', 'atorvastatin']) },
  { name: 'SLCO1B1 decreased, PCE 12 % → atorvastatin within ≤ 40 mg, and simvastatin to avoid', cites: 'CPIC 2022 (atorvastatin ≤ 40 mg decreased function)', patient: { ...healthy, ldl: 150, pce: 0.12, slco1b1: 'decreased function' },
    suggested: ['statin-primary-intermediate', 'pgx-slco1b1-avoid-simvastatin'], check: (_p, get) => expect(get('statin-primary-intermediate').personalisation.join(' ')).toContain('atorvastatin at most 40 mg') },
  { name: 'CYP2C19 poor metabolizer on clopidogrel after PCI → ticagrelor', cites: 'CPIC 2022 clopidogrel Table 2 (strong, ACS/PCI)', patient: { ...healthy, ascvd: true, cyp2c19: 'poor metabolizer', drugs: ['clopidogrel', 'aspirin', 'atorvastatin 40'] },
    suggested: ['pgx-cyp2c19-clopidogrel'], check: (_p, get) => expect(get('pgx-cyp2c19-clopidogrel').activity.ingredient).toBe('ticagrelor') },
  { name: 'CYP2C19 intermediate with ticagrelor allergy → prasugrel, ticagrelor ruled out', cites: 'CPIC 2022 clopidogrel Table 2 (prasugrel or ticagrelor)', patient: { ...healthy, ascvd: true, cyp2c19: 'intermediate metabolizer', drugs: ['clopidogrel'], allergies: [{ display: 'ticagrelor', type: 'allergy', drugClass: 'antiplatelet', ingredient: 'ticagrelor' }] },
    suggested: ['pgx-cyp2c19-clopidogrel'], notSuggested: { 'pgx-cyp2c19-clopidogrel:ticagrelor': 'allergy to ticagrelor' },
    check: (_p, get) => expect(get('pgx-cyp2c19-clopidogrel').activity.ingredient).toBe('prasugrel') },
  { name: 'CYP2C19 normal metabolizer on clopidogrel → nothing', cites: 'CPIC 2022 Table 2 (standard dose)', patient: { ...healthy, ascvd: true, cyp2c19: 'normal metabolizer', drugs: ['clopidogrel'] }, absent: ['pgx-cyp2c19-clopidogrel'] },
  // 2017 ACC/AHA BP guideline
  { name: 'Untreated 135/85 with PCE 12 % → start BP medicine, goal < 130/80', cites: '2017 BP §8.1.2 (I)', patient: { ...healthy, sbp: 135, dbp: 85, pce: 0.12 }, suggested: ['bp-start-high-risk'],
    check: (_p, get) => expect(get('bp-start-high-risk').goal?.text).toBe('BP < 130/80 mmHg') },
  { name: 'Untreated 135/85, PCE 5 %, no diabetes/CKD → no drug; confirm out of office', cites: '2017 BP §8.1.2 rec 2 (≥ 140/90 at lower risk) and §4.2 (I, A)', patient: { ...healthy, sbp: 135, dbp: 85, pce: 0.05 }, suggested: ['bp-out-of-office'], absent: ['bp-start-high-risk', 'bp-start-low-risk'] },
  { name: 'Untreated 145/92 at lower risk → start BP medicine', cites: '2017 BP §8.1.2 rec 2 (I, C-LD)', patient: { ...healthy, sbp: 145, dbp: 92, pce: 0.05 }, suggested: ['bp-start-low-risk'] },
  { name: 'Untreated 145/92 but home readings 128/79 → drug ruled out (white coat)', cites: '2017 BP §4.2 out-of-office confirmation (I, A)', patient: { ...healthy, sbp: 145, dbp: 92, pce: 0.05, homeSbp: 128, homeDbp: 79 },
    notSuggested: { 'bp-start-low-risk:chlorthalidone': 'home BP 128/79 mmHg' }, absent: ['bp-out-of-office'] },
  { name: 'ASCVD on amlodipine at 138/84 → add another first-line class', cites: '2017 BP §8.1.5 rec 1 (I)', patient: { ...healthy, age: 60, ascvd: true, sbp: 138, dbp: 84, drugs: ['amlodipine', 'atorvastatin 80'] }, suggested: ['bp-intensify-high-risk'],
    check: (_p, get) => expect([get('bp-intensify-high-risk').activity.action, get('bp-intensify-high-risk').activity.ingredient]).toEqual(['add', 'chlorthalidone']) },
  // 2019 ACC/AHA primary prevention
  { name: 'Current smoker → counselling and medicine, quit-date goal', cites: '2019 prevention §4.7 (I, A)', patient: { ...healthy, smoker: true }, suggested: ['smoking-counselling', 'smoking-pharmacotherapy'],
    check: (_p, get) => expect(get('smoking-counselling').goal?.kind).toBe('quit-date') },
  { name: 'Pregnant smoker → counselling only', cites: '2019 §4.7; USPSTF 2015 (pregnancy)', patient: { ...healthy, age: 30, sex: 'female', smoker: true, pregnant: true }, suggested: ['smoking-counselling'], notSuggested: { 'smoking-pharmacotherapy:varenicline': 'pregnant', 'smoking-pharmacotherapy:nicotine': 'pregnant' } },
  { name: 'Smoker allergic to varenicline → nicotine replacement, varenicline ruled out', cites: '2019 §4.7 rec 3 (pharmacotherapy) with the allergy check', patient: { ...healthy, age: 50, smoker: true, allergies: [{ display: 'varenicline', type: 'allergy', drugClass: 'smokingCessation', ingredient: 'varenicline' }] },
    suggested: ['smoking-pharmacotherapy'], notSuggested: { 'smoking-pharmacotherapy:varenicline': 'allergy to varenicline' },
    check: (_p, get) => expect(get('smoking-pharmacotherapy').activity.ingredient).toBe('nicotine') },
  { name: 'Age 82 → no aspirin, because over 70', cites: '2019 §4.6 rec 2 (III: Harm, B-R)', patient: { ...healthy, age: 82 }, notSuggested: { 'aspirin-primary-prevention': 'over 70' } },
  { name: 'Age 60, PCE 15 %, on warfarin → no aspirin (bleeding risk)', cites: '2019 §4.6 rec 3 (III: Harm, C-LD)', patient: { ...healthy, age: 60, pce: 0.15, drugs: ['warfarin'] }, notSuggested: { 'aspirin-primary-prevention': 'bleeding risk' } },
  { name: 'Age 60, PCE 15 %, no bleeding-risk drug → aspirin might be considered', cites: '2019 §4.6 rec 1 (IIb, A)', patient: { ...healthy, age: 60, pce: 0.15 }, suggested: ['aspirin-primary-prevention'],
    check: (_p, get) => expect(get('aspirin-primary-prevention').sharedDecision).toBe(true) },
  { name: 'Age 60, PCE 5 % → aspirin not raised at all', cites: '2019 §4.6 rec 1 (higher risk only)', patient: { ...healthy, age: 60, pce: 0.05 }, absent: ['aspirin-primary-prevention'] },
  // ADA 2025
  { name: 'Diabetes with ASCVD → SGLT2 inhibitor (or GLP-1 RA)', cites: 'ADA 2025 §9/§10 (A)', patient: { ...healthy, age: 60, diabetes: true, ascvd: true, drugs: ['atorvastatin 80'] }, suggested: ['diabetes-cardiorenal-ascvd'],
    check: (_p, get) => expect(get('diabetes-cardiorenal-ascvd').activity.ingredient).toBe('empagliflozin') },
  { name: 'Diabetes with ASCVD, eGFR 18 → GLP-1 RA, SGLT2 inhibitor ruled out by eGFR', cites: 'ADA 2025 §9; KDIGO 2024 Rec 3.7.1 (eGFR ≥ 20)', patient: { ...healthy, age: 60, diabetes: true, ascvd: true, egfr: 18, drugs: ['atorvastatin 80'] },
    notSuggested: { 'diabetes-cardiorenal-ascvd:empagliflozin': 'below 20' }, check: (_p, get) => expect(get('diabetes-cardiorenal-ascvd').activity.ingredient).toBe('semaglutide') },
  { name: 'Diabetes, HbA1c 8.2, eGFR 40, no metformin → HbA1c goal; metformin ruled out by eGFR', cites: 'ADA 2025 §6 (A); metformin label (eGFR)', patient: { ...healthy, diabetes: true, hba1c: 8.2, egfr: 40 },
    suggested: ['diabetes-hba1c-goal'], notSuggested: { 'diabetes-metformin': 'below 45' }, check: (_p, get) => expect(get('diabetes-hba1c-goal').goal?.text).toBe('HbA1c < 7 %') },
  { name: 'Diabetes, HbA1c 6.5 → no HbA1c goal suggestion', cites: 'ADA 2025 §6 (< 7 %)', patient: { ...healthy, diabetes: true, hba1c: 6.5 }, absent: ['diabetes-hba1c-goal', 'diabetes-metformin'] },
  // KDIGO 2024
  { name: 'Hypertension, UACR 350, eGFR 50 → ACE inhibitor, SGLT2 inhibitor, nephrology referral', cites: 'KDIGO 2024 Rec 3.6.1 (1B), 3.7.1 (1A), 6.1', patient: { ...healthy, hypertension: true, uacr: 350, egfr: 50 },
    suggested: ['ckd-ras-a3-or-diabetes', 'ckd-sglt2', 'ckd-referral-egfr'], check: (_p, get) => expect(get('ckd-ras-a3-or-diabetes').activity.ingredient).toBe('lisinopril') },
  { name: 'Hypertension, UACR 120, on losartan → not suggested, already takes an ARB', cites: 'KDIGO 2024 Rec 3.6.2 (2C); avoid ACEi + ARB', patient: { ...healthy, hypertension: true, uacr: 120, drugs: ['losartan'] }, notSuggested: { 'ckd-ras-a2:lisinopril': 'already takes losartan' } },
  { name: 'UACR 120 with potassium 5.4 → ACE inhibitor and ARB ruled out', cites: 'KDIGO 2024 Rec 3.6.2; Tailor potassium limit 5.0', patient: { ...healthy, hypertension: true, uacr: 120, potassium: 5.4 },
    notSuggested: { 'ckd-ras-a2:lisinopril': 'potassium 5.4', 'ckd-ras-a2:losartan': 'potassium 5.4' } },
  { name: 'Lisinopril allergy (angioedema), UACR 120 → losartan with a caution', cites: 'KDIGO 2024 Rec 3.6.2; ACE-inhibitor allergy', patient: { ...healthy, hypertension: true, uacr: 120, allergies: [{ display: 'Lisinopril', type: 'allergy', drugClass: 'aceInhibitor', ingredient: 'lisinopril' }] },
    suggested: ['ckd-ras-a2'], notSuggested: { 'ckd-ras-a2:lisinopril': 'allergy to Lisinopril' },
    check: (_p, get) => { expect(get('ckd-ras-a2').activity.ingredient).toBe('losartan'); expect(get('ckd-ras-a2').cautions.join(' ')).toContain('angioedema'); } },
  { name: 'eGFR 25 at 60, UACR 50 → referral, statin in CKD, SGLT2 inhibitor (2B)', cites: 'KDIGO 2024 Rec 6.1, 3.15.1, 3.7.2', patient: { ...healthy, age: 60, egfr: 25, uacr: 50 }, suggested: ['ckd-referral-egfr', 'statin-ckd', 'ckd-sglt2-low-albuminuria'] },
  { name: 'KFRE 5-year 6 % at eGFR 40 → referral', cites: 'KDIGO 2024 practice point 2.2.1', patient: { ...healthy, egfr: 40, uacr: 100, kfre5y: 0.06 }, suggested: ['ckd-referral-kfre'] },
  { name: 'KFRE 5-year 4 % → no KFRE referral at the 5 % default', cites: 'KDIGO 2024 PP 2.2.1 (3–5 %; Tailor default 5 %)', patient: { ...healthy, egfr: 40, uacr: 100, kfre5y: 0.04 }, absent: ['ckd-referral-kfre'] },
  { name: 'KFRE 5-year 4 %, site threshold 3 % → referral', cites: 'KDIGO 2024 PP 2.2.1; config/plan-rules.json params', patient: { ...healthy, egfr: 40, uacr: 100, kfre5y: 0.04, site: { rules: { 'ckd-referral-kfre': { params: { kfre5y: 0.03 } } } } }, suggested: ['ckd-referral-kfre'] },
  // Lifestyle
  { name: 'Activity 60 min/week → activity counselling to 150', cites: '2019 §3.2 (I, B-OR)', patient: { ...healthy, activity: 60 }, suggested: ['lifestyle-activity'] },
  { name: 'Activity 200 min/week → none', cites: '2019 §3.2 (≥ 150)', patient: { ...healthy, activity: 200 }, absent: ['lifestyle-activity'] },
  { name: 'BMI 32, weight 100 kg → weight loss, first goal about 5 kg', cites: '2019 §3.3 (I, B-R)', patient: { ...healthy, bmi: 32, weight: 100 }, suggested: ['lifestyle-weight', 'lifestyle-diet'],
    check: (_p, get) => expect(get('lifestyle-weight').goal?.text).toBe('lose ≥ 5 % of body weight (about 5 kg)') },
  { name: 'AUDIT-C 3 in a woman → alcohol counselling; 3 in a man → none', cites: 'USPSTF 2018; AUDIT-C cut-offs 3 (women), 4 (men)', patient: { ...healthy, sex: 'female', auditC: 3 }, suggested: ['lifestyle-alcohol'] },
  { name: 'AUDIT-C 3 in a man → no alcohol counselling', cites: 'AUDIT-C cut-off 4 (men)', patient: { ...healthy, auditC: 3 }, absent: ['lifestyle-alcohol'] },
  // Repeat the test
  { name: 'HDL missing at 55 with LDL-C 130 → repeat the lipid panel (decides the statin)', cites: '2018 §2.2 (I, A)', patient: { age: 55, ldl: 130, sbp: 120, dbp: 75, egfr: 90, uacr: 10 }, suggested: ['retest-lipids'],
    check: (_p, get) => { expect(get('retest-lipids').triggers.join(' ')).toContain('HDL'); expect(get('retest-lipids').physicianText).toContain('Moderate-intensity statin after a risk discussion'); } },
  { name: 'LDL-C 200 drawn 1,900 days ago → statin suggested and the lipid panel repeated (stale)', cites: '2018 §4.2 rec 1; §4.4.3 monitoring', patient: { ...healthy, age: 50, ldl: 200, ldlDays: 1900 }, suggested: ['statin-ldl-190', 'retest-lipids'],
    check: (_p, get) => expect(get('retest-lipids').triggers.join(' ')).toContain('stale') },
  { name: 'Healthy 55-year-old with every value known → no repeat test', cites: 'Tailor: repeat only what would change a decision', patient: { ...healthy, pce: 0.03 }, absent: ['retest-lipids', 'retest-bp', 'retest-kidney', 'retest-uacr', 'retest-smoking', 'retest-hba1c'] },
  // Site configuration
  { name: 'Site disables the aspirin rule → neither suggested nor listed', cites: 'config/plan-rules.json enabled: false', patient: { ...healthy, age: 82, site: { rules: { 'aspirin-primary-prevention': { enabled: false } } } }, absent: ['aspirin-primary-prevention'] },
];

describe('rule table', () => {
  it('has at least 40 situations', () => expect(ROWS.length).toBeGreaterThanOrEqual(40));

  it.each(ROWS)('$name ($cites)', (row) => {
    const plan = suggestPlan(contextOf(row.patient));
    const ids = plan.suggestions.map((s) => s.id);
    const hidden = new Map(plan.notSuggested.map((n) => [n.suggestion.id, n.because]));
    for (const id of row.suggested ?? []) expect(ids, `suggested ${id}`).toContain(id);
    for (const id of row.absent ?? []) {
      expect(ids, `not suggested ${id}`).not.toContain(id);
      expect([...hidden.keys()], `not listed ${id}`).not.toContain(id);
    }
    for (const [id, phrase] of Object.entries(row.notSuggested ?? {})) {
      expect(hidden.get(id), `ruled out ${id}`).toContain(phrase);
      expect(ids).not.toContain(id);
    }
    const get = (id: string) => {
      const s = plan.suggestions.find((x) => x.id === id);
      if (!s) throw new Error(`no suggestion ${id}`);
      return s;
    };
    row.check?.(plan, get);
  });
});
