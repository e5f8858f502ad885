/**
 * How model inputs are named and shown to a physician: labels, units as clinicians write them, and values at the
 * precision a clinician expects. Pure, so src/risk can word its results without importing from src/ui.
 */
import type { CanonicalUnit, OmbRace } from '../chart/types.ts';
import { INPUT_SPECS } from './inputs.ts';
import type { InputName } from './types.ts';

/** UCUM codes shown as clinicians write them. */
export const UNIT_LABEL: Record<CanonicalUnit, string> = {
  a: 'years', 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L', 'g/dL': 'g/dL', 'mm[Hg]': 'mmHg', '%': '%',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²', 'mg/g': 'mg/g', 'kg/m2': 'kg/m²', kg: 'kg', cm: 'cm', 'min/wk': 'min/week', '{score}': 'points',
};

function isCanonicalUnit(unit: string | undefined): unit is CanonicalUnit {
  return unit !== undefined && Object.hasOwn(UNIT_LABEL, unit);
}

/** The unit of a numeric input as clinicians write it ("mmHg"); undefined for inputs without a unit. */
export function unitLabelOf(input: InputName): string | undefined {
  const unit = INPUT_SPECS[input].unit;
  return isCanonicalUnit(unit) ? UNIT_LABEL[unit] : undefined;
}

/** Precision a clinician expects per unit (whole mmHg and mg/dL, one decimal for %, g/dL, mmol/L and kg/m², eGFR whole). */
export function formatNumber(value: number, unit: CanonicalUnit): string {
  const decimals = unit === '%' || unit === 'g/dL' || unit === 'mmol/L' || unit === 'kg/m2' ? 1 : unit === 'mg/dL' && value < 20 ? 1 : 0;
  return value.toFixed(decimals);
}

export function formatQuantity(value: number, unit: CanonicalUnit): string {
  return `${formatNumber(value, unit)} ${UNIT_LABEL[unit]}`;
}

/** Input names in running text (lower case unless an abbreviation), e.g. "HDL cholesterol unknown". */
export const INPUT_LABEL: Record<InputName, string> = {
  age: 'age', sex: 'sex', race: 'race', totalCholesterol: 'total cholesterol', hdl: 'HDL cholesterol', systolicBP: 'systolic BP',
  onBPTreatment: 'BP treatment', onStatin: 'statin use', smoker: 'current smoking', diabetes: 'diabetes', egfr: 'eGFR', bmi: 'BMI',
  hba1c: 'HbA1c', uacr: 'UACR', calcium: 'calcium', phosphate: 'phosphate', bicarbonate: 'bicarbonate', albumin: 'albumin',
  region: 'KFRE calibration region', priorASCVD: 'prior ASCVD',
};

/** Every model input, in the order of INPUT_SPECS. */
export const INPUT_NAMES: readonly InputName[] = Object.keys(INPUT_SPECS).filter((n): n is InputName => Object.hasOwn(INPUT_LABEL, n));

/** Words for the enumerated input values (the PCE's race groups as the ACC estimator names them). */
const VALUE_LABEL: Partial<Record<InputName, Readonly<Record<string, string>>>> = {
  race: { white: 'white', black: 'African American', other: 'other' },
  region: { 'north-america': 'North America', other: 'outside North America' },
};

/** The OMB race categories as US Core displays them. */
export const OMB_RACE_LABEL: Record<OmbRace, string> = {
  'american-indian-or-alaska-native': 'American Indian or Alaska Native',
  asian: 'Asian',
  black: 'Black or African American',
  'native-hawaiian-or-other-pacific-islander': 'Native Hawaiian or Other Pacific Islander',
  white: 'White',
  other: 'Other race',
};

/** A model input's value as a physician reads it: "142 mmHg", "yes", "female", "African American". */
export function formatInput(input: InputName, value: number | string | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return VALUE_LABEL[input]?.[value] ?? value;
  const unit = INPUT_SPECS[input].unit;
  return isCanonicalUnit(unit) ? formatQuantity(value, unit) : String(value);
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A coded display in running text: "Myocardial infarction" → "myocardial infarction"; an abbreviation ("TIA") stays. */
export function inRunningText(display: string): string {
  return /^[A-Z][a-z]/.test(display) ? display.charAt(0).toLowerCase() + display.slice(1) : display;
}
