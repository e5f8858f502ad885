import type { Patient } from 'fhir/r4';
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

/** Opens the app for one sandbox patient (whole-window EHR launch) and waits for every chart source. */
async function openChart(patient: string) {
  const recorded = await openRecordedPage(browser);
  await recorded.page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patient}&display=window`);
  await recorded.page.waitForSelector('[data-testid="facts-panel"]');
  await waitForChartLoaded(recorded.page);
  return recorded;
}

// Issue 13: real-world chart shapes, each read as its sandbox patient defines it (sandbox/data/chartShapes.ts).
describe('facts panel on real-world chart shapes', () => {
  it('uncategorised-conditions: the past stroke, a Condition without category, reads established ASCVD yes', async () => {
    const { page, errors, context } = await openChart('uncategorised-conditions');
    expect(await page.getByTestId('source-conditionsUncategorised').getAttribute('data-status')).toBe('loaded');
    expect(await page.getByTestId('fact-ascvd').getAttribute('data-state')).toBe('known');
    expect(await page.getByTestId('fact-ascvd-value').textContent()).toMatch(/^Yes/);
    expect(await page.getByTestId('fact-ascvd-source').textContent()).toContain('Condition/uncategorised-conditions-cond-1');
    expect(await page.getByTestId('fact-onBPTreatment-value').textContent()).toMatch(/^Yes/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('survey-smoking: the smoking status filed as a survey reads current smoker yes', async () => {
    const { page, errors, context } = await openChart('survey-smoking');
    expect(await page.getByTestId('source-survey').getAttribute('data-status')).toBe('loaded');
    expect(await page.getByTestId('fact-smoker').getAttribute('data-state')).toBe('known');
    expect(await page.getByTestId('fact-smoker-value').textContent()).toMatch(/^Yes/);
    expect(await page.getByTestId('fact-smoker-source').textContent()).toContain('Observation/survey-smoking-obs-1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('product-statin: simvastatin from product code 316672 ("Simvistatin 10 MG"), acetaminophen listed as not recognised', async () => {
    const { page, errors, context } = await openChart('product-statin');
    expect(await page.getByTestId('fact-onStatin-value').textContent()).toMatch(/^Yes/);
    // Where the panel puts the statin and the drugs it could not read may change; that they are shown may not.
    const panel = (await page.getByTestId('facts-panel').textContent()) ?? '';
    expect(panel).toMatch(/simvastatin 10 mg/i);
    expect(panel).toContain('not recognised (Acetaminophen 325 MG Oral Tablet)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deceased: the banner says deceased with the date of death', async () => {
    const patient = buildSandboxResources(new Date()).find((r): r is Patient => r.resourceType === 'Patient' && r.id === 'deceased');
    const { page, errors, context } = await openChart('deceased');
    expect(await page.getByTestId('patient-deceased').textContent()).toBe(`Deceased ${patient?.deceasedDateTime?.slice(0, 10)}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
