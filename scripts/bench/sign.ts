import type { Page } from 'playwright-core';
import { launchChromium, waitForChartLoaded } from '../chromium.ts';
import { startBenchStack } from './stack.ts';
import { stats, type Stats } from './stats.ts';

/** When the sign button was pressed and when "Saved to chart" appeared, in the page's own clock. */
interface SignClock {
  pressedAt?: number;
  savedAt?: number;
}
type WithSignClock = Window & { tailorSignClock?: SignClock };

/**
 * Both moments are taken in the page (a capturing click listener, a MutationObserver), so neither Playwright's polling
 * nor the trip to Node is counted: what is timed is the app's work and the transaction's round trip to the CarePlan
 * read back.
 */
function installSignClock(): void {
  const clock: SignClock = {};
  (window as WithSignClock).tailorSignClock = clock;
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid="sign-button"]')) clock.pressedAt = performance.now();
  }, true);
  new MutationObserver(() => {
    if (clock.pressedAt !== undefined && clock.savedAt === undefined && document.querySelector('[data-testid="sign-saved"]')) clock.savedAt = performance.now();
  }).observe(document, { subtree: true, childList: true });
}

async function signOnce(page: Page): Promise<number> {
  const box = page.locator('[data-testid="plan-suggestions"] > li input[type="checkbox"]').first();
  await box.check();
  await page.getByTestId('sign-status-active').check();
  await page.getByTestId('sign-button').click();
  await page.waitForFunction(() => (window as WithSignClock).tailorSignClock?.savedAt !== undefined, null, { timeout: 60_000 });
  const clock = await page.evaluate(() => (window as WithSignClock).tailorSignClock);
  if (clock?.pressedAt === undefined || clock.savedAt === undefined) throw new Error('the sign clock did not run');
  return clock.savedAt - clock.pressedAt;
}

/**
 * Time to sign a plan (issue 10): in Chromium against the sandbox (production build), a fresh profile per run, the
 * patient's chart loaded and one suggestion ticked, from the sign button to "Saved to chart" — the transaction
 * (CarePlan, RiskAssessments, Goals, Provenance) and the CarePlan read back. Each run signs a new draft, so every run
 * creates; the first run warms the server's and the browser's caches and is not counted.
 */
export async function benchSignPlan(patient: string, runs = 5): Promise<Stats> {
  const stack = await startBenchStack({ sandboxPort: 4330, appPort: 4331, outDir: 'dist-bench' });
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(installSignClock);
      await page.goto(`${stack.sandboxOrigin}/launch?practitioner=dr-okafor&patient=${patient}&display=window`);
      await waitForChartLoaded(page);
      await page.getByTestId('sign-panel').waitFor({ timeout: 60_000 });
      const ms = await signOnce(page);
      if (run > 0) times.push(ms);
      await context.close();
    }
    return stats(times);
  } finally {
    await browser.close();
    await stack.close();
  }
}
