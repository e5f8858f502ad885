/** When to try a request again: the server's Retry-After, else exponential back-off. Shared by chart reads and writes. */

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Back-off before the n-th retry (n ≥ 1): baseDelayMs × 2^(n−1), at most maxDelayMs. */
export function backoffMs(baseDelayMs: number, retry: number, maxDelayMs = Infinity): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
}

/** Waits ms, or less when the signal aborts first (the caller then sees the abort and stops). */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
