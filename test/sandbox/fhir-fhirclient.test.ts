// @vitest-environment jsdom
import FHIR from 'fhirclient';
import type { Observation, Practitioner } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../sandbox/fhir/listen.ts';

// The app's own client library against the sandbox: fhirclient reads /metadata to find the patient search parameter.
const GRANT: TokenGrant = {
  clientId: 'tailor',
  scopes: ['openid', 'fhirUser', 'patient/Patient.rs', 'patient/Observation.rs'],
  patient: 'bp-panel',
  practitioner: 'dr-okafor',
  switches: {},
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
};

let fhir: ListeningFhirServer;
let base = '';

beforeAll(async () => {
  fhir = await listenFhirServer({ introspect: async (t) => (t === 'tok' ? GRANT : undefined) });
  base = fhir.base;
}, 30_000); // startup loads the FHIR schema and ~6,000 resources
afterAll(() => fhir.close());

const client = () => FHIR.client({ serverUrl: base, tokenResponse: { access_token: 'tok', patient: 'bp-panel' } });

describe('fhirclient against the sandbox FHIR server', () => {
  it('reads the patient and pages through their observations with client.patient.request', async () => {
    const c = client();
    const patient = await c.patient.read();
    expect(patient.id).toBe('bp-panel');
    const observations = (await c.patient.request('Observation?category=vital-signs&_count=2', { pageLimit: 0, flat: true })) as Observation[];
    expect(observations.length).toBeGreaterThan(2);
    expect(observations.every((o) => o.subject?.reference === 'Patient/bp-panel')).toBe(true);
    expect(observations.filter((o) => o.code.coding?.[0]?.code === '85354-9')).toHaveLength(3);
  });

  it('reads the signed-in practitioner named by fhirUser', async () => {
    const practitioner = (await client().request('Practitioner/dr-okafor')) as Practitioner;
    expect(practitioner.name?.[0]?.family).toBe('Okafor');
  });
});
