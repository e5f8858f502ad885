import type { ModelResults } from '../../store/risk.ts';

/**
 * Whether the therapy table will have a baseline: the risk store projects therapies on a 10-year ASCVD risk (the
 * PCE's, else PREVENT's), so with neither number there is no table to wait for.
 */
export function therapyExpected(results: ModelResults): boolean {
  return (['pce', 'prevent'] as const).some((m) => {
    const r = results[m];
    return r?.applicable === true && r.risks.ascvd_10y !== undefined;
  });
}
