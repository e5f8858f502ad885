import { SYSTEM, type CodeRef } from '../codes.ts';
import type { CkdStage } from '../types.ts';

/**
 * Condition value sets in SNOMED CT (US Edition concept ids) and ICD-10-CM (FY2025, CMS; `prefix` covers the
 * subcodes of a category). SNOMED matching is by listed concept: Tailor has no terminology server, so
 * descendants a site uses must be added in config/site-codes.json.
 */
const CODE_SYSTEMS = 'SNOMED CT US Edition; ICD-10-CM FY2025 (CDC NCHS/CMS)';

const sct = (code: string, display: string): CodeRef => ({ system: SYSTEM.snomed, code, display });
const icd = (code: string, display: string, prefix = true): CodeRef => ({ system: SYSTEM.icd10cm, code, display, prefix });

export type ConditionKey =
  | 'diabetes' | 'hypertension' | 'ascvd' | 'heartFailure' | 'atrialFibrillation'
  | 'familialHypercholesterolaemia' | 'pregnancy' | 'ckd';

export interface ConditionConcept {
  key: ConditionKey;
  label: string;
  codes: CodeRef[];
  /**
   * 'history': a resolved/inactive record still counts (a past MI is established ASCVD);
   * 'current': only active, recurrence or relapse counts.
   */
  persistence: 'history' | 'current';
  /** Where the codes and the definition come from. */
  source: string;
}

/** CKD codes with the stage each implies (KDIGO 2012 G stages; ICD-10-CM N18.x, SNOMED stage concepts). */
export const CKD_STAGE_CODES: readonly { ref: CodeRef; stage: CkdStage | undefined }[] = [
  { ref: sct('709044004', 'Chronic kidney disease'), stage: undefined },
  { ref: sct('431855005', 'Chronic kidney disease stage 1'), stage: '1' },
  { ref: sct('431856006', 'Chronic kidney disease stage 2'), stage: '2' },
  { ref: sct('433144002', 'Chronic kidney disease stage 3'), stage: '3' },
  { ref: sct('700378005', 'Chronic kidney disease stage 3a'), stage: '3a' },
  { ref: sct('700379002', 'Chronic kidney disease stage 3b'), stage: '3b' },
  { ref: sct('431857002', 'Chronic kidney disease stage 4'), stage: '4' },
  { ref: sct('433146000', 'Chronic kidney disease stage 5'), stage: '5' },
  { ref: sct('46177005', 'End-stage renal disease'), stage: '5' },
  { ref: icd('N18.1', 'CKD stage 1'), stage: '1' },
  { ref: icd('N18.2', 'CKD stage 2'), stage: '2' },
  // N18.3 was the stage 3 code until ICD-10-CM FY2021 split it into N18.30/31/32; older records still carry it.
  { ref: icd('N18.3', 'CKD stage 3 (moderate), before FY2021', false), stage: '3' },
  { ref: icd('N18.30', 'CKD stage 3 unspecified'), stage: '3' },
  { ref: icd('N18.31', 'CKD stage 3a'), stage: '3a' },
  { ref: icd('N18.32', 'CKD stage 3b'), stage: '3b' },
  { ref: icd('N18.4', 'CKD stage 4'), stage: '4' },
  { ref: icd('N18.5', 'CKD stage 5'), stage: '5' },
  { ref: icd('N18.6', 'End stage renal disease'), stage: '5' },
  { ref: icd('N18.9', 'CKD, unspecified'), stage: undefined },
];

