export interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Order statistics of timings, to 0.1 ms (Chromium coarsens performance.now() to 0.1 ms). */
export function stats(ms: readonly number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return { median: at(0.5), p95: at(0.95), min: at(0), max: at(1) };
}
