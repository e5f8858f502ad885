// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import type { Patient, Resource } from 'fhir/r4';
import { retrySource, startChartLoad, useChartStore } from '../../src/store/chart.ts';
import { fakeEhr, fetchRequester, requests } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  sessionStorage.clear();
  requests.length = 0;
});

const onServer: Patient = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1960-03-01' };
const patientReads = () => requests.filter((u) => u.pathname.endsWith('/Patient/p1')).length;

describe('chart store with the session’s Patient', () => {
  it('uses the Patient the session read instead of reading it again', async () => {
    server.use(...fakeEhr({ resources: [onServer as Resource] }));
    // Not the server's copy: proves the chart took the session's read (the same resource in a real launch).
    const fromSession: Patient = { ...onServer, gender: 'male' };
    await startChartLoad(fetchRequester, 'p1', undefined, Promise.resolve(fromSession));
    expect(patientReads()).toBe(0);
    expect(useChartStore.getState().sources.find((s) => s.id === 'patient')).toMatchObject({ status: 'loaded', count: 1 });
    expect(useChartStore.getState().facts.sex).toMatchObject({ state: 'known', value: 'male' });
    expect(requests.some((u) => u.pathname.endsWith('/Observation'))).toBe(true);
  });

  it('shows a failed session read as a failed Patient source, and a retry reads it from the server', async () => {
    server.use(...fakeEhr({ resources: [onServer as Resource] }));
    await startChartLoad(fetchRequester, 'p1', undefined, Promise.reject(new Error('no answer within 30 s')));
    expect(useChartStore.getState().sources.find((s) => s.id === 'patient')).toMatchObject({ status: 'failed', message: expect.stringContaining('no answer') });
    await retrySource('patient');
    expect(patientReads()).toBe(1);
    expect(useChartStore.getState().facts.sex).toMatchObject({ state: 'known', value: 'female' });
  });
});
