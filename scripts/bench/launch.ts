import type { Page, Request } from 'playwright-core';
import { launchChromium, waitForChartLoaded } from '../chromium.ts';
import { startBenchStack } from './stack.ts';
import { stats, type Stats } from './stats.ts';

export interface LaunchTiming {
  patient: string;
  runs: number;
  /** From the EHR's launch request to the patient banner: SMART launch, authorization, token, Patient read. */
  launchToBannerMs: Stats;
  /** To the first risk number (or not-applicable reason) on screen: the app's `tailor:first-risk` performance mark. */
  launchToFirstRiskMs: Stats;
  /** To every model answered (`tailor:risk-view-ready`). */
  launchToRiskViewMs: Stats;
  /** To the plan's first suggestions (or the word that there are none) on screen (`tailor:suggestions-shown`). */
  launchToSuggestionsMs: Stats;
  /** To every chart source loaded and the facts panel filled. */
  launchToFactsMs: Stats;
  /** FHIR data requests (and response bytes) started before the first risk was on screen (median run). */
  firstScreenFhirRequests: number;
  firstScreenFhirKiB: number;
  /** FHIR requests of the whole launch, once the chart has loaded. */
  launchFhirRequests: number;
  /** The app page's used JS heap after the chart loaded (the risk worker has its own heap, not counted). */
  heapMB: number;
}

/** Epoch milliseconds of a performance mark in the app page, waiting for it to be set. */
async function markEpoch(page: Page, name: string): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, { timeout: 60_000 });
  return page.evaluate((n) => performance.timeOrigin + performance.getEntriesByName(n, 'mark')[0]!.startTime, name);
}

/**
 * Requests for FHIR data: the server's self-descriptions (SMART configuration, CapabilityStatement) and CORS
 * preflights are not counted.
 */
const fhirRequest = (fhirBase: string) => (r: Request) =>
  r.url().startsWith(fhirBase) && r.method() !== 'OPTIONS' && !r.url().endsWith('/metadata') && !r.url().endsWith('/.well-known/smart-configuration');

/**
 * What the physician waits for: a whole EHR launch in Chromium against the sandbox (production build), timed from the
 * launcher's request with the app's own performance marks (read as epoch times, so no polling delay is counted).
 * Each run uses a fresh browser profile; the first run warms the server's and the browser's caches and is not counted.
 */
export async function benchLaunch(patients: string[], runs = 5): Promise<LaunchTiming[]> {
  const stack = await startBenchStack({ sandboxPort: 4330, appPort: 4331, outDir: 'dist-bench' });
  const browser = await launchChromium();
  const fhirBase = `${stack.sandboxOrigin}/fhir/`;
  try {
    const timings: LaunchTiming[] = [];
    for (const patient of patients) {
      const banner: number[] = [], firstRisk: number[] = [], riskView: number[] = [], suggestions: number[] = [], facts: number[] = [];
      const firstScreen: { requests: number; bytes: number }[] = [];
      let launchRequests = 0;
      let heapMB = 0;
      for (let run = 0; run < runs + 1; run++) {
        const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
        const page = await context.newPage();
        const requests: { at: number; request: Request }[] = [];
        context.on('request', (request) => requests.push({ at: Date.now(), request }));
        const start = Date.now();
        await page.goto(`${stack.sandboxOrigin}/launch?practitioner=dr-okafor&patient=${patient}&display=window`);
        await page.waitForSelector('[data-testid="patient-banner"]', { timeout: 60_000 });
        const bannerAt = Date.now();
        const firstRiskAt = await markEpoch(page, 'tailor:first-risk');
        const riskViewAt = await markEpoch(page, 'tailor:risk-view-ready');
        const suggestionsAt = await markEpoch(page, 'tailor:suggestions-shown');
        await waitForChartLoaded(page);
        const factsAt = Date.now();
        if (run > 0) {
          banner.push(bannerAt - start);
          firstRisk.push(firstRiskAt - start);
          riskView.push(riskViewAt - start);
          suggestions.push(suggestionsAt - start);
          facts.push(factsAt - start);
          const fhir = requests.filter((r) => fhirRequest(fhirBase)(r.request));
          const before = fhir.filter((r) => r.at <= firstRiskAt);
          const sizes = await Promise.all(before.map(async (r) => (await r.request.sizes()).responseBodySize));
          firstScreen.push({ requests: before.length, bytes: sizes.reduce((a, b) => a + b, 0) });
          launchRequests = fhir.length;
          const cdp = await context.newCDPSession(page);
          await cdp.send('Performance.enable');
          const { metrics } = await cdp.send('Performance.getMetrics');
          heapMB = Math.round(((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 2 ** 20) * 10) / 10;
        }
        await context.close();
      }
      firstScreen.sort((a, b) => a.requests - b.requests);
      const mid = firstScreen[Math.floor(firstScreen.length / 2)]!;
      timings.push({
        patient, runs,
        launchToBannerMs: stats(banner), launchToFirstRiskMs: stats(firstRisk), launchToRiskViewMs: stats(riskView), launchToSuggestionsMs: stats(suggestions), launchToFactsMs: stats(facts),
        firstScreenFhirRequests: mid.requests, firstScreenFhirKiB: Math.round(mid.bytes / 102.4) / 10, launchFhirRequests: launchRequests, heapMB,
      });
    }
    return timings;
  } finally {
    await browser.close();
    await stack.close();
  }
}
