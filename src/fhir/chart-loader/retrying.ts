import { isRecord } from '../../chart/codes.ts';
import { statusOf } from '../operationOutcome.ts';
import { backoffMs, retryAfterMs, sleepUnlessAborted } from '../retryTiming.ts';
import type { FhirRequester } from './requester.ts';

/** How often a chart read is repeated when the server is busy or the answer was lost. Reads are safe to repeat. */
export interface ReadRetryPolicy {
  /** Repeats after the first try (default 3). */
  retries: number;
  /** Back-off before the n-th repeat when the server names no time: baseDelayMs × 2^(n−1) (default 500 ms). */
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the source fails and offers its Retry (default 10 s). */
  maxRetryAfterMs: number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const DEFAULT_READ_RETRIES: ReadRetryPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxRetryAfterMs: 10_000,
  sleep: sleepUnlessAborted,
};

/**
 * 429 and 503 say "later" (RFC 6585 §4, RFC 9110 §15.6.4), 502 and 504 are a gateway's passing trouble, and no answer at
 * all is a dropped connection. A 500 is not repeated: it rarely clears by itself, and the source's Retry is there.
 */
const PASSING_STATUS = new Set([429, 502, 503, 504]);

function isAbort(error: unknown): boolean {
  return isRecord(error) && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** The Retry-After of a failed answer: fhirclient's HttpError keeps its Response, a plain fetch requester throws it. */
function retryAfterOf(error: unknown): number | undefined {
  const response = error instanceof Response ? error : isRecord(error) && error.response instanceof Response ? error.response : undefined;
  return retryAfterMs(response?.headers.get('Retry-After'));
}

/** fetch rejects with a TypeError, and only then, when no answer came (connection refused, reset or dropped). */
function isNoAnswer(error: unknown): boolean {
  return error instanceof TypeError;
}

/** What a clinician reads for a read that never got an answer, instead of the browser's "Failed to fetch". */
export const NO_ANSWER = 'no answer from the EHR: the connection was lost (network or server trouble)';

/**
 * Repeats a read that failed in passing, at most policy.retries times: after the server's Retry-After when it gives
 * one, else with back-off. Anything else, and the last failure, is thrown as it came (the source shows it in words);
 * a read that never got an answer is thrown as NO_ANSWER.
 */
export function withReadRetries(requester: FhirRequester, policy: ReadRetryPolicy = DEFAULT_READ_RETRIES): FhirRequester {
  return {
    baseUrl: requester.baseUrl,
    async request<T>(url: string, signal?: AbortSignal): Promise<T> {
      for (let retry = 1; ; retry++) {
        try {
          return await requester.request<T>(url, signal);
        } catch (error) {
          const final = isNoAnswer(error) ? new Error(NO_ANSWER, { cause: error }) : error;
          if (retry > policy.retries || signal?.aborted || isAbort(error)) throw final;
          const status = statusOf(error);
          if (status === undefined ? !isNoAnswer(error) : !PASSING_STATUS.has(status)) throw final;
          const wait = retryAfterOf(error) ?? backoffMs(policy.baseDelayMs, retry);
          if (wait > policy.maxRetryAfterMs) throw final;
          await policy.sleep(wait, signal);
          if (signal?.aborted) throw final;
        }
      }
    },
  };
}
