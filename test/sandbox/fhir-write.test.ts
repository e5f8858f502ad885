import type { Bundle, CapabilityStatement, CarePlan, Provenance, RiskAssessment } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../sandbox/fhir/listen.ts';
import { requestedScopes } from '../../src/fhir/scopes.ts';
import { httpWriteRequester, listTailorCarePlans, planWritePath, readCarePlan, writePlan, type WriteRequester } from '../../src/fhir/writeBack/index.ts';
import { DRAFT, SYSTEM, fixturePlan } from '../fhir/writeBackFixture.ts';

/** The scopes Tailor asks for at an EHR launch, as the sandbox grants them, for one patient. */
const scopes = requestedScopes('ehr', 'v2').split(' ');
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const grant = (patient: string, switches: TokenGrant['switches'] = {}): TokenGrant => ({ clientId: 'tailor', scopes, patient, practitioner: 'dr-okafor', switches, expiresAt: inAnHour() });
const TOKENS: Record<string, TokenGrant> = {
  typical: grant('typical-woman'),
  smoker: grant('smoker-diabetic'),
  readOnlyPlans: grant('ckd-3b', { carePlanWriteUnsupported: true }),
  nothing: grant('ckd-3b', { carePlanWriteUnsupported: true, noteWriteUnsupported: true }),
  admin: { clientId: 'tailor', scopes: ['user/*.cruds'], switches: {}, expiresAt: inAnHour() },
};

let fhir: ListeningFhirServer;
beforeAll(async () => {
  fhir = await listenFhirServer({ introspect: async (token) => TOKENS[token] });
}, 30_000);
afterAll(() => fhir.close());

const requester = (token: string): WriteRequester => httpWriteRequester({ baseUrl: fhir.base, authorization: async () => `Bearer ${token}`, refreshToken: async () => false });
const metadata = async (token: string) => (await fetch(`${fhir.base}/metadata`, { headers: { Authorization: `Bearer ${token}` } })).json() as Promise<CapabilityStatement>;
const count = async (type: string, patient: string) => ((await requester('admin').request<Bundle>(`${type}?patient=${patient}&_summary=count`)).total ?? -1);
const policy = { sleep: async () => undefined };

describe('writing a plan to the sandbox EHR', () => {
  it('chooses the transaction, writes it (validated against R4) and reads it back with every reference resolved', async () => {
    const built = fixturePlan('typical-woman');
    const path = planWritePath(await metadata('typical'), scopes.join(' '), built, { ehrName: 'Sandbox' });
    expect(path.path).toBe('transaction');
    const result = await writePlan(requester('typical'), built, path.path, { policy });
    expect(result.status).toBe('saved');
    if (result.status !== 'saved' || result.path === 'document-reference') return;
    const back = await readCarePlan(requester('typical'), result.carePlan.id);
    if (!back.ok) throw new Error(back.failure.message);
    expect(back.value.versionId).toBe(result.carePlan.versionId);
    const plan: CarePlan = back.value.resource;
    const idOf = (type: string, n = 0) => result.written.filter((w) => w.resourceType === type)[n]?.id;
    expect(plan.identifier).toEqual([{ system: SYSTEM, value: DRAFT }]);
    expect(plan.supportingInfo).toEqual([{ reference: `RiskAssessment/${idOf('RiskAssessment')}` }, { reference: `RiskAssessment/${idOf('RiskAssessment', 1)}` }, { reference: `Observation/${idOf('Observation')}` }]);
    expect(plan.goal).toEqual([{ reference: `Goal/${idOf('Goal')}` }]);
    const ra = await requester('admin').request<RiskAssessment>(`RiskAssessment/${idOf('RiskAssessment')}`);
    expect(ra.prediction?.[0]?.probabilityDecimal).toBe(0.052);
    const provenance = await requester('admin').request<Provenance>(`Provenance/${idOf('Provenance')}`);
    expect(provenance.target[0]).toEqual({ reference: `CarePlan/${plan.id}` });
    const history = await listTailorCarePlans(requester('typical'), 'typical-woman', SYSTEM);
    expect(history.ok && history.value.map((p) => p.id)).toEqual([plan.id]);
  });

  it('a repeated transaction creates nothing new: the same Bundle posted again, then the same plan signed again', async () => {
    const built = fixturePlan('smoker-diabetic', { draft: 'b1c3e0a2-5d6f-4a8b-9c0d-1e2f3a4b5c6d' });
    const types = ['CarePlan', 'RiskAssessment', 'Observation', 'Goal'] as const;
    const before = await Promise.all(types.map((t) => count(t, 'smoker-diabetic')));
    const post = () => requester('smoker').send({ method: 'POST', url: '', body: built.transaction });
    const first = await post();
    const second = await post();
    expect(((first.body as Bundle).entry ?? []).map((e) => e.response?.status)).toEqual(['201', '201', '201', '201', '201', '201']);
    expect(((second.body as Bundle).entry ?? []).map((e) => e.response?.status)).toEqual(['200', '200', '200', '200', '200', '200']);
    const again = await writePlan(requester('smoker'), built, 'transaction', { policy });
    expect(again).toMatchObject({ status: 'saved', revised: true });
    if (again.status === 'saved') expect(again.written.map((w) => w.outcome)).toEqual(['existing', 'existing', 'existing', 'existing', 'updated', 'existing']);
    const after = await Promise.all(types.map((t) => count(t, 'smoker-diabetic')));
    expect(after).toEqual(before.map((n, i) => n + [1, 2, 1, 1][i]!));
  });

  it('one resource at a time writes the same plan, with references resolved in order', async () => {
    const built = fixturePlan('age-82', { draft: 'c2d4f1b3-6e7a-4b9c-8d1e-2f3a4b5c6d7e' });
    TOKENS.age82 = grant('age-82');
    const result = await writePlan(requester('age82'), built, 'individual', { policy });
    expect(result.status).toBe('saved');
    if (result.status !== 'saved' || result.path === 'document-reference') return;
    const plan = await requester('admin').request<CarePlan>(`CarePlan/${result.carePlan.id}`);
    expect(plan.goal?.[0]?.reference).toBe(`Goal/${result.written.find((w) => w.resourceType === 'Goal')?.id}`);
    expect(await count('CarePlan', 'age-82')).toBe(1);
  });

  it('carePlanWriteUnsupported: the statement leaves CarePlan and RiskAssessment writes out, so the note is written', async () => {
    const built = fixturePlan('ckd-3b', { draft: 'd3e5a2c4-7f8b-4cad-9e2f-3a4b5c6d7e8f' });
    const path = planWritePath(await metadata('readOnlyPlans'), scopes.join(' '), built, { ehrName: 'Sandbox' });
    expect(path.path).toBe('document-reference');
    expect(path.missing.filter((m) => m.because === 'not-in-capability-statement').map((m) => `${m.resourceType} ${m.interaction}`)).toEqual(['CarePlan create', 'RiskAssessment create']);
    const note = await writePlan(requester('readOnlyPlans'), built, path.path, { policy });
    expect(note).toMatchObject({ status: 'saved', path: 'document-reference', note: { outcome: 'created' } });
    // The switch is also enforced, not only advertised.
    const refused = await writePlan(requester('readOnlyPlans'), built, 'individual', { policy });
    expect(refused).toMatchObject({ status: 'failed', failure: { kind: 'not-supported', status: 405 } });
  });

  it('noteWriteUnsupported as well: copy and print only', async () => {
    const built = fixturePlan('ckd-3b');
    expect(planWritePath(await metadata('nothing'), scopes.join(' '), built).path).toBe('none');
  });
});
