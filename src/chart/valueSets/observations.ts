import { SYSTEM, type CodeRef } from '../codes.ts';
import type { CanonicalUnit, QuantityKey } from '../types.ts';

/**
 * Observation concepts as data. Codes: LOINC (https://loinc.org), each code's component/property/system as
 * in the LOINC table (version 2.77). "mass" codes report mg/dL-type units, "moles" codes mmol/L-type units;
 * both are read and converted with UCUM, never assumed from the code.
 */
export interface ObservationConcept {
  key: QuantityKey;
  label: string;
  /** Observation.category the search uses (US Core: laboratory, vital-signs, social-history). */
  category: 'laboratory' | 'vital-signs' | 'social-history';
  codes: CodeRef[];
  /** Codes of panels whose `component` carries this concept (BP panels). */
  panels?: CodeRef[];
  unit: CanonicalUnit;
  /** g/mol, for UCUM mass↔substance conversion; with its source. */
  molarMass?: { value: number; source: string };
  /** Valence, for meq↔mmol conversion (UCUM "eq" units). */
  charge?: number;
  /** Plausible range in the canonical unit: values outside are data-entry errors, rejected (not clamped). */
  plausible: [number, number];
  /** Why the plausible range is what it is. */
  plausibleSource: string;
  /** Where the codes come from. */
  source: string;
  /**
   * For blood pressure: which readings the concept takes, by who measured them (homeReadings.ts). Office BP is what
   * the risk equations were fitted on; home and device readings are kept apart.
   */
  setting?: 'office' | 'out-of-office';
}

const loinc = (code: string, display: string): CodeRef => ({ system: SYSTEM.loinc, code, display });

const LOINC_TABLE = 'LOINC 2.77 (Regenstrief Institute), component/property/system per the LOINC table';
const VITAL_SIGNS = 'FHIR R4 vital-signs profile (LOINC codes of the vital signs panel and its components)';
const EXERCISE_VITAL_SIGN = 'HL7 Physical Activity IG 1.0.0, ValueSet pa-observation-code-evs and example ExampleEVSMinutesPerWeek (82290-8 in min/wk)';
const PHYSIOLOGIC = 'Tailor plausibility bound: beyond physiologically survivable values, to catch unit/entry errors';

export const BP_PANELS: CodeRef[] = [
  loinc('85354-9', 'Blood pressure panel with all children optional'),
  loinc('55284-4', 'Blood pressure systolic and diastolic'),
];

/**
 * Self-measured BP as HL7 CardX Hypertension Management IG 1.0.0 profiles it: the ordinary panel (85354-9, components
 * 8480-6/8462-4) with the patient as performer and the device referenced; an average of home readings as the
 * 96607-7 panel (components 96608-5/96609-3). No LOINC code says "home" by itself: 96607-7 is also used for averages
 * taken in the clinic (LOINC 96607-7 description), so the setting is always decided by performer and device.
 */
const SMBP = 'HL7 CardX Hypertension Management IG 1.0.0, profiles Self-measured Blood Pressure and Average Self-measured Blood Pressure';
const MEAN_BP_PANEL = loinc('96607-7', 'Blood pressure panel mean systolic and mean diastolic');

