/**
 * `npm run bench`: what the physician waits for and what the browser carries, each figure beside its budget.
 * 1. The risk worker alone: production-builds a bench page with the app's Vite config, serves it with `vite preview`
 *    and times, in headless Chromium, warm scoring of one patient × all models and of a 64-vector what-if batch.
 * 2. Whole EHR launches against the sandbox (production build; the sandbox and `vite preview` each in their own
 *    process): launch → banner, → first risk, → every model, → plan suggestions, → facts loaded; FHIR requests for
 *    the first screen; JS heap; first-load JS sizes.
 * 3. Signing a plan on the heavy chart: from the sign button to "Saved to chart" (transaction and read-back).
 * 4. The sandbox FHIR server's own search timings on the heavy chart.
 * Prints a table and the JSON; with BENCH_JSON=FILE also writes the flat figures to FILE. Reports; never fails a build.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { nodeRiskEngine } from '../src/risk/load-node.ts';
import { benchFhirServer } from '../sandbox/fhir/bench.ts';
import { benchLaunch } from './bench/launch.ts';
import { benchSignPlan } from './bench/sign.ts';
import { budgetTable, flatFigures, type BenchPageResult } from './bench/report.ts';
import { firstLoadJsGzipKiB } from './bench/sizes.ts';
import { launchChromium } from './chromium.ts';
import { onePatient } from './bench/requests.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = resolve(ROOT, 'vite.config.ts');
const PORT = 4319;

const outDir = mkdtempSync(join(tmpdir(), 'tailor-bench-'));
try {
  await build({
    configFile: CONFIG,
    logLevel: 'warn',
    // A string input replaces the app's page map: only the bench page (and its worker) is built.
    build: { outDir, emptyOutDir: true, sourcemap: false, rolldownOptions: { input: resolve(ROOT, 'scripts/bench/index.html') } },
  });
  const assets = readdirSync(join(outDir, 'assets'));
  const workerFile = assets.find((f) => /^worker-.*\.js$/.test(f));
  if (!workerFile) throw new Error(`no worker chunk among ${assets.join(', ')}`);
  const workerBytes = readFileSync(join(outDir, 'assets', workerFile));
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const modelAssets = assets.filter((f) => /\.(bin|json)$/.test(f));

  const server = await preview({ configFile: CONFIG, logLevel: 'warn', build: { outDir }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const offOrigin: string[] = [];
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(`http://127.0.0.1:${PORT}/`)) offOrigin.push(r.url());
    });
    await page.goto(`http://127.0.0.1:${PORT}/scripts/bench/index.html`);
    await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult !== undefined, null, { timeout: 120_000 });
    const result = (await page.evaluate(() => (window as unknown as { benchResult: unknown }).benchResult)) as BenchPageResult;
    // The same requests through the Node runtime (the score CLI's path): the numbers must be identical.
    const node = (await (await nodeRiskEngine()).score(onePatient)).map((r) => [r.model, r.risks]);
    const launches = await benchLaunch(['typical-woman', 'heavy-chart']);
    const signPlanMs = await benchSignPlan('heavy-chart');
    const appDist = resolve(ROOT, 'dist-bench');
    const report = {
      browser: `Chromium ${browser.version()} (headless, --disable-gpu), TF.js cpu backend in a module Web Worker`,
      workerChunk: { file: workerFile, raw: kib(workerBytes.byteLength), gzipKiB: Math.round((gzipSync(workerBytes, { level: 9 }).byteLength / 1024) * 10) / 10 },
      firstLoadJsGzipKiB: { app: firstLoadJsGzipKiB(appDist, 'index.html'), launch: firstLoadJsGzipKiB(appDist, 'launch/index.html') },
      modelAssets: modelAssets.length,
      offOriginRequests: offOrigin,
      consoleErrors,
      browserEqualsNode: JSON.stringify(node) === JSON.stringify(result.risks),
      ...result,
      launches,
      signPlanMs,
      sandboxFhirServer: await benchFhirServer(),
    };
    console.log(JSON.stringify(report, null, 2));
    const figures = flatFigures(report);
    console.log(`\n${budgetTable(figures)}`);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
