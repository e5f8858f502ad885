/**
 * Codes used by the synthetic charts. Every code is a real code of its system:
 * LOINC (https://loinc.org, code and long common name), SNOMED CT (international edition, FSN without tag),
 * RxNorm (clinical drug SCD / ingredient IN concepts, NLM), UCUM units (https://ucum.org), HL7 terminology
 * CodeSystems (https://terminology.hl7.org) and CDC Race & Ethnicity (CDCREC, urn:oid:2.16.840.1.113883.6.238).
 */
import type { Coding } from 'fhir/r4';

export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  obsCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  hgnc: 'http://www.genenames.org/geneId',
  dbsnp: 'http://www.ncbi.nlm.nih.gov/projects/SNP',
  cdcRace: 'urn:oid:2.16.840.1.113883.6.238',
  /** Sandbox-local identifier systems: not real MRNs or NPIs. */
  mrn: 'urn:tailor:sandbox:mrn',
  staffId: 'urn:tailor:sandbox:staff-id',
} as const;

export type ObservationCategory = 'laboratory' | 'vital-signs' | 'social-history';

/** A LOINC observation code with the UCUM unit it is reported in (undefined for coded results). */
export interface LabCode {
  code: string;
  display: string;
  unit?: string;
  category: ObservationCategory;
}

const lab = (code: string, display: string, unit?: string): LabCode => ({ code, display, unit, category: 'laboratory' });
const vital = (code: string, display: string, unit?: string): LabCode => ({ code, display, unit, category: 'vital-signs' });

