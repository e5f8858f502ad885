import { CANCELLED, failureFromResponse, unreachable, type WriteFailure } from './failure.ts';
import type { FhirExchangeRequest, FhirExchangeResponse, WriteRequester } from './requester.ts';
import { backoffMs, retryAfterMs, sleepUnlessAborted } from '../retryTiming.ts';

/**
 * How hard one request is tried. Only requests that are safe to repeat come here: GETs, conditional creates
 * (If-None-Exist: a repeat finds what the first one made) and updates with If-Match (a repeat cannot overwrite).
 */
export interface RetryPolicy {
  /** Tries per request, the first included (default 4). */
  attempts: number;
  /** Back-off before the n-th retry: baseDelayMs × 2^(n−1), at most maxDelayMs (defaults 500 ms, 8 s). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the write stops as "busy" and the plan is kept (default 30 s). */
  maxRetryAfterMs: number;
  /** No answer within this time counts as a lost answer and is retried (default 20 s). */
  timeoutMs: number;
  /** Waits between tries; tests pass one that records and returns at once. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 20_000,
  sleep: sleepUnlessAborted,
};

/** What happened to one request; `unanswered` counts tries that got no answer (they may have reached the server). */
export type ExchangeOutcome =
  | { ok: true; response: FhirExchangeResponse; unanswered: number }
  | { ok: false; failure: WriteFailure; response?: FhirExchangeResponse; unanswered: number };

/** Reported before each wait and refresh, so the UI can say "retrying in 2 s". */
export type RetryEvent =
  | { kind: 'retrying'; attempt: number; waitMs: number; reason: 'no-answer' | 'busy' | 'server-error' }
  | { kind: 'refreshing-token' };

export interface ExchangeOptions {
  policy: RetryPolicy;
  /** The resource type the request writes or reads, for the failure's wording. */
  resourceType: string;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Sends one request until it is answered for good: a 401 refreshes the token once and repeats; 429 and 5xx wait
 * (Retry-After when given, else back-off) and repeat; no answer (network error, timeout) repeats with back-off;
 * any other 4xx is final. Never throws.
 */
export async function sendReliably(requester: WriteRequester, request: FhirExchangeRequest, opts: ExchangeOptions): Promise<ExchangeOutcome> {
  const { policy, resourceType, signal } = opts;
  let refreshed = false;
  let unanswered = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return { ok: false, failure: CANCELLED, unanswered };
    let response: FhirExchangeResponse;
    try {
      response = await requester.send({ ...request, signal: withTimeout(policy.timeoutMs, signal) });
    } catch {
      if (signal?.aborted) return { ok: false, failure: CANCELLED, unanswered };
      unanswered++;
      if (attempt >= policy.attempts) return { ok: false, failure: unreachable(resourceType), unanswered };
      await wait(backoff(policy, attempt), 'no-answer', attempt);
      continue;
    }
    const { status } = response;
    if (status < 400) return { ok: true, response, unanswered };
    if (status === 401 && !refreshed) {
      refreshed = true;
      opts.onRetry?.({ kind: 'refreshing-token' });
      if (await requester.refreshToken()) {
        attempt--; // the refresh's repeat is not a retry of a failure
        continue;
      }
    }
    const failure = failureFromResponse(status, response.body, resourceType);
    if (status !== 429 && status < 500) return { ok: false, failure, response, unanswered };
    const asked = retryAfterMs(response.headers.get('Retry-After'));
    const delay = asked ?? backoff(policy, attempt);
    if (attempt >= policy.attempts || delay > policy.maxRetryAfterMs) return { ok: false, failure, response, unanswered };
    await wait(delay, status === 429 ? 'busy' : 'server-error', attempt);
  }

  async function wait(ms: number, reason: 'no-answer' | 'busy' | 'server-error', attempt: number): Promise<void> {
    opts.onRetry?.({ kind: 'retrying', attempt: attempt + 1, waitMs: ms, reason });
    await policy.sleep(ms, signal);
  }
}

function backoff(policy: RetryPolicy, attempt: number): number {
  return backoffMs(policy.baseDelayMs, attempt, policy.maxDelayMs);
}

/** The caller's signal, also aborted after ms (a stalled request is given up on and retried). */
function withTimeout(ms: number, signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
