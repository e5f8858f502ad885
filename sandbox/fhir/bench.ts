/**
 * Timings of the sandbox FHIR server (startup and typical app searches on the heavy chart), for `npm run bench`.
 * Run alone with `npx tsx sandbox/fhir/bench.ts`, or call `benchFhirServer()` from scripts/bench.ts.
 */
import { pathToFileURL } from 'node:url';
import { listenFhirServer } from './listen.ts';

export interface BenchLine {
  name: string;
  medianMs: number;
  runs: number;
}

const QUERIES = [
  'Observation?patient=heavy-chart&category=laboratory&_sort=-date&_count=100',
  'Observation?patient=heavy-chart&code=http%3A%2F%2Floinc.org%7C13457-7&_sort=-date&_count=1',
  'Observation?patient=heavy-chart&category=vital-signs&date=ge2020-01-01&_count=200',
  'Observation?patient=heavy-chart&_summary=count',
];

export async function benchFhirServer(runs = 15): Promise<BenchLine[]> {
  const started = performance.now();
  const fhir = await listenFhirServer({
    introspect: async () => ({ clientId: 'bench', scopes: ['patient/*.rs'], patient: 'heavy-chart', switches: {}, expiresAt: Date.now() / 1000 + 3600 }),
  });
  const base = fhir.base;
  const lines: BenchLine[] = [{ name: 'startup (schema + synthetic data)', medianMs: round(performance.now() - started), runs: 1 }];
  for (const query of QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/${query}`, { headers: { Authorization: 'Bearer bench' } });
      await res.json();
      if (!res.ok) throw new Error(`${query}: HTTP ${res.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    lines.push({ name: `GET ${query}`, medianMs: round(times[Math.floor(times.length / 2)] ?? NaN), runs });
  }
  await fhir.close();
  return lines;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchFhirServer()) console.log(`${line.medianMs.toFixed(1).padStart(8)} ms  ${line.name}`);
}
