import type { HumanName, Identifier, Patient } from 'fhir/r4';
import { ageInYears } from '../../chart/derived.ts';
import { deathOf } from '../../chart/patientFacts.ts';

export interface PatientSummary {
  name: string;
  sex: string;
  birthDate?: string;
  /**
   * Whole years at `today`, or at death for a deceased patient; undefined when the birth date is missing, partial, not
   * a real date or in the future, or the patient died on an unrecorded date.
   */
  ageYears?: number;
  /** Patient.deceased[x]: shown in the banner, with the date of death when recorded. */
  deceased?: { date?: string };
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
  const death = deathOf(patient);
  // The age stops at death; with no date of death it cannot be told.
  const ageAt = death.deceased ? (death.at !== undefined ? new Date(Math.min(death.at, today.getTime())) : undefined) : today;
  return {
    name: displayName(patient.name),
    sex: SEX_LABELS[patient.gender ?? 'unknown'] ?? 'Unknown',
    birthDate: patient.birthDate,
    ageYears: ageAt ? ageInYears(patient.birthDate, ageAt) : undefined,
    identifier: preferredIdentifier(patient.identifier),
    ...(death.deceased ? { deceased: death.date !== undefined ? { date: death.date.slice(0, 10) } : {} } : {}),
  };
}
