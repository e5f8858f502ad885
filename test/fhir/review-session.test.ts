// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fhirclient Client as startSession uses it: launch context, token response and three reads. */
function fakeClient(o: { contextPatient: string; readPatient: string; metadata: unknown; patientAnswer?: Promise<void> }) {
  return {
    state: { tokenResponse: { access_token: 'at', scope: 'launch patient/Patient.rs', patient: o.contextPatient }, expiresAt: Date.now() / 1000 + 600 },
    patient: {
      id: o.contextPatient,
      read: async () => {
        await o.patientAnswer;
        return { resourceType: 'Patient', id: o.readPatient };
      },
    },
    user: { fhirUser: undefined },
    request: async (url: string) => {
      if (url === 'metadata') return o.metadata;
      throw new Error(`unexpected ${url}`);
    },
  };
}

const oauth2 = { settings: {} as Record<string, unknown>, ready: vi.fn() };
vi.mock('fhirclient', () => ({ default: { oauth2 } }));

async function freshStartSession() {
  vi.resetModules();
  return (await import('../../src/fhir/session.ts')).startSession;
}

const R4 = { resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' };

beforeEach(() => {
  sessionStorage.clear();
  oauth2.ready.mockReset();
});

describe('startSession', () => {
  it('is ready with the launched patient and hands the CapabilityStatement on', async () => {
    oauth2.ready.mockResolvedValue(fakeClient({ contextPatient: 'p1', readPatient: 'p1', metadata: R4 }));
    const state = await (await freshStartSession())('?code=c&state=s');
    expect(state).toMatchObject({ status: 'ready', session: { patient: { id: 'p1' }, capability: R4 } });
    expect(oauth2.settings.fullSessionStorageSupport).toBe(false);
  });

  it('refuses a Patient read that returns another patient than the launch context names', async () => {
    oauth2.ready.mockResolvedValue(fakeClient({ contextPatient: 'p1', readPatient: 'p2', metadata: R4 }));
    const state = await (await freshStartSession())('?code=c&state=s');
    expect(state).toMatchObject({ status: 'failed', message: expect.stringContaining('different patient') });
  });

  it('refuses a DSTU2 server before showing anything it read', async () => {
    oauth2.ready.mockResolvedValue(fakeClient({ contextPatient: 'p1', readPatient: 'p1', metadata: { resourceType: 'Conformance', fhirVersion: '1.0.2' } }));
    const state = await (await freshStartSession())('?code=c&state=s');
    expect(state).toMatchObject({ status: 'failed', message: expect.stringContaining('DSTU2') });
  });

  it('reports the server checked, with its CapabilityStatement and the Patient read, before that read has answered', async () => {
    let answer!: () => void;
    const patientAnswer = new Promise<void>((resolve) => (answer = resolve));
    oauth2.ready.mockResolvedValue(fakeClient({ contextPatient: 'p1', readPatient: 'p1', metadata: R4, patientAnswer }));
    const serverChecked = vi.fn();
    const starting = (await freshStartSession())('?code=c&state=s', { serverChecked });
    await vi.waitFor(() => expect(serverChecked).toHaveBeenCalledTimes(1));
    const [{ patientId, capability, patient }] = serverChecked.mock.calls[0]!;
    expect([patientId, capability]).toEqual(['p1', R4]);
    let read: unknown;
    void patient.then((p: unknown) => (read = p));
    await Promise.resolve();
    expect(read).toBeUndefined();
    answer();
    expect(await patient).toEqual({ resourceType: 'Patient', id: 'p1' });
    expect(await starting).toMatchObject({ status: 'ready', session: { patient: { id: 'p1' } } });
  });

  it('does not report a DSTU2 server as checked', async () => {
    oauth2.ready.mockResolvedValue(fakeClient({ contextPatient: 'p1', readPatient: 'p1', metadata: { resourceType: 'Conformance', fhirVersion: '1.0.2' } }));
    const serverChecked = vi.fn();
    expect(await (await freshStartSession())('?code=c&state=s', { serverChecked })).toMatchObject({ status: 'failed' });
    expect(serverChecked).not.toHaveBeenCalled();
  });

  it('resumes only the signed-in state named in the URL, and never another launch in the same sessionStorage', async () => {
    sessionStorage.setItem('mine', JSON.stringify({ key: 'mine', tokenResponse: { access_token: 'a' } }));
    sessionStorage.setItem('theirs', JSON.stringify({ key: 'theirs', tokenResponse: { access_token: 'b' } }));
    oauth2.ready.mockResolvedValue(fakeClient({ contextPatient: 'p1', readPatient: 'p1', metadata: R4 }));
    const startSession = await freshStartSession();
    expect((await startSession('')).status).toBe('no-launch');
    expect(oauth2.ready).not.toHaveBeenCalled();
    expect((await startSession('?state=mine')).status).toBe('ready');
  });

  it('forgets the pending launch an OAuth error answers, and shows its description', async () => {
    sessionStorage.setItem('pending', JSON.stringify({ key: 'pending', tokenResponse: {} }));
    const state = await (await freshStartSession())('?error=access_denied&error_description=User+cancelled&state=pending');
    expect(state).toEqual({ status: 'launch-error', message: expect.stringContaining('denied'), detail: 'User cancelled' });
    expect(sessionStorage.getItem('pending')).toBeNull();
  });
});
