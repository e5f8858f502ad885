import { SYSTEM, type CodeRef } from '../codes.ts';
import type { SmokingStatus } from '../types.ts';

/** Tobacco smoking status, LOINC 72166-2 (US Core Smoking Status profile). */
export const SMOKING_STATUS_CODE: CodeRef = { system: SYSTEM.loinc, code: '72166-2', display: 'Tobacco smoking status' };

/**
 * Answers of 72166-2: SNOMED CT concepts from the US Core smoking status value set (CDC/ONC), and the LOINC answer
 * list LL2201-3. "Ex-smoker" is former, never current (mobilizing-million-hearts #9 got this wrong).
 * Answers meaning "unknown" are in SMOKING_UNKNOWN_ANSWERS: they leave the fact unknown.
 */
export const SMOKING_ANSWERS: readonly { ref: CodeRef; status: SmokingStatus }[] = [
  { ref: { system: SYSTEM.snomed, code: '449868002', display: 'Smokes tobacco daily' }, status: 'current' },
  { ref: { system: SYSTEM.snomed, code: '428041000124106', display: 'Occasional tobacco smoker' }, status: 'current' },
  { ref: { system: SYSTEM.snomed, code: '428071000124103', display: 'Heavy tobacco smoker' }, status: 'current' },
  { ref: { system: SYSTEM.snomed, code: '428061000124105', display: 'Light tobacco smoker' }, status: 'current' },
  { ref: { system: SYSTEM.snomed, code: '8517006', display: 'Ex-smoker' }, status: 'former' },
  { ref: { system: SYSTEM.snomed, code: '266919005', display: 'Never smoked tobacco' }, status: 'never' },
  { ref: { system: SYSTEM.loinc, code: 'LA18976-3', display: 'Current every day smoker' }, status: 'current' },
  { ref: { system: SYSTEM.loinc, code: 'LA18977-1', display: 'Current some day smoker' }, status: 'current' },
  { ref: { system: SYSTEM.loinc, code: 'LA18981-3', display: 'Heavy tobacco smoker' }, status: 'current' },
  { ref: { system: SYSTEM.loinc, code: 'LA18982-1', display: 'Light tobacco smoker' }, status: 'current' },
  { ref: { system: SYSTEM.loinc, code: 'LA15920-4', display: 'Former smoker' }, status: 'former' },
  { ref: { system: SYSTEM.loinc, code: 'LA18978-9', display: 'Never smoker' }, status: 'never' },
];

/**
 * Answers of 72166-2 that do not say whether the patient smokes now (US Core Smoking Status value set, STU 3.1.1;
 * IPS current smoking status LOINC answers). "Smoker, current status unknown" (SNOMED 77176002 / LA18979-7) is the
 * NHIS recode for someone who smoked ≥ 100 cigarettes but whose current smoking is unknown (CDC NCHS NHIS smoking
 * status recodes; IPUMS NHIS SMOKESTATUS1 "smoked 100 cigarettes, unknown if currently smoke"): an ever-smoker who
 * may be former, so neither current nor former. The newest answer wins even when it is one of these, so an older
 * "current" or "never" is not carried past a newer "unknown".
 */
export const SMOKING_UNKNOWN_ANSWERS: readonly CodeRef[] = [
  { system: SYSTEM.snomed, code: '77176002', display: 'Smoker, current status unknown' },
  { system: SYSTEM.snomed, code: '266927001', display: 'Unknown if ever smoked' },
  { system: SYSTEM.loinc, code: 'LA18979-7', display: 'Smoker, current status unknown' },
  { system: SYSTEM.loinc, code: 'LA18980-5', display: 'Unknown if ever smoked' },
];

/** Pregnancy status, LOINC 82810-3, answers from LOINC answer list LL4129-4. */
export const PREGNANCY_STATUS_CODE: CodeRef = { system: SYSTEM.loinc, code: '82810-3', display: 'Pregnancy status' };
export const PREGNANCY_ANSWERS: readonly { ref: CodeRef; pregnant: boolean }[] = [
  { ref: { system: SYSTEM.loinc, code: 'LA15173-0', display: 'Pregnant' }, pregnant: true },
  { ref: { system: SYSTEM.loinc, code: 'LA26683-5', display: 'Not pregnant' }, pregnant: false },
  { ref: { system: SYSTEM.snomed, code: '77386006', display: 'Pregnant' }, pregnant: true },
  { ref: { system: SYSTEM.snomed, code: '60001007', display: 'Not pregnant' }, pregnant: false },
];

/**
 * First-degree relatives (HL7 v3 RoleCode) and the sex each implies, for "family history of premature ASCVD"
 * (2018 AHA/ACC cholesterol guideline, risk-enhancing factors: male relative < 55 y, female relative < 65 y).
 */
export const FIRST_DEGREE_RELATIVES: Readonly<Record<string, 'male' | 'female' | undefined>> = {
  FTH: 'male', NFTH: 'male', MTH: 'female', NMTH: 'female', PRN: undefined, NPRN: undefined,
  BRO: 'male', NBRO: 'male', SIS: 'female', NSIS: 'female', SIB: undefined, NSIB: undefined, TWIN: undefined,
  TWINBRO: 'male', TWINSIS: 'female', FTWINBRO: 'male', FTWINSIS: 'female', ITWINBRO: 'male', ITWINSIS: 'female',
  SON: 'male', SONC: 'male', DAU: 'female', DAUC: 'female', CHILD: undefined, NCHILD: undefined,
};
export const PREMATURE_ASCVD_AGE = { male: 55, female: 65 } as const;
