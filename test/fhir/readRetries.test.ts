import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { loadSource } from '../../src/fhir/chart-loader/loadChart.ts';
import { withReadRetries, type ReadRetryPolicy } from '../../src/fhir/chart-loader/retrying.ts';
import type { SearchSpec } from '../../src/fhir/chart-loader/searchPlan.ts';
import { BASE, fetchRequester } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SPEC: SearchSpec = { id: 'allergies', label: 'Allergies', resourceType: 'AllergyIntolerance', kind: 'search', url: 'AllergyIntolerance?patient=p1', droppedParams: [] };
const EMPTY_BUNDLE = { resourceType: 'Bundle', type: 'searchset', entry: [] };
const busy = (headers: Record<string, string> = {}, status = 429) =>
  HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled', diagnostics: 'slow down' }] }, { status, headers });

/** Answers the allergy search from `answers` in turn (the last one repeats), counting requests. */
function serve(answers: (() => Response)[]) {
  let n = 0;
  server.use(http.get(`${BASE}/AllergyIntolerance`, () => answers[Math.min(n++, answers.length - 1)]!()));
  return () => n;
}

function recordingPolicy(): ReadRetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { retries: 3, baseDelayMs: 500, maxRetryAfterMs: 10_000, waits, sleep: async (ms) => void waits.push(ms) };
}

const load = (policy: ReadRetryPolicy) => loadSource(SPEC, withReadRetries(fetchRequester, policy), { maxPages: 5, timeoutMs: 5_000 });

describe('chart reads: bounded retries', () => {
  it('429 with Retry-After: waits as long as the server says, then loads', async () => {
    const count = serve([() => busy({ 'Retry-After': '2' }), () => busy({ 'Retry-After': '1' }), () => HttpResponse.json(EMPTY_BUNDLE)]);
    const policy = recordingPolicy();
    const outcome = await load(policy);
    expect(outcome.state.status).toBe('loaded');
    expect(policy.waits).toEqual([2000, 1000]);
    expect(count()).toBe(3);
  });

  it('429 every time: three retries, then the source fails in words with its status', async () => {
    const count = serve([() => busy({ 'Retry-After': '1' })]);
    const policy = recordingPolicy();
    const outcome = await load(policy);
    expect(count()).toBe(4);
    expect(policy.waits).toEqual([1000, 1000, 1000]);
    expect(outcome.state).toMatchObject({ status: 'failed', httpStatus: 429, message: '429: the server is busy (rate limited) — slow down' });
  });

  it('503 without Retry-After backs off 0.5, 1, 2 s; a dropped connection is retried the same way', async () => {
    const policy = recordingPolicy();
    serve([() => busy({}, 503)]);
    expect((await load(policy)).state).toMatchObject({ status: 'failed', httpStatus: 503 });
    expect(policy.waits).toEqual([500, 1000, 2000]);

    const dropped = recordingPolicy();
    const count = serve([() => HttpResponse.error(), () => HttpResponse.json(EMPTY_BUNDLE)]);
    expect((await load(dropped)).state.status).toBe('loaded');
    expect(dropped.waits).toEqual([500]);
    expect(count()).toBe(2);
  });

  it('a connection dropped every time: three retries, then the source says no answer came, not "Failed to fetch"', async () => {
    const policy = recordingPolicy();
    const count = serve([() => HttpResponse.error()]);
    const outcome = await load(policy);
    expect(count()).toBe(4);
    expect(policy.waits).toEqual([500, 1000, 2000]);
    expect(outcome.state).toMatchObject({ status: 'failed', message: 'no answer from the EHR: the connection was lost (network or server trouble)' });
    expect(outcome.state.httpStatus).toBeUndefined();
  });

  it('a 500, a 404 or a Retry-After beyond the limit is not repeated', async () => {
    for (const answer of [() => busy({}, 500), () => busy({}, 404), () => busy({ 'Retry-After': '60' })]) {
      const policy = recordingPolicy();
      const count = serve([answer]);
      expect((await load(policy)).state.status).toBe('failed');
      expect(count()).toBe(1);
      expect(policy.waits).toEqual([]);
    }
  });
});
