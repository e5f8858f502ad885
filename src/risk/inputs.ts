import type { InputName, RiskInputs } from './types.ts';

/** Where an input comes from in a FHIR chart (codes from LOINC, SNOMED CT, HL7 and CDC race codes). */
export interface InputSpec {
  kind: 'number' | 'boolean' | 'enum';
  description: string;
  /** UCUM unit of the number the model expects. */
  unit?: string;
  values?: readonly string[];
  fhir: string;
}

export const INPUT_SPECS: Record<InputName, InputSpec> = {
  age: { kind: 'number', unit: 'a', description: 'Age in years', fhir: 'Patient.birthDate (age at the date of scoring)' },
  sex: { kind: 'enum', values: ['female', 'male'], description: 'Sex the equations were fitted on', fhir: 'Patient.gender (administrative-gender female | male)' },
  race: {
    kind: 'enum',
    values: ['white', 'black', 'other'],
    description: 'Race for the PCE only (Black → African-American equations; all others → white equations)',
    fhir: 'US Core race extension, OMB category 2054-5 Black or African American / 2106-3 White (urn:oid:2.16.840.1.113883.6.238)',
  },
  totalCholesterol: { kind: 'number', unit: 'mg/dL', description: 'Total cholesterol', fhir: 'LOINC 2093-3 Cholesterol [Mass/volume] in Serum or Plasma' },
  hdl: { kind: 'number', unit: 'mg/dL', description: 'HDL cholesterol', fhir: 'LOINC 2085-9 Cholesterol in HDL [Mass/volume] in Serum or Plasma' },
  systolicBP: { kind: 'number', unit: 'mm[Hg]', description: 'Systolic blood pressure', fhir: 'LOINC 8480-6 Systolic blood pressure (component of 85354-9 panel)' },
  onBPTreatment: { kind: 'boolean', description: 'Taking antihypertensive medication', fhir: 'Active MedicationRequest/MedicationStatement in an antihypertensive class' },
  onStatin: { kind: 'boolean', description: 'Taking a statin', fhir: 'Active MedicationRequest/MedicationStatement for a statin' },
  smoker: { kind: 'boolean', description: 'Current smoker', fhir: 'LOINC 72166-2 Tobacco smoking status (SNOMED 449868002 current every day / 428041000124106 current some day)' },
  diabetes: { kind: 'boolean', description: 'Diabetes mellitus', fhir: 'Condition SNOMED CT 73211009 Diabetes mellitus (or descendants)' },
  egfr: {
    kind: 'number',
    unit: 'mL/min/{1.73_m2}',
    description: 'eGFR (CKD-EPI 2021 creatinine equation, race-free)',
    fhir: 'LOINC 98979-8 Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)',
  },
  bmi: { kind: 'number', unit: 'kg/m2', description: 'Body-mass index', fhir: 'LOINC 39156-5 Body mass index (BMI) [Ratio]' },
  hba1c: { kind: 'number', unit: '%', description: 'Haemoglobin A1c (NGSP %)', fhir: 'LOINC 4548-4 Hemoglobin A1c/Hemoglobin.total in Blood' },
  uacr: { kind: 'number', unit: 'mg/g', description: 'Urine albumin-to-creatinine ratio', fhir: 'LOINC 9318-7 Albumin/Creatinine [Mass Ratio] in Urine' },
  calcium: { kind: 'number', unit: 'mg/dL', description: 'Serum calcium', fhir: 'LOINC 17861-6 Calcium [Mass/volume] in Serum or Plasma' },
  phosphate: { kind: 'number', unit: 'mg/dL', description: 'Serum phosphate', fhir: 'LOINC 2777-1 Phosphate [Mass/volume] in Serum or Plasma' },
  bicarbonate: { kind: 'number', unit: 'mmol/L', description: 'Serum bicarbonate', fhir: 'LOINC 1963-8 Bicarbonate [Moles/volume] in Serum or Plasma' },
  albumin: { kind: 'number', unit: 'g/dL', description: 'Serum albumin', fhir: 'LOINC 1751-7 Albumin [Mass/volume] in Serum or Plasma' },
  region: { kind: 'enum', values: ['north-america', 'other'], description: 'KFRE calibration region (site setting)', fhir: 'not from the chart: site configuration' },
  priorASCVD: { kind: 'boolean', description: 'Clinical ASCVD (MI, stroke, revascularisation, PAD)', fhir: 'Condition codes for clinical ASCVD' },
};

export type ParsedInputs = { ok: true; inputs: RiskInputs } | { ok: false; error: string };

/**
 * Checks the JSON shape of `inputs` (types and enum values, not clinical ranges: those are applicability).
 * Unknown names are rejected so a misspelt input is never silently treated as missing; null means unknown.
 */
export function parseInputs(raw: unknown): ParsedInputs {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: '"inputs" must be an object' };
  const inputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!Object.hasOwn(INPUT_SPECS, name)) return { ok: false, error: `unknown input "${name}"` };
    const spec = INPUT_SPECS[name as InputName];
    if (value === null || value === undefined) continue;
    if (spec.kind === 'number' && !(typeof value === 'number' && Number.isFinite(value))) return { ok: false, error: `"${name}" must be a finite number (${spec.unit ?? ''})` };
    if (spec.kind === 'boolean' && typeof value !== 'boolean') return { ok: false, error: `"${name}" must be true or false` };
    if (spec.kind === 'enum' && !(typeof value === 'string' && spec.values?.includes(value))) return { ok: false, error: `"${name}" must be one of ${spec.values?.join(', ')}` };
    inputs[name] = value;
  }
  return { ok: true, inputs: inputs as RiskInputs };
}
