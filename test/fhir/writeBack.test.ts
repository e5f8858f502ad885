// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import FHIR from 'fhirclient';
import type { Bundle, CarePlan, Provenance } from 'fhir/r4';
import { fhirclientWriteRequester, listTailorCarePlans, writePlan, type WriteOptions } from '../../src/fhir/writeBack/index.ts';
import { BASE, TOKEN_URI, fakeWriteEhr } from './writeBackFake.ts';
import { DRAFT, SYSTEM, fixturePlan } from './writeBackFixture.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A fake EHR and the app's own adapter over a real fhirclient Client holding token t1 and a refresh token. */
function setup() {
  const ehr = fakeWriteEhr();
  server.use(...ehr.handlers);
  const client = FHIR.client({
    serverUrl: BASE, clientId: 'tailor', tokenUri: TOKEN_URI,
    tokenResponse: { access_token: 't1', refresh_token: 'r1', scope: 'launch openid online_access patient/CarePlan.cu' },
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  });
  const waits: number[] = [];
  const opts: WriteOptions = { policy: { sleep: async (ms) => void waits.push(ms), timeoutMs: 2000 } };
  return { ehr, requester: fhirclientWriteRequester(client), waits, opts };
}
const plan = fixturePlan();
const writes = (seen: { method: string; url: string }[]) => seen.filter((s) => s.method !== 'GET').map((s) => `${s.method} ${s.url}`);
const carePlanQuery = `CarePlan?identifier=${encodeURIComponent(SYSTEM)}|${encodeURIComponent(DRAFT)}`;

describe('writePlan: transaction', () => {
  it('looks the plan up, posts the whole Bundle once with the token, and reads the CarePlan back', async () => {
    const { ehr, requester, opts } = setup();
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(ehr.seen.map((s) => `${s.method} ${s.url}`)).toEqual([`GET /${carePlanQuery}`, 'POST /', `GET /CarePlan/careplan-5`]);
    const post = ehr.seen[1];
    expect(post?.body).toEqual(plan.transaction);
    expect(post?.headers).toMatchObject({ authorization: 'Bearer t1', 'content-type': 'application/fhir+json', prefer: 'return=representation' });
    // The Bundle carries every conditional create, e.g. the CarePlan on the draft's identifier.
    const entries = (post?.body as Bundle).entry ?? [];
    expect(entries.map((e) => e.request?.ifNoneExist)).toEqual(plan.steps.map((s) => (s.request.method === 'POST' ? s.request.ifNoneExist : '')));
    expect(result).toMatchObject({ status: 'saved', path: 'transaction', revised: false, carePlan: { resourceType: 'CarePlan', id: 'careplan-5', versionId: '1', lastUpdated: '2025-03-04T10:16:05.000Z' } });
    if (result.status !== 'saved') return;
    expect(result.written.map((w) => `${w.resourceType}/${w.id} ${w.outcome}`)).toEqual([
      'RiskAssessment/riskassessment-1 created', 'RiskAssessment/riskassessment-2 created', 'Observation/observation-3 created',
      'Goal/goal-4 created', 'CarePlan/careplan-5 created', 'Provenance/provenance-6 created',
    ]);
  });
});