/** LOINC, conventional (US) units. */
export const LOINC = {
  totalCholesterol: lab('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL'),
  hdl: lab('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'mg/dL'),
  ldlCalculated: lab('13457-7', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', 'mg/dL'),
  ldlDirect: lab('18262-6', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', 'mg/dL'),
  triglycerides: lab('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL'),
  hba1c: lab('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%'),
  glucose: lab('2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'mg/dL'),
  creatinine: lab('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'mg/dL'),
  egfrCkdEpi2021: lab('98979-8', 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)', 'mL/min/{1.73_m2}'),
  uacr: lab('9318-7', 'Albumin/Creatinine [Mass Ratio] in Urine', 'mg/g'),
  bun: lab('3094-0', 'Urea nitrogen [Mass/volume] in Serum or Plasma', 'mg/dL'),
  sodium: lab('2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'mmol/L'),
  potassium: lab('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'mmol/L'),
  chloride: lab('2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'mmol/L'),
  bicarbonate: lab('2028-9', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', 'mmol/L'),
  calcium: lab('17861-6', 'Calcium [Mass/volume] in Serum or Plasma', 'mg/dL'),
  hemoglobin: lab('718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL'),
  wbc: lab('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL'),
  platelets: lab('777-3', 'Platelets [#/volume] in Blood by Automated count', '10*3/uL'),
  alt: lab('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L'),
  ck: lab('2157-6', 'Creatine kinase [Enzymatic activity/volume] in Serum or Plasma', 'U/L'),
  /** SI-unit variants (LOINC distinguishes moles/volume from mass/volume properties). */
  totalCholesterolSI: lab('14647-2', 'Cholesterol [Moles/volume] in Serum or Plasma', 'mmol/L'),
  hdlSI: lab('14646-4', 'Cholesterol in HDL [Moles/volume] in Serum or Plasma', 'mmol/L'),
  ldlCalculatedSI: lab('39469-2', 'Cholesterol in LDL [Moles/volume] in Serum or Plasma by calculation', 'mmol/L'),
  triglyceridesSI: lab('14927-8', 'Triglyceride [Moles/volume] in Serum or Plasma', 'mmol/L'),
  glucoseSI: lab('14749-6', 'Glucose [Moles/volume] in Serum or Plasma', 'mmol/L'),
  creatinineSI: lab('14682-9', 'Creatinine [Moles/volume] in Serum or Plasma', 'umol/L'),
  hba1cIFCC: lab('59261-8', 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol', 'mmol/mol'),
  uacrSI: lab('32294-1', 'Albumin/Creatinine [Ratio] in Urine', 'mg/mmol'),
  /** Genomics Reporting IG style pharmacogenomic results. */
  genotypeDisplay: lab('84413-4', 'Genotype display name'),
  slco1b1Function: lab('79722-5', 'SLCO1B1 gene product functional interpretation'),
  cyp2c19Phenotype: lab('79714-2', 'CYP2C19 gene product metabolic activity interpretation'),
  geneStudied: lab('48018-6', 'Gene studied [ID]'),
  dbSnpId: lab('81255-2', 'dbSNP [ID]'),
  /** Vital signs (FHIR R4 vital-signs profile codes). */
  bpPanel: vital('85354-9', 'Blood pressure panel with all children optional'),
  systolic: vital('8480-6', 'Systolic blood pressure', 'mm[Hg]'),
  diastolic: vital('8462-4', 'Diastolic blood pressure', 'mm[Hg]'),
  heartRate: vital('8867-4', 'Heart rate', '/min'),
  bodyWeight: vital('29463-7', 'Body weight', 'kg'),
  bodyHeight: vital('8302-2', 'Body height', 'cm'),
  bmi: vital('39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2'),
  /** Social history. */
  smokingStatus: { code: '72166-2', display: 'Tobacco smoking status', category: 'social-history' } as LabCode,
} as const;

/** SNOMED CT answers for 72166-2 (the US Core smoking status value set). */
export const SMOKING = {
  never: { system: SYSTEM.snomed, code: '266919005', display: 'Never smoked tobacco' },
  former: { system: SYSTEM.snomed, code: '8517006', display: 'Ex-smoker' },
  everyDay: { system: SYSTEM.snomed, code: '449868002', display: 'Smokes tobacco daily' },
  someDays: { system: SYSTEM.snomed, code: '428041000124106', display: 'Occasional tobacco smoker' },
} satisfies Record<string, Coding>;

/** OMB race categories, as in the US Core OMB Race Categories value set (CDCREC codes and displays). */
export const OMB_RACE = {
  asian: { system: SYSTEM.cdcRace, code: '2028-9', display: 'Asian' },
  black: { system: SYSTEM.cdcRace, code: '2054-5', display: 'Black or African American' },
  white: { system: SYSTEM.cdcRace, code: '2106-3', display: 'White' },
} satisfies Record<string, Coding>;

/** SNOMED CT disorders. */
export const CONDITION = {
  diabetesType2: { system: SYSTEM.snomed, code: '44054006', display: 'Diabetes mellitus type 2' },
  hypertension: { system: SYSTEM.snomed, code: '38341003', display: 'Hypertensive disorder, systemic arterial' },
  hypercholesterolemia: { system: SYSTEM.snomed, code: '13644009', display: 'Hypercholesterolemia' },
  hyperlipidemia: { system: SYSTEM.snomed, code: '55822004', display: 'Hyperlipidemia' },
  familialHypercholesterolemia: { system: SYSTEM.snomed, code: '398036000', display: 'Familial hypercholesterolemia' },
  ckdStage3b: { system: SYSTEM.snomed, code: '700379002', display: 'Chronic kidney disease stage 3B' },
  myocardialInfarction: { system: SYSTEM.snomed, code: '22298006', display: 'Myocardial infarction' },
  coronaryArteriosclerosis: { system: SYSTEM.snomed, code: '53741008', display: 'Coronary arteriosclerosis' },
  obesity: { system: SYSTEM.snomed, code: '414916001', display: 'Obesity' },
  prediabetes: { system: SYSTEM.snomed, code: '714628002', display: 'Prediabetes' },
  muscleAche: { system: SYSTEM.snomed, code: '68962001', display: 'Muscle pain' },
  ckdStage3a: { system: SYSTEM.snomed, code: '700378005', display: 'Chronic kidney disease stage 3A' },
  angioedema: { system: SYSTEM.snomed, code: '41291007', display: 'Angioedema' },
} satisfies Record<string, Coding>;

/** RxNorm clinical drugs (SCD) and ingredients (IN). */
export const RXNORM = {
  lisinopril10: { system: SYSTEM.rxnorm, code: '314076', display: 'lisinopril 10 MG Oral Tablet' },
  lisinopril20: { system: SYSTEM.rxnorm, code: '314077', display: 'lisinopril 20 MG Oral Tablet' },
  amlodipine5: { system: SYSTEM.rxnorm, code: '197361', display: 'amlodipine 5 MG Oral Tablet' },
  amlodipine10: { system: SYSTEM.rxnorm, code: '308135', display: 'amlodipine 10 MG Oral Tablet' },
  hydrochlorothiazide25: { system: SYSTEM.rxnorm, code: '310798', display: 'hydrochlorothiazide 25 MG Oral Tablet' },
  metoprololSuccinate100: { system: SYSTEM.rxnorm, code: '866412', display: '24 HR metoprolol succinate 100 MG Extended Release Oral Tablet' },
  metforminEr500: { system: SYSTEM.rxnorm, code: '860975', display: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet' },
  atorvastatin40: { system: SYSTEM.rxnorm, code: '617311', display: 'atorvastatin 40 MG Oral Tablet' },
  atorvastatin80: { system: SYSTEM.rxnorm, code: '259255', display: 'atorvastatin 80 MG Oral Tablet' },
  simvastatin20: { system: SYSTEM.rxnorm, code: '312961', display: 'simvastatin 20 MG Oral Tablet' },
  aspirin81: { system: SYSTEM.rxnorm, code: '243670', display: 'aspirin 81 MG Oral Tablet' },
  clopidogrel75: { system: SYSTEM.rxnorm, code: '309362', display: 'clopidogrel 75 MG Oral Tablet' },
  simvastatinIngredient: { system: SYSTEM.rxnorm, code: '36567', display: 'simvastatin' },
  lisinoprilIngredient: { system: SYSTEM.rxnorm, code: '29046', display: 'lisinopril' },
} satisfies Record<string, Coding>;

/** SNOMED CT substance: the statin class, for a class-level intolerance. */
export const STATIN_CLASS: Coding = {
  system: SYSTEM.snomed,
  code: '372912004',
  display: 'Substance with 3-hydroxy-3-methylglutaryl-coenzyme A reductase inhibitor mechanism of action',
};

/** v3 RoleCode family relationships. */
export const RELATIONSHIP = {
  father: { system: SYSTEM.roleCode, code: 'FTH', display: 'father' },
  mother: { system: SYSTEM.roleCode, code: 'MTH', display: 'mother' },
  brother: { system: SYSTEM.roleCode, code: 'BRO', display: 'brother' },
} satisfies Record<string, Coding>;

/** SNOMED CT route: oral. */
export const ORAL_ROUTE: Coding = { system: SYSTEM.snomed, code: '26643006', display: 'Oral route' };
