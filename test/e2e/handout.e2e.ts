import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPatients } from '../../sandbox/data/index.ts';
import { pceRisk, type RefPce } from '../risk/reference.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { SANDBOX_ORIGIN } from './ports.ts';

/**
 * The patient handout in Chromium (issue 8): tick suggestions in the plan view, open the print view, and print it the
 * way a browser does (print media, A4 and Letter PDFs through Chromium's own print, no PDF library in the app).
 * Selectors: the plan view's `plan-view`, its suggestions' `plan-item-<id>` checkboxes and `plan-handout-button`, and the
 * handout's `handout`, `handout-print` and `handout-close` (src/ui/handout/Handout.tsx).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type PrintCounter = Window & { tailorPrintCalls?: number };

async function openPlan(patient: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { page, errors, context } = await openRecordedPage(browser);
  // window.print() would open a dialog headless Chromium cannot show: count the calls instead.
  await page.addInitScript(() => {
    const counter = window as PrintCounter;
    counter.tailorPrintCalls = 0;
    window.print = () => {
      counter.tailorPrintCalls = (counter.tailorPrintCalls ?? 0) + 1;
    };
  });
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patient}&display=window`);
  await waitForChartLoaded(page);
  await page.waitForSelector('[data-testid="plan-view"] [data-testid^="plan-item-"] input[type="checkbox"]', { timeout: 30_000 });
  return { page, errors, close: () => context.close() };
}

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object per page ("/Type /Pages" is the tree, not a page). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

describe('patient handout against the sandbox EHR', () => {
  it('smoker-diabetic: tick suggestions, open the handout, print on A4 and Letter in 1–2 pages; axe 0 on the print view', async () => {
    const { page, errors, close } = await openPlan('smoker-diabetic');
    const name = listPatients().find((p) => p.id === 'smoker-diabetic')?.name ?? '';
    expect(name).not.toBe('');

    // Tick the first three suggestions by keyboard-reachable checkboxes (Space), as a physician composing a plan.
    const boxes = page.locator('[data-testid="plan-view"] [data-testid^="plan-item-"] input[type="checkbox"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 3; i++) {
      const box = boxes.nth(i);
      if (!(await box.isChecked())) {
        await box.focus();
        await page.keyboard.press('Space');
      }
      expect(await box.isChecked()).toBe(true);
    }

    await page.getByTestId('plan-handout-button').click();
    const handout = page.getByTestId('handout');
    await handout.waitFor();
    expect(await page.evaluate(() => (window as PrintCounter).tailorPrintCalls)).toBe(1);

    // Name and a date in words; three actions; two pictures of 100 people.
    const text = (await handout.textContent()) ?? '';
    expect(text).toContain(`For ${name} on `);
    expect(text).toMatch(/on [A-Z][a-z]+ \d{1,2}, \d{4}/);
    const ticked = await boxes.evaluateAll((els) => els.filter((el) => el instanceof HTMLInputElement && el.checked).length);
    expect(await handout.locator('.handout-item').count()).toBe(ticked);
    const pictures = handout.locator('svg[role="img"]');
    expect(await pictures.count()).toBe(2);
    for (let i = 0; i < 2; i++) expect(await pictures.nth(i).locator('use').count()).toBe(100);
    // The risk now, in whole people: the PCE 10-year risk (the therapy baseline) from the independent float64 equations
    // with the inputs written by hand from sandbox/data/patients.ts (as in risk.e2e.ts).
    const pce: RefPce = { age: 61, sex: 'male', race: 'white', totalCholesterol: 236, hdl: 36, systolicBP: 152, onBPTreatment: true, smoker: true, diabetes: true };
    expect(text).toContain(`Now, about ${Math.round(pceRisk(pce) * 100)} in 100 people like you will have a heart attack or stroke in the next 10 years.`);
    expect(text).not.toMatch(/\b(?:LDL|BP|eGFR|HbA1c|ASCVD|PCE|mg\/dL|mmHg)\b/);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/handout-screen.png' }); // the overlay scrolls itself: the viewport is the view

    await page.emulateMedia({ media: 'print' });
    // In print only the handout is laid out: the banner, risk view, plan view and facts panel are not displayed.
    expect(await page.locator('[data-testid="risk-view"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="plan-view"]').isVisible()).toBe(false);
    expect(await page.getByTestId('handout-print').isVisible()).toBe(false);
    expect(await handout.isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/handout-print.png', fullPage: true });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: true });
      writeFileSync(`test-results/handout-${format.toLowerCase()}.pdf`, pdf);
      const pages = pdfPageCount(pdf);
      expect(pages, `${format}: ${pages} pages`).toBeGreaterThanOrEqual(1);
      expect(pages, `${format}: ${pages} pages`).toBeLessThanOrEqual(2);
    }

    // Back on screen: Close returns to the plan, which prints as itself again.
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('handout-close').click();
    expect(await page.getByTestId('handout').count()).toBe(0);
    expect(await page.getByTestId('plan-handout-button').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('ckd-3b with every suggestion ticked still prints in 1–2 pages (the longest handout)', async () => {
    const { page, close } = await openPlan('ckd-3b');
    mkdirSync('test-results', { recursive: true });
    const boxes = page.locator('[data-testid="plan-view"] [data-testid^="plan-item-"] input[type="checkbox"]');
    for (let i = 0; i < (await boxes.count()); i++) if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
    await page.getByTestId('plan-handout-button').click();
    await page.getByTestId('handout').waitFor();
    await page.emulateMedia({ media: 'print' }); // page.pdf prints with whatever media was last emulated
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: true });
      writeFileSync(`test-results/handout-ckd-3b-${format.toLowerCase()}.pdf`, pdf);
      expect(pdfPageCount(pdf), format).toBeLessThanOrEqual(2);
    }
    await close();
  });
});
