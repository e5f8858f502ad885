import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPatients } from '../../sandbox/data/index.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { SANDBOX_ORIGIN } from './ports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a second launch in the same tab', () => {
  it('shows the newly launched patient and that patient’s chart, never the previous one', async () => {
    const [first, second] = [listPatients().find((p) => p.id === 'stale-missing')!, listPatients().find((p) => p.id === 'smoker-diabetic')!];
    const { page, context } = await openRecordedPage(browser);
    for (const patient of [first, second]) {
      await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patient.id}&display=window`);
      await waitForChartLoaded(page);
      expect(await page.getByTestId('patient-banner').textContent()).toContain(patient.name);
      expect(await page.getByTestId('fact-totalCholesterol-source').textContent()).toContain(`Observation/${patient.id}-`);
    }
    await context.close();
  });
});