export const OBSERVATION_CONCEPTS: readonly ObservationConcept[] = [
  {
    key: 'totalCholesterol', source: LOINC_TABLE, label: 'Total cholesterol', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma'), loinc('14647-2', 'Cholesterol [Moles/volume] in Serum or Plasma')],
    molarMass: { value: 386.65, source: 'Cholesterol C27H46O, PubChem CID 5997' },
    plausible: [40, 1000], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'hdl', source: LOINC_TABLE, label: 'HDL cholesterol', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma'), loinc('14646-4', 'Cholesterol in HDL [Moles/volume] in Serum or Plasma')],
    molarMass: { value: 386.65, source: 'Cholesterol C27H46O, PubChem CID 5997' },
    plausible: [5, 250], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'ldl', source: LOINC_TABLE, label: 'LDL cholesterol', category: 'laboratory', unit: 'mg/dL',
    codes: [
      loinc('13457-7', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation'),
      loinc('18262-6', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay'),
      loinc('2089-1', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma'),
      loinc('22748-8', 'Cholesterol in LDL [Moles/volume] in Serum or Plasma'),
      loinc('39469-2', 'Cholesterol in LDL [Moles/volume] in Serum or Plasma by calculation'),
    ],
    molarMass: { value: 386.65, source: 'Cholesterol C27H46O, PubChem CID 5997' },
    plausible: [1, 900], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'triglycerides', source: LOINC_TABLE, label: 'Triglycerides', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma'), loinc('14927-8', 'Triglyceride [Moles/volume] in Serum or Plasma')],
    molarMass: { value: 885.7, source: 'Triolein C57H104O6 (PubChem CID 5497163), the reference triglyceride behind the conventional 88.57 mg/dL per mmol/L' },
    plausible: [5, 20000], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'systolicBP', source: VITAL_SIGNS, label: 'Systolic blood pressure', category: 'vital-signs', unit: 'mm[Hg]',
    codes: [loinc('8480-6', 'Systolic blood pressure')], panels: BP_PANELS,
    plausible: [50, 300], plausibleSource: PHYSIOLOGIC, setting: 'office',
  },
  {
    key: 'diastolicBP', source: VITAL_SIGNS, label: 'Diastolic blood pressure', category: 'vital-signs', unit: 'mm[Hg]',
    codes: [loinc('8462-4', 'Diastolic blood pressure')], panels: BP_PANELS,
    plausible: [20, 200], plausibleSource: PHYSIOLOGIC, setting: 'office',
  },
  {
    key: 'homeSystolicBP', source: SMBP, label: 'Home systolic BP', category: 'vital-signs', unit: 'mm[Hg]',
    codes: [loinc('8480-6', 'Systolic blood pressure'), loinc('96608-5', 'Systolic blood pressure mean')], panels: [...BP_PANELS, MEAN_BP_PANEL],
    plausible: [50, 300], plausibleSource: PHYSIOLOGIC, setting: 'out-of-office',
  },
  {
    key: 'homeDiastolicBP', source: SMBP, label: 'Home diastolic BP', category: 'vital-signs', unit: 'mm[Hg]',
    codes: [loinc('8462-4', 'Diastolic blood pressure'), loinc('96609-3', 'Diastolic blood pressure mean')], panels: [...BP_PANELS, MEAN_BP_PANEL],
    plausible: [20, 200], plausibleSource: PHYSIOLOGIC, setting: 'out-of-office',
  },
  {
    key: 'hba1c', source: LOINC_TABLE, label: 'HbA1c', category: 'laboratory', unit: '%',
    codes: [
      loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
      loinc('17856-6', 'Hemoglobin A1c/Hemoglobin.total in Blood by HPLC'),
      loinc('59261-8', 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol'),
    ],
    plausible: [3, 20], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'fastingGlucose', source: LOINC_TABLE, label: 'Fasting glucose', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('1558-6', 'Fasting glucose [Mass/volume] in Serum or Plasma'), loinc('14771-0', 'Fasting glucose [Moles/volume] in Serum or Plasma')],
    molarMass: { value: 180.156, source: 'Glucose C6H12O6, PubChem CID 5793' },
    plausible: [10, 2000], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'creatinine', source: LOINC_TABLE, label: 'Creatinine', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'), loinc('14682-9', 'Creatinine [Moles/volume] in Serum or Plasma'), loinc('38483-4', 'Creatinine [Mass/volume] in Blood')],
    molarMass: { value: 113.12, source: 'Creatinine C4H7N3O, PubChem CID 588' },
    plausible: [0.1, 30], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'egfr', source: LOINC_TABLE, label: 'eGFR', category: 'laboratory', unit: 'mL/min/{1.73_m2}',
    codes: [
      loinc('98979-8', 'GFR/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)'),
      loinc('62238-1', 'GFR/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)'),
      loinc('33914-3', 'GFR/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)'),
      loinc('69405-9', 'GFR/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood'),
    ],
    plausible: [1, 200], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'uacr', source: LOINC_TABLE, label: 'Urine albumin/creatinine ratio', category: 'laboratory', unit: 'mg/g',
    codes: [
      loinc('9318-7', 'Albumin/Creatinine [Mass Ratio] in Urine'),
      loinc('14959-1', 'Microalbumin/Creatinine [Mass Ratio] in Urine'),
      loinc('32294-1', 'Albumin/Creatinine [Ratio] in Urine'),
    ],
    // mg/mmol (SI) is milligrams albumin per millimole CREATININE, so the molar mass is creatinine's.
    molarMass: { value: 113.12, source: 'Creatinine C4H7N3O, PubChem CID 588 (denominator of mg/mmol)' },
    plausible: [0, 30000], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'potassium', source: LOINC_TABLE, label: 'Potassium', category: 'laboratory', unit: 'mmol/L',
    codes: [loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma'), loinc('6298-4', 'Potassium [Moles/volume] in Blood')],
    molarMass: { value: 39.098, source: 'K standard atomic weight, IUPAC 2021' }, charge: 1,
    plausible: [1, 12], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'calcium', source: LOINC_TABLE, label: 'Calcium', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('17861-6', 'Calcium [Mass/volume] in Serum or Plasma'), loinc('2000-8', 'Calcium [Moles/volume] in Serum or Plasma')],
    molarMass: { value: 40.078, source: 'Ca standard atomic weight, IUPAC 2021' }, charge: 2,
    plausible: [2, 25], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'phosphate', source: LOINC_TABLE, label: 'Phosphate', category: 'laboratory', unit: 'mg/dL',
    codes: [loinc('2777-1', 'Phosphate [Mass/volume] in Serum or Plasma'), loinc('14879-1', 'Phosphate [Moles/volume] in Serum or Plasma')],
    // Serum "phosphate" in mg/dL is reported as elemental phosphorus, so 1 mmol/L = 3.097 mg/dL.
    molarMass: { value: 30.974, source: 'P standard atomic weight, IUPAC 2021 (phosphate reported as phosphorus)' },
    plausible: [0.3, 25], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'bicarbonate', source: LOINC_TABLE, label: 'Bicarbonate', category: 'laboratory', unit: 'mmol/L',
    codes: [loinc('1963-8', 'Bicarbonate [Moles/volume] in Serum or Plasma'), loinc('2028-9', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma')],
    molarMass: { value: 61.017, source: 'HCO3- , PubChem CID 769' }, charge: 1,
    plausible: [2, 60], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'albumin', source: LOINC_TABLE, label: 'Albumin (serum)', category: 'laboratory', unit: 'g/dL',
    codes: [loinc('1751-7', 'Albumin [Mass/volume] in Serum or Plasma'), loinc('61151-7', 'Albumin [Mass/volume] in Serum or Plasma by Bromocresol green (BCG) dye binding method'), loinc('61152-5', 'Albumin [Mass/volume] in Serum or Plasma by Bromocresol purple (BCP) dye binding method')],
    plausible: [0.5, 8], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'bmi', source: VITAL_SIGNS, label: 'BMI', category: 'vital-signs', unit: 'kg/m2',
    codes: [loinc('39156-5', 'Body mass index (BMI) [Ratio]')],
    plausible: [8, 150], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'height', source: VITAL_SIGNS, label: 'Height', category: 'vital-signs', unit: 'cm',
    codes: [loinc('8302-2', 'Body height')],
    plausible: [40, 275], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'weight', source: VITAL_SIGNS, label: 'Weight', category: 'vital-signs', unit: 'kg',
    codes: [loinc('29463-7', 'Body weight'), loinc('3141-9', 'Body weight Measured')],
    plausible: [2, 650], plausibleSource: PHYSIOLOGIC,
  },
  {
    key: 'physicalActivity', source: EXERCISE_VITAL_SIGN, label: 'Physical activity', category: 'social-history', unit: 'min/wk',
    // The Exercise Vital Sign result in minutes per week is 82290-8; 89574-8 is the EVS panel, which carries no value.
    codes: [loinc('82290-8', 'Frequency of moderate to vigorous aerobic physical activity')],
    plausible: [0, 10080], plausibleSource: 'Minutes in a week',
  },
  {
    key: 'alcoholAuditC', source: LOINC_TABLE, label: 'Alcohol (AUDIT-C)', category: 'social-history', unit: '{score}',
    codes: [loinc('75626-2', 'Total score [AUDIT-C]')],
    plausible: [0, 12], plausibleSource: 'AUDIT-C total score range 0–12 (Bush K et al., Arch Intern Med 1998;158:1789–95)',
  },
];

export function conceptOf(key: QuantityKey): ObservationConcept {
  const concept = OBSERVATION_CONCEPTS.find((c) => c.key === key);
  if (!concept) throw new Error(`No observation concept ${key}`);
  return concept;
}
