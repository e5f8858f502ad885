import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACT_RECORDS } from '../../src/chart/recordGaps.ts';
import type { RecordKind } from '../../src/chart/types.ts';
import { PANEL_ROWS } from '../../src/ui/facts/factFormat.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { SANDBOX_ORIGIN } from './ports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The sandbox's fault switch applies to every Observation search: laboratory, vital signs, social history, genomics. */
const OBSERVATION_KINDS: readonly RecordKind[] = ['laboratory', 'vital-signs', 'social-history', 'genomics'];
const observationRows = PANEL_ROWS.filter((r) => FACT_RECORDS[r.key].some((k) => OBSERVATION_KINDS.includes(k))).map((r) => r.key);

/** Each Observation-read row's data-origin and text (rows folded under "Other values" are in the DOM too). */
async function rowsRead(page: Page): Promise<{ key: string; origin: string | null; text: string }[]> {
  return Promise.all(observationRows.map(async (key) => {
    const row = page.getByTestId(`fact-${key}`);
    return { key, origin: await row.getAttribute('data-origin'), text: (await row.textContent()) ?? '' };
  }));
}

describe('facts panel while Observation searches are slow, then fail (fault 500 after 3 s)', () => {
  it('says loading, then failed, never "missing"; the models say the labs failed; fits 800 × 600; axe 0', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=typical-woman&display=window&faultResourceType=Observation&faultStatus=500&faultDelayMs=3000`);
    // The patient has loaded (age known) while the Observation searches are still held back by the 3-second delay.
    await page.waitForFunction(() => document.querySelector('[data-testid="fact-age"]')?.getAttribute('data-origin') === 'derived', null, { timeout: 30_000 });
    expect(await page.getByTestId('chart-load-status').textContent()).toMatch(/^Loading chart/);
    for (const row of await rowsRead(page)) {
      expect(row.origin, row.key).toBe('loading');
      expect(row.text, row.key).not.toMatch(/missing/i);
      expect(await page.getByTestId(`fact-${row.key}-entry`).count(), `${row.key} offers no entry while loading`).toBe(0);
    }

    await waitForChartLoaded(page);
    expect(await page.getByTestId('chart-load-status').textContent()).toContain('missing');
    expect(await page.locator('li[data-status="failed"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Retry Laboratory results$/ }).count()).toBe(1);
    for (const row of await rowsRead(page)) {
      expect(row.origin, row.key).toBe('failed');
      expect(row.text, row.key).toMatch(/failed to load/);
      expect(row.text, row.key).not.toMatch(/missing/i);
    }
    expect(await page.getByTestId('fact-hdl-value').textContent()).toContain('laboratory results failed to load — Retry');

    // The risk models give no number: the reason is the failure, not an absent value.
    for (const model of ['pce', 'prevent']) {
      const reason = page.getByTestId(`risk-${model}-na`);
      await reason.waitFor({ timeout: 30_000 });
      expect(await reason.textContent(), model).toMatch(/laboratory results.* failed to load/);
      expect(await reason.textContent(), model).not.toMatch(/\d+(\.\d+)? ?%/);
    }
    expect(await page.locator('[data-testid="risk-view"] .risk-value').count()).toBe(0);

    // Fits an 800 × 600 EHR frame: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await context.close();
  });
});
