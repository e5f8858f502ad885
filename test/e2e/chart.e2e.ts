import type { Observation } from 'fhir/r4';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { SANDBOX_ORIGIN } from './ports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const LOINC = 'http://loinc.org';

/**
 * The newest usable reading of a LOINC code in the heavy chart, worked out here from the raw synthetic resources
 * (not through src/chart): final/amended/corrected, with a value and no dataAbsentReason; `component` reads a panel.
 */
function latest(code: string, component?: string): { value: number; date: string } {
  const observations = buildSandboxResources(new Date())
    .filter((r): r is Observation => r.resourceType === 'Observation')
    .filter((o) => o.subject?.reference === 'Patient/heavy-chart');
  const readings = observations.flatMap((o) => {
    if (!['final', 'amended', 'corrected'].includes(o.status) || o.dataAbsentReason) return [];
    const holder = component ? o.component?.find((c) => c.code.coding?.some((x) => x.system === LOINC && x.code === component)) : o;
    const matches = o.code.coding?.some((x) => x.system === LOINC && x.code === code);
    const value = holder?.valueQuantity?.value;
    return matches && value !== undefined && o.effectiveDateTime ? [{ value, date: o.effectiveDateTime }] : [];
  });
  readings.sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const newest = readings[0]!;
  return { value: newest.value, date: newest.date.slice(0, 10) };
}

describe('chart facts on the heavy chart (10 years, > 5,000 observations)', () => {
  it('shows the latest values with their dates and sources', async () => {
    const { page, errors, context } = await openRecordedPage(browser);
    await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=heavy-chart&display=window`);
    await page.waitForSelector('[data-testid="facts-panel"]');
    await waitForChartLoaded(page);

    const expectations: [key: string, reading: { value: number; date: string }, unit: string][] = [
      ['totalCholesterol', latest('2093-3'), 'mg/dL'],
      ['hdl', latest('2085-9'), 'mg/dL'],
      ['systolicBP', latest('85354-9', '8480-6'), 'mmHg'],
      ['hba1c', latest('4548-4'), '%'],
    ];
    for (const [key, reading, unit] of expectations) {
      const shown = await page.getByTestId(`fact-${key}-value`).textContent();
      expect(shown, key).toMatch(new RegExp(`^[\\d.]+ ${unit}`));
      expect(Math.abs(Number.parseFloat(shown!) - reading.value), `${key}: shown ${shown}, chart ${reading.value}`).toBeLessThanOrEqual(0.05);
      expect(await page.getByTestId(`fact-${key}-date`).textContent(), key).toBe(reading.date);
      expect(await page.getByTestId(`fact-${key}-source`).textContent(), key).toMatch(/^Observation\//);
      expect(await page.getByTestId(`fact-${key}`).getAttribute('data-origin'), key).toBe('chart');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows what loaded and what failed when one source errors, and retries it', async () => {
    const { page, requests, context } = await openRecordedPage(browser);
    await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=typical-woman&display=window&faultResourceType=Condition&faultStatus=500`);
    await waitForChartLoaded(page);
    expect(await page.getByTestId('chart-load-status').textContent()).toContain('missing');
    const failed = page.locator('li[data-status="failed"]');
    expect(await failed.count()).toBeGreaterThan(0);
    expect(await failed.first().textContent()).toMatch(/500/);
    expect(await page.locator('li[data-status="loaded"]').count()).toBeGreaterThan(0);
    const conditionSearches = () => requests.filter((r) => new URL(r.url()).pathname === '/fhir/Condition').length;
    const before = conditionSearches();
    await page.getByRole('button', { name: /^Retry / }).first().click();
    await expect.poll(conditionSearches).toBeGreaterThan(before);
    await page.waitForSelector('li[data-status="failed"]');
    await context.close();
  });

  it('loads an Epic-like server that refuses Observation searches without category', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=typical-woman&display=window&personality=epic`);
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-load-status"]')?.textContent === 'Chart loaded', null, { timeout: 30_000 });
    expect(await page.getByTestId('fact-totalCholesterol-value').textContent()).toMatch(/^\d+ mg\/dL/);
    await context.close();
  });
});
