/**
 * How long the heavy chart's vital-signs search takes to its first page (when progressive loading can show the
 * latest values) and to all its pages (the 5-page cap), against the sandbox FHIR server on a free loopback port.
 * A measurement, not a test: `npx tsx scripts/measure-vitals-pages.ts [runs]`.
 */
import type { CapabilityStatement } from 'fhir/r4';
import { listenFhirServer } from '../sandbox/fhir/listen.ts';
import { readCapabilities } from '../src/fhir/chart-loader/capabilities.ts';
import { DEFAULT_LOAD_OPTIONS, loadSource } from '../src/fhir/chart-loader/loadChart.ts';
import type { FhirRequester } from '../src/fhir/chart-loader/requester.ts';
import { planChartSearches } from '../src/fhir/chart-loader/searchPlan.ts';

const PATIENT = 'heavy-chart';
const runs = Number(process.argv[2] ?? 15);

const fhir = await listenFhirServer({
  introspect: async () => ({ clientId: 'measure', scopes: ['patient/*.rs'], patient: PATIENT, switches: {}, expiresAt: Date.now() / 1000 + 3600 }),
});
const requester: FhirRequester = {
  baseUrl: fhir.base,
  async request<T>(url: string, signal?: AbortSignal): Promise<T> {
    const response = await fetch(new URL(url, `${fhir.base}/`), { headers: { Authorization: 'Bearer measure' }, ...(signal ? { signal } : {}) });
    if (!response.ok) throw response;
    return (await response.json()) as T;
  },
};
const capability = await requester.request<CapabilityStatement>('metadata');
// The app's own plan (page size 100, as the chart store asks).
const specs = planChartSearches(PATIENT, readCapabilities(capability), { pageSize: 100 });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

for (const id of ['vitals', 'labs'] as const) {
  const spec = specs.find((s) => s.id === id);
  if (!spec?.url) throw new Error(`${id}: not planned`);
  const first: number[] = [];
  const all: number[] = [];
  let last;
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    let firstAt: number | undefined;
    last = await loadSource(spec, requester, { ...DEFAULT_LOAD_OPTIONS, onProgress: () => (firstAt ??= performance.now()) });
    const ended = performance.now();
    if (last.state.status !== 'loaded') throw new Error(`${id}: ${last.state.message}`);
    if (i === 0) continue; // warm-up (JIT, router caches)
    first.push((firstAt ?? ended) - started);
    all.push(ended - started);
  }
  const s = last?.state;
  console.log(`${id}: ${s?.pages} pages, ${s?.count} resources${s?.truncated ? ` (${s.truncated})` : ''}`);
  console.log(`  first page  median ${median(first).toFixed(1)} ms  (min ${Math.min(...first).toFixed(1)}, max ${Math.max(...first).toFixed(1)})`);
  console.log(`  all pages   median ${median(all).toFixed(1)} ms  (min ${Math.min(...all).toFixed(1)}, max ${Math.max(...all).toFixed(1)})  [${runs} runs]`);
}
// The whole wave in parallel, as the chart store runs it: when every search has its first page (enough for the
// latest values, so for the first risk) vs when every search has all its pages.
const firstPages: number[] = [];
const complete: number[] = [];
for (let i = 0; i <= runs; i++) {
  const started = performance.now();
  const firstAt = await Promise.all(specs.map(async (spec) => {
    let at: number | undefined;
    await loadSource(spec, requester, { ...DEFAULT_LOAD_OPTIONS, onProgress: () => (at ??= performance.now()) });
    return at ?? performance.now();
  }));
  if (i === 0) continue;
  firstPages.push(Math.max(...firstAt) - started);
  complete.push(performance.now() - started);
}
console.log(`whole wave (${specs.length} searches in parallel):`);
console.log(`  first page of every search  median ${median(firstPages).toFixed(1)} ms`);
console.log(`  every page of every search  median ${median(complete).toFixed(1)} ms  [${runs} runs]`);
await fhir.close();
