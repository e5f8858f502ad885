import type { Bundle, BundleEntry, Goal, OperationOutcome, Provenance, Resource } from 'fhir/r4';
import type { Resource as StoredResource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../sandbox/fhir/listen.ts';

/**
 * The sandbox's conditional creates (If-None-Exist, alone and inside transactions) are confined like its searches: a
 * token limited to one patient finds only that patient's resources, never another chart's.
 */
const SYSTEM = 'urn:test:plan';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const patientScopes = ['patient/Goal.crus', 'patient/Provenance.crs'];
const TOKENS: Record<string, TokenGrant> = {
  anna: { clientId: 'tailor', scopes: patientScopes, patient: 'anna', switches: {}, expiresAt: inAnHour() },
  bert: { clientId: 'tailor', scopes: patientScopes, patient: 'bert', switches: {}, expiresAt: inAnHour() },
  admin: { clientId: 'tailor', scopes: ['user/*.cruds'], switches: {}, expiresAt: inAnHour() },
  flaky: { clientId: 'tailor', scopes: ['user/*.cruds'], switches: { fault: { resourceType: 'Bundle', status: 500, times: 1 } }, expiresAt: inAnHour() },
};

let fhir: ListeningFhirServer;
beforeAll(async () => {
  const patients: StoredResource[] = ['anna', 'bert'].map((id) => ({ resourceType: 'Patient', id }));
  fhir = await listenFhirServer({ introspect: async (token) => TOKENS[token], resources: patients });
}, 30_000);
afterAll(() => fhir.close());

async function call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${fhir.base}/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json', ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Resource };
}

const goal = (patient: string, value: string): Goal => ({
  resourceType: 'Goal', identifier: [{ system: SYSTEM, value }], lifecycleStatus: 'active', description: { text: 'LDL-C < 70 mg/dL' }, subject: { reference: `Patient/${patient}` },
});
const createGoal = (token: string, patient: string, value: string) => call(token, 'POST', 'Goal', goal(patient, value), { 'If-None-Exist': `identifier=${SYSTEM}|${value}` });

/** A goal and its Provenance, conditional on the goal's identifier and on the Provenance's tag or target. */
function transaction(patient: string, value: string, provenanceQuery: 'tag' | 'target'): Bundle {
  const goalUrn = 'urn:uuid:6f1d2c3b-4a5e-4f60-8a71-9b2c3d4e5f60';
  const provenance: Provenance = {
    resourceType: 'Provenance', meta: { tag: [{ system: SYSTEM, code: `${value}/provenance` }] }, target: [{ reference: goalUrn }],
    recorded: '2026-03-10T14:30:00Z', agent: [{ who: { reference: 'Practitioner/dr-okafor' } }],
  };
  const entry: BundleEntry[] = [
    { fullUrl: goalUrn, resource: goal(patient, value), request: { method: 'POST', url: 'Goal', ifNoneExist: `identifier=${SYSTEM}|${value}` } },
    {
      fullUrl: 'urn:uuid:7a2e3d4c-5b6f-4071-9b82-ac3d4e5f6071', resource: provenance,
      request: { method: 'POST', url: 'Provenance', ifNoneExist: provenanceQuery === 'tag' ? `_tag=${SYSTEM}|${value}/provenance` : `target=${goalUrn}` },
    },
  ];
  return { resourceType: 'Bundle', type: 'transaction', entry };
}
const statuses = (bundle: Resource) => ((bundle as Bundle).entry ?? []).map((e) => e.response?.status);
const subjects = (bundle: Resource) => ((bundle as Bundle).entry ?? []).flatMap((e) => (e.resource?.resourceType === 'Goal' ? [(e.resource as Goal).subject.reference] : []));

describe('conditional create with a patient-confined token', () => {
  it("does not find another patient's resource: the identifier in Anna's chart is a new Goal in Bert's", async () => {
    const annas = await createGoal('anna', 'anna', 'shared-1');
    expect(annas.status).toBe(201);
    const berts = await createGoal('bert', 'bert', 'shared-1');
    expect(berts.status).toBe(201);
    expect((berts.body as Goal).subject.reference).toBe('Patient/bert');
    expect(berts.body.id).not.toBe(annas.body.id);
    // Each token's repeat finds its own, and only its own.
    const again = await Promise.all([createGoal('anna', 'anna', 'shared-1'), createGoal('bert', 'bert', 'shared-1')]);
    expect(again.map((r) => [r.status, r.body.id])).toEqual([[200, annas.body.id], [200, berts.body.id]]);
  });

  it("counts only the token's own matches: two in Anna's chart are 412 for Anna and nothing for Bert", async () => {
    await createGoal('admin', 'anna', 'twice');
    await call('admin', 'POST', 'Goal', goal('anna', 'twice'));
    expect((await createGoal('anna', 'anna', 'twice')).status).toBe(412);
    const berts = await createGoal('bert', 'bert', 'twice');
    expect(berts.status).toBe(201);
    // An unconfined token still sees all three.
    expect((await createGoal('admin', 'anna', 'twice')).status).toBe(412);
  });

  it('inside a transaction: the Goal and its Provenance (by tag) are new in Bert\'s chart, then found again', async () => {
    const anna = await call('anna', 'POST', '', transaction('anna', 'shared-2', 'tag'));
    expect(statuses(anna.body)).toEqual(['201', '201']);
    const first = await call('bert', 'POST', '', transaction('bert', 'shared-2', 'tag'));
    expect(first.status).toBe(200);
    expect(statuses(first.body)).toEqual(['201', '201']);
    expect(subjects(first.body)).toEqual(['Patient/bert']);
    const second = await call('bert', 'POST', '', transaction('bert', 'shared-2', 'tag'));
    expect(statuses(second.body)).toEqual(['200', '200']);
    expect(((second.body as Bundle).entry ?? []).map((e) => e.resource?.id)).toEqual(((first.body as Bundle).entry ?? []).map((e) => e.resource?.id));
  });

  it("a condition naming another entry's urn:uuid reads it as what that entry found", async () => {
    const first = await call('bert', 'POST', '', transaction('bert', 'by-target', 'target'));
    expect(statuses(first.body)).toEqual(['201', '201']);
    const second = await call('bert', 'POST', '', transaction('bert', 'by-target', 'target'));
    expect(statuses(second.body)).toEqual(['200', '200']);
    const provenance = ((second.body as Bundle).entry ?? [])[1]?.resource as Provenance;
    expect(provenance.target).toEqual([{ reference: `Goal/${((first.body as Bundle).entry ?? [])[0]?.resource?.id}` }]);
  });

  it('an invalid condition is still the engine\'s 400', async () => {
    const refused = await call('bert', 'POST', 'Goal', goal('bert', 'x'), { 'If-None-Exist': 'no-such-parameter=1' });
    expect(refused.status).toBe(400);
    expect((refused.body as OperationOutcome).issue[0]?.details?.text ?? (refused.body as OperationOutcome).issue[0]?.diagnostics).toMatch(/no-such-parameter/);
  });
});

describe('a fault on the base URL', () => {
  it('"Bundle" with times 1: the first transaction gets 500, the next one is answered; other paths are untouched', async () => {
    const bundle = transaction('anna', 'fault-once', 'tag');
    expect((await call('flaky', 'GET', 'Goal?patient=anna')).status).toBe(200);
    const failed = await call('flaky', 'POST', '', bundle);
    expect(failed.status).toBe(500);
    expect((failed.body as OperationOutcome).issue[0]?.code).toBe('transient');
    const answered = await call('flaky', 'POST', '', bundle);
    expect(statuses(answered.body)).toEqual(['201', '201']);
  });
});
