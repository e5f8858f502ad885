import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { http } from 'msw';
import type { Resource } from 'fhir/r4';
import { firstPagesFirst } from '../../src/fhir/chart-loader/firstPagesFirst.ts';
import { chartStoreConfig, startChartLoad, useChartStore } from '../../src/store/chart.ts';
import { BASE, fakeEhr, fetchRequester, requests } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = new Date('2026-05-01T12:00:00Z');
beforeEach(() => {
  requests.length = 0;
  chartStoreConfig.now = () => NOW;
});

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

describe('firstPagesFirst', () => {
  it('holds later pages until every search has arrived, counting each search once', async () => {
    const wave = firstPagesFirst(3);
    const [a, b, c] = [wave.join(), wave.join(), wave.join()];
    a.arrived();
    a.arrived(); // a second report of the same search (first page, then its end) does not count twice
    b.arrived();
    expect(await settled(a.laterPages())).toBe(false);
    c.arrived();
    expect(await settled(a.laterPages())).toBe(true);
  });

  it('releases the later pages when the wave is aborted (a newer load took over)', async () => {
    const controller = new AbortController();
    const slot = firstPagesFirst(2, controller.signal).join();
    slot.arrived();
    expect(await settled(slot.laterPages())).toBe(false);
    controller.abort();
    expect(await settled(slot.laterPages())).toBe(true);
  });
});

const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const sbp = (id: string, value: number, days: number): Resource => ({
  resourceType: 'Observation', id, status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
  effectiveDateTime: day(days), valueQuantity: { value, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
} as Resource);
const patient: Resource = { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1970-01-01' } as Resource;
const READINGS = [sbp('bp-10', 150, 10), sbp('bp-40', 140, 40), sbp('bp-100', 130, 100), sbp('bp-200', 120, 200)];

describe('chart store: the first page of every search before any later page', () => {
  it('asks for no vital-signs page 2 while a Condition search has not answered its first page; then loads it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Prepended: holds the categorised Condition search, then falls through to the fake EHR's own handler.
    server.use(
      http.get(`${BASE}/Condition`, async ({ request }) => {
        if (new URL(request.url).searchParams.has('category')) await held;
      }),
      ...fakeEhr({ resources: [patient, ...READINGS], pageSize: 2 }),
    );
    const loading = startChartLoad(fetchRequester, 'p1');
    const source = (id: string) => useChartStore.getState().sources.find((s) => s.id === id);
    await vi.waitFor(() => expect(source('vitals')?.pages).toBe(1));
    expect(source('vitals')?.status).toBe('loading');
    // Every other search has answered its first page: only the held one keeps page 2 back.
    await vi.waitFor(() => expect(useChartStore.getState().sources.filter((s) => s.status === 'loading').map((s) => s.id).sort()).toEqual(['conditions', 'vitals']));
    await new Promise((r) => setTimeout(r, 30));
    expect(requests.filter((u) => u.pathname.endsWith('/paging'))).toEqual([]);

    release();
    await loading;
    expect(requests.filter((u) => u.pathname.endsWith('/paging'))).toHaveLength(1);
    expect(source('vitals')).toMatchObject({ status: 'loaded', count: 4, pages: 2 });
    expect(source('conditions')?.status).toBe('loaded');
  });

  it('a search that fails its first page does not hold the others back', async () => {
    server.use(...fakeEhr({ resources: [patient, ...READINGS], pageSize: 2, fail: { Condition: { status: 404, text: 'no Condition here' } } }));
    await startChartLoad(fetchRequester, 'p1');
    const states = useChartStore.getState().sources;
    expect(states.find((s) => s.id === 'vitals')).toMatchObject({ status: 'loaded', count: 4, pages: 2 });
    expect(states.find((s) => s.id === 'conditions')).toMatchObject({ status: 'failed', httpStatus: 404 });
  });
});
