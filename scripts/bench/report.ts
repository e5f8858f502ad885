import type { LaunchTiming } from './launch.ts';
import type { Stats } from './stats.ts';

/** What the bench page (scripts/bench/main.ts) reports from the browser. */
export interface BenchPageResult {
  coldFirstScoreMs: number;
  onePatientAllModelsMs: Stats;
  batch64WhatIfMs: Stats;
  risks: unknown;
}

interface Report extends BenchPageResult {
  workerChunk: { gzipKiB: number };
  firstLoadJsGzipKiB: { app: number; launch: number };
  launches: LaunchTiming[];
  /** Time to sign a plan: the transaction's round trip, from the sign button to the CarePlan read back (bench/sign.ts). */
  signPlanMs?: Stats;
}

/** The patients the launch figures are named after. */
const LAUNCH_NAMES: Record<string, string> = { 'typical-woman': 'typical', 'heavy-chart': 'heavy' };

/** Every figure under a flat, stable name (the names BENCH_JSON consumers and the README use). */
export function flatFigures(r: Report): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of r.launches) {
    const name = LAUNCH_NAMES[l.patient] ?? l.patient;
    for (const key of ['launchToBannerMs', 'launchToFirstRiskMs', 'launchToRiskViewMs', 'launchToSuggestionsMs', 'launchToFactsMs'] as const) {
      out[`${name}.${key}.median`] = l[key].median;
      out[`${name}.${key}.max`] = l[key].max;
    }
    out[`${name}.firstScreenFhirRequests`] = l.firstScreenFhirRequests;
    out[`${name}.firstScreenFhirKiB`] = l.firstScreenFhirKiB;
    out[`${name}.launchFhirRequests`] = l.launchFhirRequests;
    if (name === 'heavy') out.heapMB = l.heapMB;
  }
  out['allModels.medianMs'] = r.onePatientAllModelsMs.median;
  out['allModels.p95Ms'] = r.onePatientAllModelsMs.p95;
  out['whatIf64.medianMs'] = r.batch64WhatIfMs.median;
  out['whatIf64.p95Ms'] = r.batch64WhatIfMs.p95;
  out.coldFirstScoreMs = r.coldFirstScoreMs;
  out.firstLoadJsGzipKiB = r.firstLoadJsGzipKiB.app;
  out.launchPageJsGzipKiB = r.firstLoadJsGzipKiB.launch;
  out.workerGzipKiB = r.workerChunk.gzipKiB;
  if (r.signPlanMs) {
    out['signPlanMs.median'] = r.signPlanMs.median;
    out['signPlanMs.max'] = r.signPlanMs.max;
  }
  return out;
}

/** Budgets from the issues (7 and 10); a figure without one is reported for information. */
const BUDGETS: Record<string, { max: number; source: string }> = {
  'heavy.launchToFirstRiskMs.median': { max: 1000, source: 'issue 7' },
  'heavy.launchToSuggestionsMs.median': { max: 1200, source: 'issue 10' },
  'heavy.firstScreenFhirRequests': { max: 12, source: 'issue 10' },
  'whatIf64.p95Ms': { max: 15, source: 'issue 10 (16 ms per frame, issue 7)' },
  'allModels.p95Ms': { max: 15, source: 'issue 10' },
  heapMB: { max: 100, source: 'issue 10' },
  firstLoadJsGzipKiB: { max: 200, source: 'issue 7' },
};

export function budgetTable(figures: Record<string, number>): string {
  const rows = Object.entries(figures).map(([name, value]) => {
    const budget = BUDGETS[name];
    const verdict = budget === undefined ? '' : value <= budget.max ? 'within' : 'OVER';
    return `| ${name} | ${value} | ${budget ? `≤ ${budget.max} (${budget.source})` : '—'} | ${verdict} |`;
  });
  return ['| figure | measured | budget | |', '|---|---:|---|---|', ...rows].join('\n');
}
