// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import type { Resource } from 'fhir/r4';
import { chartStoreConfig, retrySource, startChartLoad, useChartStore } from '../../src/store/chart.ts';
import { fakeEhr, fetchRequester } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => sessionStorage.clear());

const resources: Resource[] = [
  { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1970-01-01' } as Resource,
  { resourceType: 'Condition', id: 'c1', clinicalStatus: { coding: [{ code: 'active' }] }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] } } as Resource,
];

describe('chart store', () => {
  it('shows per-source progress, a failure with its message, and recovers on retry', async () => {
    server.use(...fakeEhr({ resources, fail: { Condition: { status: 500, text: 'database down' } } }));
    const loading = startChartLoad(fetchRequester, 'p1');
    expect(useChartStore.getState().sources.every((s) => s.status === 'loading')).toBe(true);
    await loading;
    const conditions = useChartStore.getState().sources.find((s) => s.id === 'conditions');
    expect(conditions).toMatchObject({ status: 'failed', httpStatus: 500 });
    expect(conditions?.message).toContain('database down');
    expect(useChartStore.getState().facts.diabetes.state).toBe('unknown');

    server.resetHandlers(...fakeEhr({ resources }));
    await retrySource('conditions');
    expect(useChartStore.getState().sources.find((s) => s.id === 'conditions')?.status).toBe('loaded');
    expect(useChartStore.getState().facts.diabetes).toMatchObject({ state: 'known', value: true });
  });

  it('manual entries are marked entered, kept in sessionStorage per patient, and cleared on undo', async () => {
    server.use(...fakeEhr({ resources }));
    chartStoreConfig.now = () => new Date('2026-05-01T10:00:00Z');
    await startChartLoad(fetchRequester, 'p1');
    useChartStore.getState().enterFact('totalCholesterol', { value: 199, unit: 'mg/dL' });
    expect(useChartStore.getState().facts.totalCholesterol).toMatchObject({ state: 'known', origin: 'entered', value: { value: 199 }, enteredAt: '2026-05-01T10:00:00.000Z' });
    expect(JSON.parse(sessionStorage.getItem(`tailor.chart.entries.${fetchRequester.baseUrl}|p1`) ?? '{}')).toHaveProperty('totalCholesterol');
    expect(localStorage.length).toBe(0);

    // A reload of the same patient brings the entry back; another patient does not see it.
    await startChartLoad(fetchRequester, 'p1');
    expect(useChartStore.getState().facts.totalCholesterol.state).toBe('known');
    await startChartLoad(fetchRequester, 'p2');
    expect(useChartStore.getState().facts.totalCholesterol.state).toBe('unknown');
    // Nor does a patient with the same id on another EHR.
    await startChartLoad({ ...fetchRequester, baseUrl: 'https://other-ehr.example.org/fhir' }, 'p1');
    expect(useChartStore.getState().facts.totalCholesterol.state).toBe('unknown');

    await startChartLoad(fetchRequester, 'p1');
    useChartStore.getState().clearEntry('totalCholesterol');
    expect(useChartStore.getState().facts.totalCholesterol.state).toBe('unknown');
    expect(sessionStorage.getItem(`tailor.chart.entries.${fetchRequester.baseUrl}|p1`)).toBe('{}');
  });
});
