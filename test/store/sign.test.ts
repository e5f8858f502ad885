// @vitest-environment jsdom
import type { Bundle, CarePlan } from 'fhir/r4';
import { bypass, http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../sandbox/fhir/listen.ts';
import { requestedScopes } from '../../src/fhir/scopes.ts';
import FHIR from 'fhirclient';
import { fhirclientWriteRequester, httpWriteRequester, type WriteRequester } from '../../src/fhir/writeBack/index.ts';
import { TAILOR_IDENTIFIER_SYSTEM, type PlanToSign } from '../../src/plan/toFhir/index.ts';
import { createSignStore, signFingerprint, signedUnchanged, signStorageKey } from '../../src/store/sign.ts';
import { INTERRUPTED, parseSignRecord } from '../../src/store/signRecord.ts';
import { PLAN } from '../plan/toFhirFixture.ts';
import { TabStorage } from './tabStorage.ts';

/**
 * The sign store against the sandbox EHR over HTTP (its R4 validation, conditional creates, versioned updates and
 * compartment), with msw in front of it only where a test makes the EHR fail: the request is let through otherwise.
 */
const PATIENT = 'typical-woman';
const scopes = requestedScopes('ehr', 'v2').split(' ');
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const TOKENS: Record<string, TokenGrant> = {
  good: { clientId: 'tailor', scopes, patient: PATIENT, practitioner: 'dr-okafor', switches: {}, expiresAt: inAnHour() },
  renewed: { clientId: 'tailor', scopes, patient: PATIENT, practitioner: 'dr-okafor', switches: {}, expiresAt: inAnHour() },
  admin: { clientId: 'tailor', scopes: ['user/*.cruds'], switches: {}, expiresAt: inAnHour() },
};

let fhir: ListeningFhirServer;
const msw = setupServer();
beforeAll(async () => {
  fhir = await listenFhirServer({ introspect: async (token) => TOKENS[token] });
  msw.listen({ onUnhandledRequest: 'bypass' });
}, 30_000);
afterEach(() => msw.resetHandlers());
afterAll(async () => {
  msw.close();
  await fhir.close();
});

/** A session's token, and whether the EHR would renew it. */
function session(token = 'good', renewTo?: string) {
  const state = { token, refreshes: 0 };
  const requester: WriteRequester = httpWriteRequester({
    baseUrl: fhir.base,
    authorization: async () => `Bearer ${state.token}`,
    refreshToken: async () => {
      state.refreshes++;
      if (!renewTo) return false;
      state.token = renewTo;
      return true;
    },
  });
  return { requester, state };
}

let drafts = 0;
/** The fixture plan for a sandbox patient, under a draft id of its own. */
function planFor(extra: Partial<PlanToSign> = {}): PlanToSign {
  return { ...PLAN, patientId: PATIENT, draftId: `5e0c1d2a-3b4f-4a6e-8d7c-${String(++drafts).padStart(12, '0')}`, ...extra };
}
const DRAFT_KEY = (plan: PlanToSign) => `tailor.plan.draft.${plan.draftId}`;
const SIGNED_AT = new Date('2026-03-10T14:45:00.000Z');

function signStore(storage = new TabStorage()) {
  const store = createSignStore({ storage: () => storage, now: () => SIGNED_AT, policy: { sleep: async () => undefined } });
  return { store, storage };
}

/** Every CarePlan in the chart with this draft's identifier, read with an unconfined token. */
async function carePlansOf(plan: PlanToSign): Promise<CarePlan[]> {
  const reader = httpWriteRequester({ baseUrl: fhir.base, authorization: async () => 'Bearer admin', refreshToken: async () => false });
  const bundle = await reader.request<Bundle>(`CarePlan?identifier=${encodeURIComponent(TAILOR_IDENTIFIER_SYSTEM)}|${plan.draftId}`);
  return (bundle.entry ?? []).map((e) => e.resource as CarePlan);
}

/** Records every transaction the app posts; the first gets `first` (a response, or the write with its answer lost), the rest go through. */
function recordTransactions(first?: Response | 'drop') {
  const bodies: Bundle[] = [];
  msw.use(
    http.post(fhir.base, async ({ request }) => {
      bodies.push((await request.clone().json()) as Bundle);
      if (bodies.length > 1 || !first) return passthrough();
      if (first instanceof Response) return first;
      // The EHR writes the plan, then the connection drops before its answer arrives.
      await fetch(bypass(request));
      return HttpResponse.error();
    }),
  );
  return bodies;
}
const outcome = (status: number, code: string, diagnostics?: string) =>
  HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, ...(diagnostics ? { diagnostics } : {}) }] }, { status });

