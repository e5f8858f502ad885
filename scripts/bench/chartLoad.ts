import { launchChromium, waitForChartLoaded } from '../chromium.ts';
import { startStack } from '../../sandbox/stack.ts';

export interface ChartLoadTiming {
  patient: string;
  runs: number;
  /** From the EHR's launch click to the patient banner: SMART launch, authorization, token, Patient read. */
  medianToBannerMs: number;
  /** From the launch click to every chart source loaded and the facts panel filled. */
  medianToFactsMs: number;
  maxToFactsMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * What the physician waits for: a whole EHR launch in Chromium against the sandbox (production build), timed from
 * the launcher's request to the banner and to the loaded facts panel. Each run uses a fresh browser profile.
 */
export async function benchChartLoad(patients: string[], runs = 5): Promise<ChartLoadTiming[]> {
  const stack = await startStack({ sandboxPort: 4330, appPort: 4331, outDir: 'dist-bench' });
  const browser = await launchChromium();
  try {
    const timings: ChartLoadTiming[] = [];
    for (const patient of patients) {
      const toBanner: number[] = [];
      const toFacts: number[] = [];
      for (let run = 0; run < runs + 1; run++) {
        const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(`${stack.sandbox.origin}/launch?practitioner=dr-okafor&patient=${patient}&display=window`);
        await page.waitForSelector('[data-testid="patient-banner"]', { timeout: 60_000 });
        const banner = performance.now() - start;
        await waitForChartLoaded(page);
        const facts = performance.now() - start;
        await context.close();
        // The first run warms the server's caches and the browser's code cache; it is not counted.
        if (run === 0) continue;
        toBanner.push(banner);
        toFacts.push(facts);
      }
      const round = (ms: number) => Math.round(ms);
      timings.push({ patient, runs, medianToBannerMs: round(median(toBanner)), medianToFactsMs: round(median(toFacts)), maxToFactsMs: round(Math.max(...toFacts)) });
    }
    return timings;
  } finally {
    await browser.close();
    await stack.close();
  }
}