describe('writePlan: one resource at a time', () => {
  it('creates in dependency order with If-None-Exist, each urn:uuid replaced by the id created before it', async () => {
    const { ehr, requester, opts } = setup();
    const result = await writePlan(requester, plan, 'individual', opts);
    expect(result.status).toBe('saved');
    const posts = ehr.seen.filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.url)).toEqual(['/RiskAssessment', '/RiskAssessment', '/Observation', '/Goal', '/CarePlan', '/Provenance']);
    expect(posts.slice(0, 5).map((s) => s.headers['if-none-exist'])).toEqual(plan.steps.slice(0, 5).map((s) => (s.request.method === 'POST' ? s.request.ifNoneExist : '')));
    expect(posts[5]?.headers['if-none-exist']).toBe('target=CarePlan/careplan-5&recorded=2025-03-04T10:15:00Z');
    const carePlan = ehr.store.get('CarePlan/careplan-5') as CarePlan;
    expect(carePlan.supportingInfo).toEqual([{ reference: 'RiskAssessment/riskassessment-1' }, { reference: 'RiskAssessment/riskassessment-2' }, { reference: 'Observation/observation-3' }]);
    expect(carePlan.goal).toEqual([{ reference: 'Goal/goal-4' }]);
    expect((ehr.store.get('Provenance/provenance-6') as Provenance).target.map((t) => t.reference)).toEqual([
      'CarePlan/careplan-5', 'RiskAssessment/riskassessment-1', 'RiskAssessment/riskassessment-2', 'Observation/observation-3', 'Goal/goal-4',
    ]);
    expect(JSON.stringify([...ehr.store.values()])).not.toContain('urn:uuid');
    expect((ehr.store.get('Observation/observation-3') as { derivedFrom?: unknown }).derivedFrom).toEqual([{ reference: 'RiskAssessment/riskassessment-1' }]);
  });
});

describe('re-signing', () => {
  function signedBefore() {
    const env = setup();
    const old = plan.steps.find((s) => s.resource.resourceType === 'CarePlan')?.resource as CarePlan;
    env.ehr.save({ ...old, supportingInfo: [], goal: [], title: 'Old title' }, 'cp-old');
    env.ehr.save({ ...old, supportingInfo: [], goal: [], title: 'Older edit' }, 'cp-old'); // version 2
    return env;
  }

  it('updates the CarePlan found by identifier with PUT and If-Match, never a second create (one by one)', async () => {
    const { ehr, requester, opts } = signedBefore();
    const result = await writePlan(requester, fixturePlan('typical-woman', { title: 'Revised' }), 'individual', opts);
    expect(result).toMatchObject({ status: 'saved', revised: true, carePlan: { id: 'cp-old', versionId: '3' } });
    expect(writes(ehr.seen)).not.toContain('POST /CarePlan');
    const put = ehr.seen.find((s) => s.method === 'PUT');
    expect(put?.url).toBe('/CarePlan/cp-old');
    expect(put?.headers['if-match']).toBe('W/"2"');
    expect(ehr.byType('CarePlan')).toHaveLength(1);
    expect((ehr.store.get('CarePlan/cp-old') as CarePlan).title).toBe('Revised');
  });

  it('puts the update inside the transaction, with the plan’s own URL and references to it resolved', async () => {
    const { ehr, requester, opts } = signedBefore();
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(result).toMatchObject({ status: 'saved', revised: true, carePlan: { id: 'cp-old', versionId: '3' } });
    const entries = ((ehr.seen.find((s) => s.method === 'POST')?.body as Bundle).entry ?? []);
    const planEntry = entries.find((e) => e.resource?.resourceType === 'CarePlan');
    expect(planEntry?.request).toEqual({ method: 'PUT', url: 'CarePlan/cp-old', ifMatch: 'W/"2"' });
    expect(planEntry?.fullUrl).toBe(`${BASE}/CarePlan/cp-old`);
    const provenance = entries.find((e) => e.resource?.resourceType === 'Provenance');
    expect((provenance?.resource as Provenance).target[0]).toEqual({ reference: 'CarePlan/cp-old' });
    expect(provenance?.request?.ifNoneExist).toBe('target=CarePlan/cp-old&recorded=2025-03-04T10:15:00Z');
    expect(ehr.byType('CarePlan')).toHaveLength(1);
  });

  it('an update whose answer was lost is recognised by its content when the repeat gets 412', async () => {
    const { ehr, requester, opts } = signedBefore();
    let dropped = false;
    const dropFirstPut = (r: { method: string }) => (r.method === 'PUT' && !dropped ? ((dropped = true), 'drop' as const) : undefined);
    for (let i = 0; i < 20; i++) ehr.faults.push(dropFirstPut);
    const result = await writePlan(requester, fixturePlan('typical-woman', { title: 'Revised' }), 'individual', opts);
    expect(result).toMatchObject({ status: 'saved', carePlan: { id: 'cp-old', versionId: '3' } });
    expect(ehr.seen.filter((s) => s.method === 'PUT')).toHaveLength(2);
    expect(ehr.store.get('CarePlan/cp-old')?.meta.versionId).toBe('3');
  });
});

