import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import type { Resource } from 'fhir/r4';
import { DEFAULT_LOAD_OPTIONS } from '../../src/fhir/chart-loader/loadChart.ts';
import { chartStoreConfig, firstScreenShown, loadOlder, startChartLoad, useChartStore } from '../../src/store/chart.ts';
import { fakeEhr, fetchRequester, requests } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  chartStoreConfig.load = DEFAULT_LOAD_OPTIONS;
});
afterAll(() => server.close());

const NOW = new Date('2026-05-01T12:00:00Z');
beforeEach(() => {
  requests.length = 0;
  chartStoreConfig.now = () => NOW;
  // No risk view here to say the first screen is shown: later pages go at once.
  chartStoreConfig.firstScreenWaitMs = 0;
});

const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const sbp = (id: string, value: number, days: number): Resource => ({
  resourceType: 'Observation', id, status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
  effectiveDateTime: day(days), valueQuantity: { value, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
} as Resource);
const condition = (id: string, icd: string): Resource => ({
  resourceType: 'Condition', id, clinicalStatus: { coding: [{ code: 'active' }] }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: icd }] },
} as Resource);

const patient = (id: string): Resource => ({ resourceType: 'Patient', id, gender: 'male', birthDate: '1970-01-01' } as Resource);
/** Six systolic readings, newest first (the fake serves them in this order), two per page: three pages. */
const READINGS = [sbp('bp-10', 150, 10), sbp('bp-40', 140, 40), sbp('bp-100', 130, 100), sbp('bp-200', 120, 200), sbp('bp-300', 110, 300), sbp('bp-400', 100, 400)];
/** Three problems, none of them hypertension: two pages. */
const PROBLEMS = [condition('asthma', 'J45.909'), condition('gerd', 'K21.9'), condition('migraine', 'G43.909')];

/** A gate for the second page (`at=2`) of every search: page 1 arrives, page 2 waits for open(). */
function holdSecondPage() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, holdPage: (url: URL) => (url.searchParams.get('at') === '2' ? gate : undefined) };
}

const state = () => useChartStore.getState();
const source = (id: string) => state().sources.find((s) => s.id === id);

describe('chart store: later pages wait for the first screen', () => {
  it('asks for no second page until the risk view says its first risk is shown', async () => {
    server.use(...fakeEhr({ resources: [patient('p1'), ...READINGS, ...PROBLEMS], pageSize: 2 }));
    chartStoreConfig.firstScreenWaitMs = 60_000;
    const loading = startChartLoad(fetchRequester, 'p1');
    await vi.waitFor(() => expect(source('vitals')?.pages).toBe(1));
    await vi.waitFor(() => expect(state().sources.every((s) => s.status !== 'loading' || s.pages === 1)).toBe(true));
    await new Promise((r) => setTimeout(r, 50));
    expect(requests.filter((u) => new URL(u).searchParams.get('at') === '2')).toEqual([]);
    firstScreenShown();
    await loading;
    expect(source('vitals')).toMatchObject({ status: 'loaded', pages: 3 });
    chartStoreConfig.firstScreenWaitMs = 0;
  });
});