describe('signing a plan', () => {
  it('records the attempt before anything is sent, then the CarePlan as read back (id, version, time), and lists it in the history', async () => {
    const plan = planFor();
    const { store, storage } = signStore();
    store.getState().open(DRAFT_KEY(plan));
    let storedWhileSending: string | null = null;
    msw.use(
      http.post(fhir.base, () => {
        storedWhileSending = storage.getItem(signStorageKey(DRAFT_KEY(plan)));
        return passthrough();
      }, { once: true }),
    );
    const result = await store.getState().sign({ requester: session().requester, plan, path: 'transaction' });
    expect(result?.status).toBe('saved');
    expect(JSON.parse(storedWhileSending ?? 'null')).toEqual({ attempt: { status: 'pending', signedAt: SIGNED_AT.toISOString(), planStatus: 'active', fingerprint: signFingerprint(plan) } });

    const [inChart, ...more] = await carePlansOf(plan);
    expect(more).toEqual([]);
    const signed = store.getState().record.signed;
    expect(signed).toEqual({
      resourceType: 'CarePlan', id: inChart?.id, versionId: inChart?.meta?.versionId, lastUpdated: inChart?.meta?.lastUpdated, path: 'transaction',
      savedAt: SIGNED_AT.toISOString(), planStatus: 'active', fingerprint: signFingerprint(plan),
    });
    // The chart holds what was signed: the signing time on the note, the physician's status.
    expect(inChart?.status).toBe('active');
    expect(inChart?.note?.[0]?.time).toBe(SIGNED_AT.toISOString());
    expect(store.getState().record.attempt).toBeUndefined();
    await vi.waitFor(() => expect(store.getState().history.status).toBe('loaded'));
    const history = store.getState().history;
    expect(history.status === 'loaded' && history.plans.find((p) => p.identifier === plan.draftId)?.id).toBe(inChart?.id);

    // A reload (a new store on the same tab's storage) shows the same signed plan, and knows the plan unchanged.
    const reloaded = signStore(storage).store;
    reloaded.getState().open(DRAFT_KEY(plan));
    expect(reloaded.getState().record.signed).toEqual(signed);
    expect(signedUnchanged(reloaded.getState().record, signFingerprint({ ...plan, signedAt: '2026-03-11T09:00:00.000Z' }))).toBe(true);
    expect(signedUnchanged(reloaded.getState().record, signFingerprint({ ...plan, status: 'draft' }))).toBe(false);
  });

  it('a refused write (422) is kept with the EHR’s words; signing again sends the same Bundle and saves one CarePlan', async () => {
    const plan = planFor();
    const { store, storage } = signStore();
    store.getState().open(DRAFT_KEY(plan));
    const bodies = recordTransactions(outcome(422, 'business-rule', 'CarePlan.activity[0]: the product is not on the formulary'));
    const failed = await store.getState().sign({ requester: session().requester, plan, path: 'transaction' });
    expect(failed?.status).toBe('failed');
    const attempt = store.getState().record.attempt;
    expect(attempt).toMatchObject({ status: 'failed', signedAt: SIGNED_AT.toISOString(), failure: { kind: 'rejected', status: 422, retryable: false, detail: 'CarePlan.activity[0]: the product is not on the formulary' } });
    expect(attempt?.failure?.message).toBe('The EHR refused the plan as written (HTTP 422). The EHR said: CarePlan.activity[0]: the product is not on the formulary. Your plan is kept.');
    expect(parseSignRecord(storage.getItem(signStorageKey(DRAFT_KEY(plan))) ?? '').record.attempt).toEqual(attempt);
    expect(await carePlansOf(plan)).toEqual([]);

    // Later, on another clock: the same content is the same signing (same time), so the same resources go.
    const later = createSignStore({ storage: () => storage, now: () => new Date('2026-03-10T16:00:00Z'), policy: { sleep: async () => undefined } });
    later.getState().open(DRAFT_KEY(plan));
    expect((await later.getState().sign({ requester: session().requester, plan: { ...plan, signedAt: '2026-03-10T16:00:00.000Z' }, path: 'transaction' }))?.status).toBe('saved');
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect((await carePlansOf(plan)).length).toBe(1);
    expect(later.getState().record.attempt).toBeUndefined();
  });

  it('a 500, then success, and an answer lost after the write: one CarePlan each', async () => {
    for (const fault of ['500', 'drop'] as const) {
      const plan = planFor();
      const { store } = signStore();
      store.getState().open(DRAFT_KEY(plan));
      const bodies = recordTransactions(fault === '500' ? outcome(500, 'transient') : 'drop');
      const progress: string[] = [];
      const unsubscribe = store.subscribe((s) => s.writing && progress.push(s.writing.step));
      const result = await store.getState().sign({ requester: session().requester, plan, path: 'transaction' });
      unsubscribe();
      expect(result?.status, fault).toBe('saved');
      expect(progress, fault).toContain('retrying');
      expect((await carePlansOf(plan)).length, fault).toBe(1);
      // Both tries sent the same Bundle: the retry is the same signing.
      expect(bodies.length, fault).toBe(2);
      expect(bodies[1], fault).toEqual(bodies[0]);
    }
  });

  it('a tab closed while saving: the pending attempt reads as interrupted, and signing again is safe', async () => {
    const plan = planFor();
    const storage = new TabStorage();
    storage.setItem(signStorageKey(DRAFT_KEY(plan)), JSON.stringify({ attempt: { status: 'pending', signedAt: '2026-03-10T14:40:00.000Z', planStatus: 'active', fingerprint: signFingerprint(plan) } }));
    const { store } = signStore(storage);
    store.getState().open(DRAFT_KEY(plan));
    expect(store.getState().record.attempt).toEqual({ status: 'failed', signedAt: '2026-03-10T14:40:00.000Z', planStatus: 'active', fingerprint: signFingerprint(plan), failure: INTERRUPTED });
    expect(parseSignRecord(storage.getItem(signStorageKey(DRAFT_KEY(plan))) ?? '').record.attempt?.status).toBe('failed');
    await store.getState().sign({ requester: session().requester, plan, path: 'transaction' });
    const [saved, ...more] = await carePlansOf(plan);
    expect(more).toEqual([]);
    // The interrupted attempt's signing time is kept: the same content, the same signing.
    expect(saved?.note?.[0]?.time).toBe('2026-03-10T14:40:00.000Z');
  });

  it('401: the token is renewed and the write goes on; when it cannot be, "session ended", the plan kept for the relaunch', async () => {
    const renewing = session('expired-token', 'renewed');
    const first = planFor();
    const a = signStore().store;
    a.getState().open(DRAFT_KEY(first));
    expect((await a.getState().sign({ requester: renewing.requester, plan: first, path: 'transaction' }))?.status).toBe('saved');
    expect(renewing.state.refreshes).toBe(1);

    const plan = planFor();
    const { store, storage } = signStore();
    store.getState().open(DRAFT_KEY(plan));
    const ended = session('expired-token');
    expect((await store.getState().sign({ requester: ended.requester, plan, path: 'individual' }))?.status).toBe('failed');
    expect(store.getState().record.attempt?.failure).toMatchObject({ kind: 'expired', status: 401, retryable: false });
    expect(store.getState().record.attempt?.failure?.message).toMatch(/session with the EHR has ended.*launch Tailor again/);
    expect(await carePlansOf(plan)).toEqual([]);
    // The same through the app's fhirclient adapter: a session without a refresh token cannot be renewed (fhirclient's
    // refresh() throws at once), which is "session ended", not an error of Tailor's.
    const client = FHIR.client({ serverUrl: fhir.base, tokenResponse: { access_token: 'expired-token', scope: scopes.join(' ') } });
    const viaFhirclient = signStore(storage).store;
    viaFhirclient.getState().open(DRAFT_KEY(plan));
    await viaFhirclient.getState().sign({ requester: fhirclientWriteRequester(client), plan, path: 'individual' });
    expect(viaFhirclient.getState().record.attempt?.failure).toMatchObject({ kind: 'expired', status: 401 });

    // The relaunch: a new page, a new token; the attempt is there, and signing saves one CarePlan.
    const relaunched = signStore(storage).store;
    relaunched.getState().open(DRAFT_KEY(plan));
    expect(relaunched.getState().record.attempt?.status).toBe('failed');
    expect((await relaunched.getState().sign({ requester: session('good').requester, plan, path: 'individual' }))?.status).toBe('saved');
    expect((await carePlansOf(plan)).length).toBe(1);
  });

  it('editing after signing: signing again updates the same CarePlan (PUT with If-Match), and a change by someone else is a conflict', async () => {
    const plan = planFor();
    const { store } = signStore();
    store.getState().open(DRAFT_KEY(plan));
    const { requester } = session();
    await store.getState().sign({ requester, plan, path: 'transaction' });
    const { id, versionId: first } = store.getState().record.signed ?? {};
    const bodies = recordTransactions();
    const revised: PlanToSign = { ...plan, items: plan.items.slice(0, 2) };
    expect(signedUnchanged(store.getState().record, signFingerprint(revised))).toBe(false);
    expect((await store.getState().sign({ requester, plan: revised, path: 'transaction' }))?.status).toBe('saved');
    const carePlanEntry = bodies[0]?.entry?.find((e) => e.resource?.resourceType === 'CarePlan');
    expect(carePlanEntry?.request).toEqual({ method: 'PUT', url: `CarePlan/${id}`, ifMatch: `W/"${first}"` });
    const [inChart, ...more] = await carePlansOf(plan);
    expect(more).toEqual([]);
    expect(inChart?.id).toBe(id);
    const second = inChart?.meta?.versionId;
    expect(second).not.toBe(first);
    expect(inChart?.activity).toHaveLength(2);
    expect(store.getState().record.signed).toMatchObject({ id, versionId: second, fingerprint: signFingerprint(revised) });

    // Someone else changes the plan in the EHR: Tailor's next update does not overwrite it.
    await fetch(`${fhir.base}/CarePlan/${id}`, { method: 'PUT', headers: { Authorization: 'Bearer admin', 'Content-Type': 'application/fhir+json' }, body: JSON.stringify({ ...inChart, title: 'Edited in the EHR' }) });
    const conflict = await store.getState().sign({ requester, plan: { ...revised, status: 'draft' }, path: 'transaction' });
    expect(conflict?.status).toBe('failed');
    expect(store.getState().record.attempt?.failure).toMatchObject({ kind: 'conflict', status: 412 });
    expect(store.getState().record.signed?.versionId).toBe(second);
    expect((await carePlansOf(plan))[0]?.title).toBe('Edited in the EHR');
  });

  it('a draft signed in another tab is found in the history: it counts as signed, and the next signing is an update', async () => {
    const plan = planFor();
    const elsewhere = signStore().store;
    elsewhere.getState().open(DRAFT_KEY(plan));
    await elsewhere.getState().sign({ requester: session().requester, plan, path: 'transaction' });
    const { id, versionId } = elsewhere.getState().record.signed ?? {};

    const { store } = signStore();
    store.getState().open(DRAFT_KEY(plan));
    expect(store.getState().record.signed).toBeUndefined();
    await store.getState().loadHistory(session().requester, PATIENT, plan.draftId);
    expect(store.getState().record.signed).toMatchObject({ resourceType: 'CarePlan', id, versionId });
    expect(signedUnchanged(store.getState().record, signFingerprint(plan))).toBe(false);
    const bodies = recordTransactions();
    await store.getState().sign({ requester: session().requester, plan: { ...plan, status: 'draft' }, path: 'transaction' });
    expect(bodies[0]?.entry?.find((e) => e.resource?.resourceType === 'CarePlan')?.request?.method).toBe('PUT');
    expect((await carePlansOf(plan)).map((p) => [p.id, p.status])).toEqual([[id, 'draft']]);
  });

  it('the note path: the DocumentReference is what the chart holds', async () => {
    const plan = planFor();
    const { store } = signStore();
    store.getState().open(DRAFT_KEY(plan));
    const result = await store.getState().sign({ requester: session().requester, plan, path: 'document-reference' });
    expect(result?.status).toBe('saved');
    expect(store.getState().record.signed).toMatchObject({ resourceType: 'DocumentReference', path: 'document-reference', versionId: expect.any(String) });
    expect(await carePlansOf(plan)).toEqual([]);
  });
});

describe('parseSignRecord', () => {
  it('keeps what is readable and names what was dropped', () => {
    const raw = JSON.stringify({ signed: { resourceType: 'CarePlan', versionId: '2' }, attempt: { status: 'failed', signedAt: '2026-03-10T14:30:00Z', planStatus: 'active', fingerprint: 'ab', failure: { kind: 'nonsense' } } });
    const { record, problems } = parseSignRecord(raw);
    expect(record).toEqual({ attempt: { status: 'failed', signedAt: '2026-03-10T14:30:00Z', planStatus: 'active', fingerprint: 'ab', failure: INTERRUPTED } });
    expect(problems).toEqual(['The stored signing state was partly malformed: the saved plan it named was malformed (dropped)']);
    expect(parseSignRecord('{oops')).toEqual({ record: {}, problems: ['The stored signing state was not readable (not JSON); the chart is asked what was signed'] });
  });
});
