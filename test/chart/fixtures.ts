import type { Observation, Patient, Condition, MedicationRequest, AllergyIntolerance, FamilyMemberHistory, Quantity, Resource } from 'fhir/r4';
import { EMPTY_CHART, type ChartData } from '../../src/chart/buildFacts.ts';

/** Small synthetic FHIR builders for chart tests. Dates are relative to NOW so staleness is deterministic. */
export const NOW = new Date('2026-06-15T12:00:00Z');

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export const ucum = (value: number, code: string, unit = code): Quantity => ({ value, unit, system: 'http://unitsofmeasure.org', code });

export function obs(code: string, value: Quantity | undefined, opts: Partial<Observation> & { days?: number; system?: string } = {}): Observation {
  const { days = 10, system = 'http://loinc.org', ...rest } = opts;
  return {
    resourceType: 'Observation',
    id: nextId('obs'),
    status: 'final',
    code: { coding: [{ system, code }] },
    effectiveDateTime: daysAgo(days),
    ...(value ? { valueQuantity: value } : {}),
    ...rest,
  };
}

export function bpPanel(systolic: number, diastolic: number, days = 10, panelCode = '85354-9'): Observation {
  return {
    resourceType: 'Observation',
    id: nextId('bp'),
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: panelCode }] },
    effectiveDateTime: daysAgo(days),
    component: [
      { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: ucum(systolic, 'mm[Hg]', 'mmHg') },
      { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: ucum(diastolic, 'mm[Hg]', 'mmHg') },
    ],
  };
}

export function coded(code: string, answerSystem: string, answer: string, days = 10): Observation {
  return {
    resourceType: 'Observation', id: nextId('obs'), status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    effectiveDateTime: daysAgo(days),
    valueCodeableConcept: { coding: [{ system: answerSystem, code: answer }] },
  };
}

export function patient(gender: Patient['gender'] | undefined, birthDate: string | undefined): Patient {
  return { resourceType: 'Patient', id: 'p1', ...(gender ? { gender } : {}), ...(birthDate ? { birthDate } : {}) };
}

export function condition(system: string, code: string, opts: { clinical?: string; verification?: string; onset?: string } = {}): Condition {
  return {
    resourceType: 'Condition', id: nextId('cond'),
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system, code }] },
    ...(opts.clinical !== '' ? { clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: opts.clinical ?? 'active' }] } } : {}),
    ...(opts.verification ? { verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: opts.verification }] } } : {}),
    ...(opts.onset ? { onsetDateTime: opts.onset } : {}),
  };
}

export function medRequest(rxcui: string, display: string, opts: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest', id: nextId('mr'), status: 'active', intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: rxcui, display }] },
    authoredOn: daysAgo(100),
    ...opts,
  };
}

export function allergy(system: string, code: string, opts: Partial<AllergyIntolerance> = {}): AllergyIntolerance {
  return { resourceType: 'AllergyIntolerance', id: nextId('al'), patient: { reference: 'Patient/p1' }, code: { coding: [{ system, code }] }, ...opts };
}

export function familyHistory(relationship: string, conditionCode: string, onsetAge?: number, sex?: 'male' | 'female'): FamilyMemberHistory {
  return {
    resourceType: 'FamilyMemberHistory', id: nextId('fmh'), status: 'completed', patient: { reference: 'Patient/p1' },
    relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: relationship }] },
    ...(sex ? { sex: { coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: sex }] } } : {}),
    condition: [{ code: { coding: [{ system: 'http://snomed.info/sct', code: conditionCode }] }, ...(onsetAge !== undefined ? { onsetAge: { value: onsetAge, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } } : {}) }],
  };
}

export const ALL_LOADED: ChartData['loaded'] = { patient: true, conditions: true, medications: true, allergies: true, familyHistory: true };

export function chart(parts: Partial<ChartData>): ChartData {
  return { ...EMPTY_CHART, loaded: ALL_LOADED, ...parts };
}

/** One patient's chart from the sandbox's synthetic resources, as if every search had completed: no server in between. */
export function sandboxChart(resources: readonly Resource[], patientId: string): ChartData {
  const ref = `Patient/${patientId}`;
  const mine = resources.filter((r) => {
    const x = r as Resource & { subject?: { reference?: string }; patient?: { reference?: string } };
    return (r.resourceType === 'Patient' && r.id === patientId) || x.subject?.reference === ref || x.patient?.reference === ref;
  });
  const of = (type: string) => mine.filter((r) => r.resourceType === type);
  return {
    patient: of('Patient')[0], observations: of('Observation'), conditions: of('Condition'), medicationRequests: of('MedicationRequest'),
    medicationStatements: [], medications: [], allergies: of('AllergyIntolerance'), familyHistory: of('FamilyMemberHistory'), loaded: ALL_LOADED,
  };
}
