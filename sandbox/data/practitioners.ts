/** Synthetic clinicians the launcher can sign in as. Identifiers are sandbox-local, not real NPIs. */
import type { Practitioner } from 'fhir/r4';
import type { SandboxPerson } from '../contracts.ts';
import { SYSTEM } from './codes.ts';

interface PractitionerSpec {
  id: string;
  given: string;
  family: string;
  gender: 'female' | 'male';
  role: string;
}

const PRACTITIONERS: readonly PractitionerSpec[] = [
  { id: 'dr-okafor', given: 'Helen', family: 'Okafor', gender: 'female', role: 'Family medicine physician' },
  { id: 'dr-reyes', given: 'Samuel', family: 'Reyes', gender: 'male', role: 'Cardiologist' },
  { id: 'dr-nair', given: 'Priya', family: 'Nair', gender: 'female', role: 'Nephrologist' },
];

export function listPractitioners(): SandboxPerson[] {
  return PRACTITIONERS.map((p) => ({ id: p.id, name: `Dr. ${p.given} ${p.family}`, summary: p.role }));
}

export function practitionerResources(): Practitioner[] {
  return PRACTITIONERS.map((p, i) => ({
    resourceType: 'Practitioner',
    id: p.id,
    identifier: [{ system: SYSTEM.staffId, value: `STAFF-${1001 + i}` }],
    active: true,
    name: [{ use: 'official', family: p.family, given: [p.given], prefix: ['Dr.'], text: `Dr. ${p.given} ${p.family}` }],
    gender: p.gender,
    qualification: [{ code: { text: p.role } }],
  }));
}