describe('token refresh', () => {
  it('a 401 refreshes the token once through fhirclient and repeats the request with the new token', async () => {
    const { ehr, requester, opts } = setup();
    ehr.state.validToken = 'Bearer t2'; // t1 has been revoked by the EHR
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(result.status).toBe('saved');
    expect(ehr.state.refreshes).toBe(1);
    expect(ehr.seen.map((s) => s.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t2', 'Bearer t2']);
  });

  it('a second 401 after the refresh is a session that has ended: the plan is kept', async () => {
    const { ehr, requester, opts } = setup();
    ehr.state.validToken = 'Bearer never';
    let refreshes = 0;
    server.use(http.post(TOKEN_URI, () => (refreshes++, HttpResponse.json({ access_token: 't2', token_type: 'bearer', expires_in: 3600 }))));
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(refreshes).toBe(1);
    expect(ehr.seen.map((s) => s.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(result).toMatchObject({ status: 'failed', failure: { kind: 'expired', status: 401, retryable: false } });
    if (result.status === 'failed') expect(result.failure.message).toMatch(/^Your session with the EHR has ended, so the care plan was not saved\. Your plan is kept/);
  });
});

describe('retries', () => {
  it('429 waits as long as Retry-After says, then succeeds', async () => {
    const { ehr, requester, waits, opts } = setup();
    ehr.faults.push(() => undefined, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled', diagnostics: 'slow down' }] }, { status: 429, headers: { 'Retry-After': '3' } }));
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(result.status).toBe('saved');
    expect(waits).toEqual([3000]);
    expect(writes(ehr.seen)).toEqual(['POST /', 'POST /']);
  });

  it('429 is tried at most 4 times, and a Retry-After beyond 30 s is not waited for', async () => {
    const busy = (after: string) => () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled', diagnostics: 'busy' }] }, { status: 429, headers: { 'Retry-After': after } });
    const a = setup();
    for (let i = 0; i < 10; i++) a.ehr.faults.push(busy('1'));
    const bounded = await writePlan(a.requester, plan, 'transaction', a.opts);
    expect(bounded).toMatchObject({ status: 'failed', failure: { kind: 'busy', status: 429, retryable: true, detail: 'busy' } });
    expect(a.ehr.seen).toHaveLength(4);
    expect(a.waits).toEqual([1000, 1000, 1000]);
    const b = setup();
    b.ehr.faults.push(busy('120'));
    expect(await writePlan(b.requester, plan, 'transaction', b.opts)).toMatchObject({ status: 'failed', failure: { kind: 'busy' } });
    expect(b.ehr.seen).toHaveLength(1);
    expect(b.waits).toEqual([]);
  });

  it('500 then success writes exactly one CarePlan, after a back-off', async () => {
    const { ehr, requester, waits, opts } = setup();
    ehr.faults.push(() => undefined, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception', diagnostics: 'oops' }] }, { status: 500 }));
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(result.status).toBe('saved');
    expect(waits).toEqual([500]);
    expect(ehr.byType('CarePlan')).toHaveLength(1);
  });

  it('an answer lost after the server wrote the plan: the repeat finds every resource (200), one CarePlan in all', async () => {
    for (const path of ['transaction', 'individual'] as const) {
      const { ehr, requester, waits, opts } = setup();
      let dropped = false;
      for (let i = 0; i < 20; i++) ehr.faults.push((r) => (r.method === 'POST' && r.url.startsWith(path === 'transaction' ? '' : '/CarePlan') && !dropped ? ((dropped = true), 'drop') : undefined));
      const result = await writePlan(requester, plan, path, opts);
      expect(result.status, path).toBe('saved');
      expect(waits, path).toEqual([500]);
      expect(ehr.byType('CarePlan'), path).toHaveLength(1);
      expect(ehr.byType('RiskAssessment'), path).toHaveLength(2);
      if (result.status === 'saved') expect(result.written.find((w) => w.resourceType === 'CarePlan')?.outcome, path).toBe('existing');
    }
  });

  it.each([
    [400, 'Element CarePlan.status is required', 'rejected', /^The EHR refused the plan as written \(HTTP 400\)\. The EHR said: Element CarePlan\.status is required\. Your plan is kept\.$/],
    [412, 'Multiple resources match the identifier', 'conflict', /^The plan in the chart changed while you were signing .* The EHR said: Multiple resources match the identifier\./],
    [422, 'RiskAssessment.prediction.probabilityDecimal must be 0..1', 'rejected', /HTTP 422\)\. The EHR said: RiskAssessment\.prediction\.probabilityDecimal must be 0\.\.1\./],
  ])('%i with an OperationOutcome: its words, no retry', async (status, text, kind, words) => {
    const { ehr, requester, waits, opts } = setup();
    ehr.faults.push(() => undefined, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: text }] }, { status }));
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(result).toMatchObject({ status: 'failed', failure: { kind, status, detail: text, retryable: false } });
    if (result.status === 'failed') expect(result.failure.message).toMatch(words);
    expect(writes(ehr.seen)).toEqual(['POST /']);
    expect(waits).toEqual([]);
  });

  it('stops after 4 tries without an answer and says a retry is safe', async () => {
    const { ehr, requester, waits, opts } = setup();
    ehr.faults.push(() => undefined);
    for (let i = 0; i < 4; i++) ehr.faults.push(() => HttpResponse.error());
    const result = await writePlan(requester, plan, 'transaction', opts);
    expect(result).toMatchObject({ status: 'failed', failure: { kind: 'unreachable', retryable: true } });
    expect(waits).toEqual([500, 1000, 2000]);
  });
});

describe('other paths and history', () => {
  it('writes the note with If-None-Exist, or nothing at all for copy and print', async () => {
    const { ehr, requester, opts } = setup();
    const note = await writePlan(requester, plan, 'document-reference', opts);
    expect(note).toMatchObject({ status: 'saved', path: 'document-reference', note: { resourceType: 'DocumentReference', outcome: 'created' } });
    expect(ehr.seen.map((s) => [s.method, s.url, s.headers['if-none-exist']])).toEqual([['POST', '/DocumentReference', plan.note.ifNoneExist]]);
    expect(await writePlan(requester, plan, 'none', opts)).toEqual({ status: 'not-written', path: 'none', text: 'Heart risk plan\n' });
    expect(ehr.seen).toHaveLength(1);
  });

  it('lists the patient’s Tailor CarePlans by identifier system', async () => {
    const { ehr, requester, opts } = setup();
    await writePlan(requester, plan, 'transaction', opts);
    const list = await listTailorCarePlans(requester, 'typical-woman', SYSTEM, opts);
    expect(list).toEqual({ ok: true, value: [{ resourceType: 'CarePlan', id: 'careplan-5', versionId: '1', lastUpdated: '2025-03-04T10:16:05.000Z', identifier: DRAFT, status: 'active', title: 'Heart risk plan', created: '2025-03-04T09:50:00Z' }] });
    expect(ehr.seen.at(-1)?.url).toBe(`/CarePlan?patient=typical-woman&category=assess-plan&identifier=${encodeURIComponent(`${SYSTEM}|`)}&_count=50`);
  });
});
