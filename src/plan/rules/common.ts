/** Guideline names, codes and plain-language helpers shared by the rule tables. */
import { SYSTEM } from '../../chart/codes.ts';
import { isKnown, type ChartFacts, type Fact, type Quantity, type QuantityKey } from '../../chart/types.ts';
import type { Activity, Code } from '../types.ts';

export const CHOLESTEROL_2018 = '2018 AHA/ACC/Multisociety cholesterol guideline (Grundy SM et al., Circulation 2019;139:e1082–e1143)';
export const BP_2017 = '2017 ACC/AHA high blood pressure guideline (Whelton PK et al., Hypertension 2018;71:e13–e115)';
export const PREVENTION_2019 = '2019 ACC/AHA primary prevention guideline (Arnett DK et al., Circulation 2019;140:e596–e646)';
export const ADA_2025 = 'ADA Standards of Care in Diabetes—2025 (Diabetes Care 2025;48(Suppl 1))';
export const KDIGO_2024 = 'KDIGO 2024 CKD guideline (Kidney Int 2024;105(4S):S117–S314)';
export const CPIC_STATINS = 'CPIC 2022 SLCO1B1/ABCG2/CYP2C9 statin guideline (Cooper-DeHoff RM et al., Clin Pharmacol Ther 2022;111:1007–1021)';
export const CPIC_CLOPIDOGREL = 'CPIC 2022 CYP2C19 clopidogrel guideline (Lee CR et al., Clin Pharmacol Ther 2022;112:959–967)';

/** Where the COR/LOE of §7 rows come from when no second stored source was found. */
export const REFERENCE_ONLY = 'from the guideline text as summarised in ../shared/reference/risk-models.md §7; not found in a second stored source';

const snomed = (code: string, display: string): Code => ({ system: SYSTEM.snomed, code, display });
const loinc = (code: string, display: string): Code => ({ system: SYSTEM.loinc, code, display });

/**
 * SNOMED CT procedures and regimes, and LOINC tests. Each SNOMED code was seen with this display in at least one
 * stored public code list (Synthea, HL7 CPG IG, eCQM value-set code); LOINC codes are the ones the chart layer reads.
 */
export const CODES = {
  smokingCessationEducation: snomed('225323000', 'Smoking cessation education'),
  exerciseEducation: snomed('386463000', 'Prescribed activity/exercise education'),
  dietEducation: snomed('11816003', 'Diet education'),
  weightReduction: snomed('388976009', 'Weight reduction regimen'),
  alcoholCounselling: snomed('24165007', 'Alcoholism counseling'),
  nephrologyReferral: snomed('306125004', 'Referral to nephrology service'),
  lipidPanel: loinc('24331-1', 'Lipid 1996 panel - Serum or Plasma'),
  hba1c: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
  bpPanel: loinc('85354-9', 'Blood pressure panel with all children optional'),
  homeBpMean: loinc('96607-7', 'Blood pressure panel mean systolic and mean diastolic'),
  creatinine: loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
  uacr: loinc('9318-7', 'Albumin/Creatinine [Mass Ratio] in Urine'),
  potassium: loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma'),
  smokingStatus: loinc('72166-2', 'Tobacco smoking status'),
} as const;

export const counselling = (code: Code): Activity => ({ kind: 'counselling', action: 'counsel', code });
export const labTest = (code: Code): Activity => ({ kind: 'lab-test', action: 'order', code });

/** A fact's value rounded for a patient ("214"), or undefined. */
export function plainNumber(facts: ChartFacts, key: QuantityKey, decimals = 0): string | undefined {
  const f: Fact<Quantity> = facts[key];
  return isKnown(f) ? f.value.value.toFixed(decimals) : undefined;
}

/** Joins sentences, dropping the empty ones. */
export const sentences = (...parts: (string | false | undefined)[]): string => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
