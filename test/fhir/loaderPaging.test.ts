import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import type { Resource } from 'fhir/r4';
import { canLoadOlder, loadOlderPages, loadSource, toChartData, type SourceOutcome } from '../../src/fhir/chart-loader/loadChart.ts';
import type { SearchSpec } from '../../src/fhir/chart-loader/searchPlan.ts';
import { BASE, fakeEhr, fetchRequester, requests } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  requests.length = 0;
});

const day = (n: number) => new Date(Date.UTC(2026, 4, 1) - n * 86_400_000).toISOString();
const reading = (id: string, effective: Record<string, unknown>): Resource => ({
  resourceType: 'Observation', id, status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
  valueQuantity: { value: 120, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }, ...effective,
} as Resource);
const sbp = (id: string, days: number) => reading(id, { effectiveDateTime: day(days) });

const VITALS: SearchSpec = { id: 'vitals', label: 'Vital signs', resourceType: 'Observation', kind: 'search', url: 'Observation?patient=p1&category=vital-signs', droppedParams: [] };
/** Ten readings, newest first, served two per page: five pages. */
const TEN = Array.from({ length: 10 }, (_, i) => sbp(`bp-${i}`, 10 * (i + 1)));
const ids = (o: SourceOutcome) => o.resources.map((r) => (r as Resource).id);
const nextAt = (link: string | undefined) => (link === undefined ? undefined : new URL(link).searchParams.get('at'));

describe('paged loading', () => {
  it('reports each page that another page follows, as a loading snapshot, then returns the whole search', async () => {
    server.use(...fakeEhr({ resources: TEN.slice(0, 5), pageSize: 2 }));
    const progress: SourceOutcome[] = [];
    const done = await loadSource(VITALS, fetchRequester, { maxPages: 5, timeoutMs: 5000, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => [p.state.status, p.state.count, p.state.pages, nextAt(p.next)])).toEqual([
      ['loading', 2, 1, '2'],
      ['loading', 4, 2, '4'],
    ]);
    expect(ids(progress[0] as SourceOutcome)).toEqual(['bp-0', 'bp-1']);
    // A snapshot is not the loader's working array: later pages do not change it.
    expect(progress[0]?.resources).toHaveLength(2);
    expect(done.state).toMatchObject({ status: 'loaded', count: 5, pages: 3 });
    expect(done.next).toBeUndefined();
    expect(canLoadOlder(done)).toBe(false);
    expect(progress.some(canLoadOlder)).toBe(false);
  });

  it('keeps the next link where the page cap stopped, and continues from it until the search ends', async () => {
    server.use(...fakeEhr({ resources: TEN, pageSize: 2 }));
    const limits = { maxPages: 2, timeoutMs: 5000 };
    const first = await loadSource(VITALS, fetchRequester, limits);
    expect(first.state).toMatchObject({ status: 'loaded', count: 4, pages: 2, truncated: 'stopped after 2 pages; older results were not loaded' });
    expect(nextAt(first.next)).toBe('4');
    expect(canLoadOlder(first)).toBe(true);

    requests.length = 0;
    const second = await loadOlderPages(first, fetchRequester, limits);
    expect(requests[0]?.href).toBe(first.next);
    expect(ids(second)).toEqual(['bp-0', 'bp-1', 'bp-2', 'bp-3', 'bp-4', 'bp-5', 'bp-6', 'bp-7']);
    expect(second.state).toMatchObject({ status: 'loaded', count: 8, pages: 4, truncated: 'stopped after 4 pages; older results were not loaded' });
    expect(nextAt(second.next)).toBe('8');

    const third = await loadOlderPages(second, fetchRequester, limits);
    expect(third.state).toMatchObject({ status: 'loaded', count: 10, pages: 5 });
    expect(third.state.truncated).toBeUndefined();
    expect(third.next).toBeUndefined();
    expect(canLoadOlder(third)).toBe(false);
  });

  it('a failed older page keeps what arrived before it and the link to resume from', async () => {
    server.use(
      http.get(`${BASE}/paging`, ({ request }) =>
        new URL(request.url).searchParams.get('at') === '6'
          ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'paging store lost' }] }, { status: 500 })
          : undefined),
      ...fakeEhr({ resources: TEN, pageSize: 2 }),
    );
    const limits = { maxPages: 2, timeoutMs: 5000 };
    const first = await loadSource(VITALS, fetchRequester, limits);
    const older = await loadOlderPages(first, fetchRequester, limits);
    expect(older.state).toMatchObject({ status: 'loaded', count: 6, pages: 3, truncated: 'stopped after 3 pages; older results were not loaded' });
    expect(older.state.olderPagesFailed).toContain('paging store lost');
    expect(nextAt(older.next)).toBe('6');
    expect(canLoadOlder(older)).toBe(true);
  });
});

describe('completeSince', () => {
  const outcome = (status: 'loading' | 'loaded', resources: unknown[], truncated?: string): SourceOutcome => ({
    state: { id: 'vitals', label: 'Vital signs', resourceType: 'Observation', status, count: resources.length, pages: 1, ...(truncated ? { truncated } : {}) },
    resources, included: [],
  });

  it('a source still paging is incomplete from its oldest result, like one the page cap stopped', () => {
    const readings = [sbp('a', 10), sbp('b', 40)];
    expect(toChartData({ vitals: outcome('loading', readings) }).completeSince).toEqual({ 'vital-signs': day(40) });
    expect(toChartData({ vitals: outcome('loaded', readings, 'stopped after 5 pages; older results were not loaded') }).completeSince).toEqual({ 'vital-signs': day(40) });
    expect(toChartData({ vitals: outcome('loaded', readings) }).completeSince).toBeUndefined();
  });

  it('reads the date of a reading taken over a period (its end) or at an instant', () => {
    const period = reading('period', { effectivePeriod: { start: day(301), end: day(300) } });
    const instant = reading('instant', { effectiveInstant: day(200) });
    expect(toChartData({ vitals: outcome('loading', [sbp('a', 10), period, instant]) }).completeSince).toEqual({ 'vital-signs': day(300) });
  });
});
