/**
 * `npm run bench`: production-builds a bench page with the app's Vite config, serves it with
 * `vite preview`, and measures the risk worker in headless Chromium (warm latency for one patient ×
 * all models, and for a 64-vector what-if batch). Also reports the worker chunk size and the sandbox FHIR server's
 * search timings on the heavy chart, and the whole launch-to-facts time a physician waits for. Not a test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { nodeRiskEngine } from '../src/risk/load-node.ts';
import { benchFhirServer } from '../sandbox/fhir/bench.ts';
import { benchChartLoad } from './bench/chartLoad.ts';
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
    const result = (await page.evaluate(() => (window as unknown as { benchResult: unknown }).benchResult)) as { risks?: unknown };
    // The same requests through the Node runtime (the score CLI's path): the numbers must be identical.
    const node = (await (await nodeRiskEngine()).score(onePatient)).map((r) => [r.model, r.risks]);
    const version = browser.version();
    console.log(
      JSON.stringify(
        {
          browser: `Chromium ${version} (headless, --disable-gpu), TF.js cpu backend in a module Web Worker`,
          workerChunk: { file: workerFile, raw: kib(workerBytes.byteLength), gzip: kib(gzipSync(workerBytes, { level: 9 }).byteLength) },
          modelAssets: modelAssets.length,
          offOriginRequests: offOrigin,
          consoleErrors,
          browserEqualsNode: JSON.stringify(node) === JSON.stringify(result.risks),
          ...result,
          sandboxFhirServer: await benchFhirServer(),
          launchToChart: await benchChartLoad(['typical-woman', 'heavy-chart']),
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