export const CONDITION_CONCEPTS: readonly ConditionConcept[] = [
  {
    key: 'diabetes', label: 'Diabetes', persistence: 'current',
    source: CODE_SYSTEMS,
    codes: [
      sct('73211009', 'Diabetes mellitus'), sct('44054006', 'Diabetes mellitus type 2'), sct('46635009', 'Diabetes mellitus type 1'),
      icd('E08', 'Diabetes due to underlying condition'), icd('E09', 'Drug or chemical induced diabetes'),
      icd('E10', 'Type 1 diabetes mellitus'), icd('E11', 'Type 2 diabetes mellitus'), icd('E13', 'Other specified diabetes mellitus'),
    ],
  },
  {
    key: 'hypertension', label: 'Hypertension', persistence: 'current',
    source: CODE_SYSTEMS,
    codes: [
      sct('38341003', 'Hypertensive disorder'), sct('59621000', 'Essential hypertension'),
      icd('I10', 'Essential (primary) hypertension'), icd('I11', 'Hypertensive heart disease'), icd('I12', 'Hypertensive CKD'),
      icd('I13', 'Hypertensive heart and CKD'), icd('I15', 'Secondary hypertension'), icd('I16', 'Hypertensive crisis'),
    ],
  },
  {
    // Clinical ASCVD as defined by the 2018 AHA/ACC cholesterol guideline (Grundy SM et al., Circulation 2019;139:e1082, §1):
    // ACS, history of MI, stable/unstable angina, coronary or other arterial revascularisation, stroke, TIA, PAD.
    key: 'ascvd', label: 'Established ASCVD', persistence: 'history',
    source: `${CODE_SYSTEMS}; clinical ASCVD as defined by the 2018 AHA/ACC cholesterol guideline`,
    codes: [
      sct('22298006', 'Myocardial infarction'), sct('399211009', 'History of myocardial infarction'),
      sct('414545008', 'Ischemic heart disease'), sct('53741008', 'Coronary arteriosclerosis'), sct('194828000', 'Angina'),
      sct('230690007', 'Cerebrovascular accident'), sct('266257000', 'Transient ischemic attack'),
      sct('399957001', 'Peripheral arterial occlusive disease'), sct('840580004', 'Peripheral arterial disease'),
      sct('399261000', 'History of coronary artery bypass grafting'),
      icd('I20', 'Angina pectoris'), icd('I21', 'Acute myocardial infarction'), icd('I22', 'Subsequent MI'),
      icd('I23', 'Complications following acute MI'), icd('I24', 'Other acute ischemic heart diseases'), icd('I25', 'Chronic ischemic heart disease'),
      icd('I63', 'Cerebral infarction'), icd('I69.3', 'Sequelae of cerebral infarction'),
      icd('G45.0', 'Vertebro-basilar artery syndrome'), icd('G45.1', 'Carotid artery syndrome (hemispheric)'),
      icd('G45.8', 'Other transient cerebral ischemic attacks'), icd('G45.9', 'Transient cerebral ischemic attack, unspecified'),
      icd('Z86.73', 'Personal history of TIA and cerebral infarction without residual deficits'),
      icd('I70.2', 'Atherosclerosis of native arteries of the extremities'), icd('I73.9', 'Peripheral vascular disease, unspecified'),
      icd('Z95.1', 'Presence of aortocoronary bypass graft'), icd('Z95.5', 'Presence of coronary angioplasty implant and graft'),
      icd('Z98.61', 'Coronary angioplasty status'),
    ],
  },
  {
    key: 'heartFailure', label: 'Heart failure', persistence: 'current',
    source: CODE_SYSTEMS,
    codes: [sct('84114007', 'Heart failure'), sct('88805009', 'Chronic congestive heart failure'), sct('42343007', 'Congestive heart failure'), icd('I50', 'Heart failure')],
  },
  {
    key: 'atrialFibrillation', label: 'Atrial fibrillation', persistence: 'current',
    source: CODE_SYSTEMS,
    codes: [sct('49436004', 'Atrial fibrillation'), icd('I48', 'Atrial fibrillation and flutter')],
  },
  {
    key: 'familialHypercholesterolaemia', label: 'Familial hypercholesterolaemia', persistence: 'history',
    source: CODE_SYSTEMS,
    codes: [sct('398036000', 'Familial hypercholesterolemia'), icd('E78.01', 'Familial hypercholesterolemia')],
  },
  {
    key: 'pregnancy', label: 'Pregnancy', persistence: 'current',
    source: CODE_SYSTEMS,
    codes: [sct('77386006', 'Pregnancy'), icd('Z33.1', 'Pregnant state, incidental')],
  },
  {
    key: 'ckd', label: 'Chronic kidney disease', persistence: 'current',
    source: `${CODE_SYSTEMS}; KDIGO 2012 G stages`,
    codes: CKD_STAGE_CODES.map((c) => c.ref),
  },
];

