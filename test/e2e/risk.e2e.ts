import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ckdEpi2021 as labEgfr } from '../../sandbox/data/egfr.ts';
import { nodeRiskEngine } from '../../src/risk/load-node.ts';
import { kfreRisk, pceRisk, preventRisk, type RefPce, type RefPrevent } from '../risk/reference.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { SANDBOX_ORIGIN } from './ports.ts';

/**
 * The risk view in Chromium against the sandbox: for each case the inputs are written here by hand from the
 * patient's definition (sandbox/data/patients.ts), and the expected numbers come from test/risk/reference.ts, the
 * independent float64 implementation of the published equations (it shares no code with src/risk or src/chart).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The sandbox records BMI rounded to one decimal beside height and weight (sandbox/data/chart.ts bodySize). */
const recordedBmi = (heightCm: number, weightKg: number): number => Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
/** CKD-EPI 2021 (Inker 2021), unrounded: what the app derives when the chart has a creatinine but no eGFR. */
function derivedEgfr(creatinineMgDl: number, age: number, sex: 'female' | 'male'): number {
  const k = sex === 'female' ? 0.7 : 0.9;
  const a = sex === 'female' ? -0.241 : -0.302;
  return 142 * Math.min(creatinineMgDl / k, 1) ** a * Math.max(creatinineMgDl / k, 1) ** -1.2 * 0.9938 ** age * (sex === 'female' ? 1.012 : 1);
}
/** Cholesterol mmol/L → mg/dL with its molar mass, 386.65 g/mol (as the chart layer converts SI results). */
const cholesterolMgDl = (mmolL: number): number => (mmolL * 386.65) / 10;

