import type { HumanName, Identifier, Patient } from 'fhir/r4';
import { ageInYears } from '../../chart/derived.ts';

export interface PatientSummary {
  name: string;
  sex: string;
  birthDate?: string;
  /** Whole years at `today`; undefined when the birth date is missing, partial, not a real date or in the future. */
  ageYears?: number;
  identifier?: { label: string; value: string };
}

/** The name to show: the official one if marked, else the first; text if the EHR only gave text. */
export function displayName(names: HumanName[] | undefined): string {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (!name) return 'Name not recorded';
  const built = [...(name.prefix ?? []), ...(name.given ?? []), name.family].filter(Boolean).join(' ');
  return built || name.text || 'Name not recorded';
}

const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

/** An MRN (identifier type MR, HL7 v2 table 0203) is what a clinician recognises; otherwise the first identifier. */
function preferredIdentifier(identifiers: Identifier[] | undefined): PatientSummary['identifier'] {
  const mrn = identifiers?.find((id) => id.type?.coding?.some((c) => c.code === 'MR'));
  const chosen = mrn ?? identifiers?.find((id) => id.value);
  if (!chosen?.value) return undefined;
  return { label: mrn ? 'MRN' : (chosen.type?.text ?? 'ID'), value: chosen.value };
}

export function summarisePatient(patient: Patient, today: Date): PatientSummary {
  return {
    name: displayName(patient.name),
    sex: SEX_LABELS[patient.gender ?? 'unknown'] ?? 'Unknown',
    birthDate: patient.birthDate,
    ageYears: ageInYears(patient.birthDate, today),
    identifier: preferredIdentifier(patient.identifier),
  };
}