describe('chart store: progressive pages', () => {
  it('facts after page 1 carry the newest value while the source is still loading; later pages refine the 12-month mean', async () => {
    const slow = holdSecondPage();
    server.use(...fakeEhr({ resources: [patient('p1'), ...READINGS, ...PROBLEMS], pageSize: 2, holdPage: slow.holdPage }));
    let recomputations = 0;
    const unsubscribe = useChartStore.subscribe((s, prev) => {
      if (s.facts !== prev.facts) recomputations += 1;
    });
    const loading = startChartLoad(fetchRequester, 'p1');

    await vi.waitFor(() => expect(source('vitals')?.pages).toBe(1));
    expect(source('vitals')).toMatchObject({ status: 'loading', count: 2 });
    expect(state().facts.systolicBP).toMatchObject({
      state: 'known', value: { value: 150, unit: 'mm[Hg]' }, date: day(10), sources: [{ resourceType: 'Observation', id: 'bp-10' }],
      // Days 10 and 40 only: (150 + 140) / 2, and marked incomplete (older pages are still coming).
      summary12Months: { mean: 145, count: 2, complete: false },
    });
    // Page 1 of the problems has no hypertension, but "no" needs the whole list.
    await vi.waitFor(() => expect(source('conditions')?.pages).toBe(1));
    expect(source('conditions')?.status).toBe('loading');
    expect(state().facts.hypertension.state).toBe('unknown');

    slow.open();
    await loading;
    unsubscribe();
    expect(source('vitals')).toMatchObject({ status: 'loaded', count: 6, pages: 3 });
    expect(source('vitals')?.truncated).toBeUndefined();
    // Days 10–300 are inside 12 months: (150 + 140 + 130 + 120 + 110) / 5.
    expect(state().facts.systolicBP).toMatchObject({ value: { value: 150 }, summary12Months: { mean: 130, count: 5, complete: true } });
    expect(state().facts.hypertension).toMatchObject({ state: 'known', value: false });
    expect(state().olderAvailable).toBe(false);
    // At most one computation per page of each source (16 pages here: the problems' two pages come from both
    // Condition searches, the survey search has one empty page) plus the empty start.
    const pages = state().sources.reduce((n, s) => n + s.pages, 0);
    expect(pages).toBe(16);
    expect(recomputations).toBeGreaterThanOrEqual(3);
    expect(recomputations).toBeLessThanOrEqual(pages + 1);
  });

  it('loadOlder continues the capped vital signs from the stored next link and appends', async () => {
    chartStoreConfig.load = { ...DEFAULT_LOAD_OPTIONS, maxPages: 2 };
    server.use(...fakeEhr({ resources: [patient('p1'), ...READINGS], pageSize: 2 }));
    await startChartLoad(fetchRequester, 'p1');
    expect(source('vitals')).toMatchObject({ status: 'loaded', count: 4, pages: 2, truncated: 'stopped after 2 pages; older results were not loaded' });
    // Days 10–200 loaded: (150 + 140 + 130 + 120) / 4, incomplete because the cap cut the search inside 12 months.
    expect(state().facts.systolicBP).toMatchObject({ summary12Months: { mean: 135, count: 4, complete: false } });
    expect(state().olderAvailable).toBe(true);

    const secondPage = requests.find((u) => u.pathname.endsWith('/paging') && u.searchParams.get('at') === '2');
    const next = state().outcomes.vitals?.next;
    expect(next).toBe(`${secondPage?.origin}${secondPage?.pathname}?pageContext=${encodeURIComponent(secondPage?.searchParams.get('pageContext') ?? '')}&at=4&direction=NEXT`);

    requests.length = 0;
    const older = loadOlder();
    expect(state().loadingOlder).toBe(true);
    await older;
    expect(requests.map((u) => u.href)).toEqual([next]);
    expect(state().loadingOlder).toBe(false);
    expect(source('vitals')).toMatchObject({ status: 'loaded', count: 6, pages: 3 });
    expect(source('vitals')?.truncated).toBeUndefined();
    expect(state().outcomes.vitals?.resources.map((r) => (r as Resource).id)).toEqual(['bp-10', 'bp-40', 'bp-100', 'bp-200', 'bp-300', 'bp-400']);
    expect(state().facts.systolicBP).toMatchObject({ value: { value: 150 }, summary12Months: { mean: 130, count: 5, complete: true } });
    expect(state().olderAvailable).toBe(false);

    // Nothing older left: a second call asks nothing.
    await loadOlder();
    expect(requests).toHaveLength(1);
  });

  it('a new launch while pages are still arriving drops the old chart\'s pages', async () => {
    const slow = holdSecondPage();
    server.use(...fakeEhr({ resources: [patient('p1'), ...READINGS], pageSize: 2, holdPage: slow.holdPage }));
    const first = startChartLoad(fetchRequester, 'p1');
    await vi.waitFor(() => expect(source('vitals')?.pages).toBe(1));

    server.resetHandlers(...fakeEhr({ resources: [patient('p2'), sbp('p2-bp', 118, 3)], pageSize: 2 }));
    const second = startChartLoad(fetchRequester, 'p2');
    // From here on, no state may show p1's readings or the aborted page's failure.
    const seen: string[] = [];
    const unsubscribe = useChartStore.subscribe((s) => {
      seen.push(...(s.outcomes.vitals?.resources.map((r) => (r as Resource).id ?? '') ?? []), ...(s.outcomes.vitals?.state.status === 'failed' ? ['failed'] : []));
    });
    slow.open();
    await Promise.all([first, second]);
    unsubscribe();
    expect(new Set(seen)).toEqual(new Set(['p2-bp']));

    expect(state().patientId).toBe('p2');
    expect(source('vitals')).toMatchObject({ status: 'loaded', count: 1, pages: 1 });
    expect(state().outcomes.vitals?.resources.map((r) => (r as Resource).id)).toEqual(['p2-bp']);
    expect(state().facts.systolicBP).toMatchObject({ value: { value: 118 }, summary12Months: { mean: 118, count: 1, complete: true } });
    expect(state().sources.every((s) => s.status === 'loaded' || s.status === 'skipped')).toBe(true);
  });
});