async function launch(patient: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { page, errors, context } = await openRecordedPage(browser);
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patient}&display=window`);
  await page.waitForSelector('[data-testid="risk-view"]');
  await waitForChartLoaded(page);
  await page.waitForFunction(() => performance.getEntriesByName('tailor:risk-view-ready', 'mark').length > 0, null, { timeout: 30_000 });
  return { page, errors, close: () => context.close() };
}

/** The percentage a risk element shows ("12.3 %"), as a number. */
async function shownPercent(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).first().textContent();
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(text ?? '');
  if (!m) throw new Error(`${testId}: no percentage in "${text}"`);
  return Number(m[1]);
}

/** Shown to one decimal: within half a unit of the last digit of the independently computed value. */
async function expectRisk(page: Page, testId: string, fraction: number): Promise<void> {
  const shown = await shownPercent(page, testId);
  expect(Math.abs(shown - fraction * 100), `${testId}: shown ${shown} %, expected ${(fraction * 100).toFixed(3)} %`).toBeLessThanOrEqual(0.05 + 1e-9);
}

async function reason(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? '';
}

describe('risk view against the sandbox EHR', () => {
  it('smoker-diabetic: PCE and PREVENT (full model) equal the published equations, with a category in words', async () => {
    const { page, errors, close } = await launch('smoker-diabetic');
    const pce: RefPce = { age: 61, sex: 'male', race: 'white', totalCholesterol: 236, hdl: 36, systolicBP: 152, onBPTreatment: true, smoker: true, diabetes: true };
    const prevent: RefPrevent = { ...pce, onStatin: false, bmi: recordedBmi(178, 101), egfr: labEgfr(1.02, 61, 'male'), uacr: 42, hba1c: 8.2 };
    await expectRisk(page, 'risk-pce-ascvd10', pceRisk(pce));
    await expectRisk(page, 'risk-prevent-cvd10', preventRisk(prevent, 'cvd', 10));
    await expectRisk(page, 'risk-prevent-ascvd10', preventRisk(prevent, 'ascvd', 10));
    await expectRisk(page, 'risk-prevent-hf10', preventRisk(prevent, 'hf', 10));
    expect(pceRisk(pce)).toBeGreaterThanOrEqual(0.2);
    expect(await reason(page, 'risk-pce-category')).toMatch(/high/i);
    // The same inputs through the score CLI's engine (src/risk/load-node.ts, TF.js cpu in Node) give what is shown.
    const [cli] = await (await nodeRiskEngine()).score([{ model: 'pce', inputs: pce }]);
    expect(cli?.applicable).toBe(true);
    expect(await shownPercent(page, 'risk-pce-ascvd10')).toBe(Math.round((cli!.risks.ascvd_10y ?? NaN) * 1000) / 10);
    expect(errors).toEqual([]);
    await close();
  });

  it('ckd-3b: KFRE 4-variable from the eGFR the app derives from creatinine, and the PCE', async () => {
    const { page, close } = await launch('ckd-3b');
    const egfr = derivedEgfr(1.35, 68, 'female');
    await expectRisk(page, 'risk-kfre-2y', kfreRisk('kfre4', { age: 68, sex: 'female', egfr, uacr: 85 }, 'north-america', 2));
    await expectRisk(page, 'risk-kfre-5y', kfreRisk('kfre4', { age: 68, sex: 'female', egfr, uacr: 85 }, 'north-america', 5));
    await expectRisk(page, 'risk-pce-ascvd10', pceRisk({ age: 68, sex: 'female', race: 'white', totalCholesterol: 205, hdl: 52, systolicBP: 138, onBPTreatment: true, smoker: false, diabetes: false }));
    await close();
  });

  it('ldl-190: the score is shown, and the guideline decision (LDL-C ≥ 190) beside it', async () => {
    const { page, close } = await launch('ldl-190');
    await expectRisk(page, 'risk-pce-ascvd10', pceRisk({ age: 44, sex: 'male', race: 'black', totalCholesterol: 292, hdl: 46, systolicBP: 126, onBPTreatment: false, smoker: false, diabetes: false }));
    expect(await reason(page, 'risk-view')).toMatch(/LDL[- ]C?.{0,40}214/);
    expect(await page.getByTestId('guideline-note-ldl-190').count()).toBe(1);
    await close();
  });

  it('age-35: the PCE says why it gives no number; PREVENT gives 10- and 30-year risks', async () => {
    const { page, close } = await launch('age-35');
    expect(await reason(page, 'risk-pce-na')).toMatch(/40.79/);
    const prevent: RefPrevent = {
      age: 35, sex: 'male', totalCholesterol: 204, hdl: 47, systolicBP: 124, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false,
      bmi: recordedBmi(175, 80), egfr: labEgfr(1.0, 35, 'male'), hba1c: 5.2,
    };
    await expectRisk(page, 'risk-prevent-cvd10', preventRisk(prevent, 'cvd', 10));
    await expectRisk(page, 'risk-prevent-cvd30', preventRisk(prevent, 'cvd', 30));
    await close();
  });

  it('stale-missing: names what is missing, and entering it in the risk view makes the number appear', async () => {
    const { page, errors, close } = await launch('stale-missing');
    expect(await reason(page, 'risk-pce-na')).toMatch(/HDL/);
    expect(await reason(page, 'risk-prevent-na')).toMatch(/HDL/);
    const view = page.getByTestId('risk-view');
    const enter = async (fact: string, fill: (form: ReturnType<typeof view.locator>) => Promise<void>) => {
      await view.getByTestId(`risk-enter-${fact}`).first().click();
      const form = view.locator('form').filter({ has: page.getByRole('button', { name: 'Use' }) }).first();
      await fill(form);
      await form.getByRole('button', { name: 'Use' }).click();
    };
    await enter('hdl', (form) => form.getByRole('spinbutton').fill('55'));
    await expect.poll(() => reason(page, 'risk-prevent-na')).not.toMatch(/HDL/);
    await enter('race', async (form) => void (await form.getByRole('combobox').selectOption('white')));
    await enter('smoker', async (form) => void (await form.getByRole('combobox').selectOption('false')));
    // Chart: TC 215 mg/dL and SBP 134 mmHg (stale but known), no BP or other prescriptions, no diabetes recorded.
    await page.getByTestId('risk-pce-ascvd10').waitFor();
    await expectRisk(page, 'risk-pce-ascvd10', pceRisk({ age: 58, sex: 'female', race: 'white', totalCholesterol: 215, hdl: 55, systolicBP: 134, onBPTreatment: false, smoker: false, diabetes: false }));
    expect(errors).toEqual([]);
    await close();
  });

  it('ascvd-statin: secondary prevention, no primary-prevention number', async () => {
    const { page, close } = await launch('ascvd-statin');
    expect(await reason(page, 'risk-pce-na')).toMatch(/secondary prevention/i);
    expect(await page.getByTestId('risk-pce-ascvd10').count()).toBe(0);
    await close();
  });

  it('si-units: SI results are converted before scoring; a what-if move changes the number; screenshot at 900 px', async () => {
    const { page, errors, close } = await launch('si-units');
    const pce: RefPce = { age: 59, sex: 'female', race: 'white', totalCholesterol: cholesterolMgDl(5.6), hdl: cholesterolMgDl(1.5), systolicBP: 128, onBPTreatment: false, smoker: false, diabetes: false };
    await expectRisk(page, 'risk-pce-ascvd10', pceRisk(pce));
    const prevent: RefPrevent = {
      ...pce, onStatin: false, bmi: recordedBmi(168, 70),
      egfr: derivedEgfr((70 * 113.12) / 10_000, 59, 'female'), // creatinine 70 µmol/L → mg/dL with its molar mass
      hba1c: 0.09148 * 36 + 2.152, // IFCC 36 mmol/mol → NGSP % (Hoelzel 2004)
      uacr: 1.1 / 0.11312, // 1.1 mg albumin per mmol creatinine → mg/g creatinine
    };
    await expectRisk(page, 'risk-prevent-cvd10', preventRisk(prevent, 'cvd', 10));

    // What if: the SBP slider moved by keyboard re-scores; the estimate is the equation's for the new SBP.
    await page.getByRole('tab', { name: 'What if' }).click();
    const slider = page.getByRole('slider', { name: /Systolic BP/ });
    await slider.focus();
    for (let i = 0; i < 12; i++) await slider.press('ArrowRight');
    const sbp = Number.parseFloat((await slider.getAttribute('aria-valuetext')) ?? '');
    expect(sbp).toBeGreaterThan(128);
    const row = page.getByTestId('what-if-PCE 10-year ASCVD');
    // Moves are coalesced (the latest wins), so an earlier move's estimate may show first: wait for the last one.
    const estimate = async () => Number(/→\s*(\d+(?:\.\d+)?)\s*%/.exec((await row.textContent()) ?? '')?.[1]);
    const expected = pceRisk({ ...pce, systolicBP: sbp }) * 100;
    await expect.poll(async () => Math.abs((await estimate()) - expected), { timeout: 10_000 }).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(await estimate()).not.toBe(await shownPercent(page, 'risk-pce-ascvd10'));

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/risk-view-900.png', fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
