import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
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

const nameOf = (id: string) => listPatients().find((p) => p.id === id)!.name;

async function launch(page: Page, patientId: string): Promise<void> {
  await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patientId}&display=window`);
  await waitForChartLoaded(page);
  await page.getByTestId('plan-suggestions').waitFor();
}

const shownIds = (page: Page) =>
  page.locator('[data-testid="plan-suggestions"] > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.testid?.replace('plan-item-', '')));
const hiddenText = (page: Page, id: string) => page.getByTestId(`plan-not-${id}`).textContent();

/**
 * What each patient's chart (sandbox/data/patients.ts) makes the rules (README "Plan suggestions") suggest and rule
 * out, written by hand from the chart values and the rule thresholds; `absent` are rules that must not show at all.
 */
const CASES: { id: string; shown: string[]; hidden: Record<string, string>; absent: string[] }[] = [
  {
    // 61, on lisinopril + amlodipine with office BP 150/92, type 2 diabetes (HbA1c 8.2 %, on metformin), daily smoker, UACR 42 mg/g.
    id: 'smoker-diabetic',
    shown: ['bp-intensify-high-risk', 'statin-diabetes-high', 'smoking-counselling', 'smoking-pharmacotherapy', 'aspirin-primary-prevention', 'diabetes-sglt2-ckd', 'diabetes-hba1c-goal'],
    hidden: { 'ckd-ras-a3-or-diabetes:lisinopril': 'already takes lisinopril' },
    absent: ['diabetes-metformin', 'bp-start-high-risk'],
  },
  {
    // 44, LDL-C 214 mg/dL untreated, BP 126/80 untreated, never smoker, PCE about 4 %.
    id: 'ldl-190',
    shown: ['statin-ldl-190', 'bp-out-of-office'],
    hidden: {},
    absent: ['aspirin-primary-prevention', 'smoking-counselling', 'statin-primary-intermediate'],
  },
  {
    // 68, CKD G3b (creatinine 1.35 → eGFR about 42) with UACR 85 mg/g on lisinopril, SBP 138, PCE about 12 % (intermediate).
    id: 'ckd-3b',
    shown: ['statin-primary-intermediate', 'bp-older-adults', 'ckd-sglt2-low-albuminuria'],
    hidden: { 'ckd-ras-a2:lisinopril': 'already takes lisinopril' },
    absent: ['ckd-referral-egfr', 'smoking-counselling'],
  },
  {
    // SLCO1B1 decreased function, intermediate PCE risk, no statin yet: atorvastatin within the CPIC limit, simvastatin avoided.
    id: 'slco1b1',
    shown: ['statin-primary-intermediate', 'pgx-slco1b1-avoid-simvastatin'],
    hidden: {},
    absent: ['pgx-slco1b1-switch'],
  },
  {
    // Diabetes with statin intolerance (muscle pain on simvastatin): low-dose other statin and ezetimibe instead.
    id: 'statin-intolerance',
    shown: ['statin-intolerance-rechallenge', 'statin-intolerance-nonstatin'],
    hidden: { 'statin-diabetes-moderate': 'intolerance to Statins' },
    absent: [],
  },
  {
    // Clinical ASCVD on atorvastatin 80 mg with LDL-C 70 mg/dL.
    id: 'ascvd-statin',
    shown: ['ezetimibe-very-high-risk'],
    hidden: { 'statin-secondary-high': 'already on atorvastatin 80 mg (high intensity)' },
    absent: ['aspirin-primary-prevention', 'statin-primary-intermediate'],
  },
  {
    // 82: BP above 130 systolic; aspirin not routinely over 70.
    id: 'age-82',
    shown: ['bp-older-adults'],
    hidden: { 'aspirin-primary-prevention': 'age 82: over 70' },
    absent: [],
  },
];

describe('the plan view in Chromium', () => {
  it.each(CASES)('$id: the suggestions shown and the ones ruled out with their reasons', async ({ id, shown, hidden, absent }) => {
    const { page, context, errors } = await openRecordedPage(browser);
    await launch(page, id);
    const ids = await shownIds(page);
    expect(ids).toEqual(expect.arrayContaining(shown));
    for (const a of absent) expect(ids).not.toContain(a);
    const not = page.getByTestId('plan-not-suggested');
    if (Object.keys(hidden).length > 0) {
      expect(await not.getAttribute('open')).toBeNull(); // collapsed, count visible
      expect(await not.locator('summary').textContent()).toMatch(/^Not suggested because … \(\d+\)$/);
      await not.locator('summary').click();
      for (const [rule, because] of Object.entries(hidden)) expect(await hiddenText(page, rule)).toContain(because);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a plan composed by keyboard survives a reload; a relaunch for another patient does not show it; axe finds nothing', async () => {
    const { page, context } = await openRecordedPage(browser);
    await launch(page, 'smoker-diabetic');

    // Keyboard only: Tab to the statin's checkbox, Space; Tab on to its timing field and type; add an activity with Enter.
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 400; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`never reached ${selector} by Tab`);
    };
    await tabTo('[data-testid="plan-item-statin-diabetes-high"] input[type="checkbox"]');
    await page.keyboard.press('Space');
    await tabTo('[data-testid="plan-item-statin-diabetes-high"] input[placeholder^="e.g. start today"]');
    await page.keyboard.type('start today');
    await tabTo('[data-testid="plan-item-smoking-counselling"] input[type="checkbox"]');
    await page.keyboard.press('Space');
    await tabTo('.plan-add-form input[placeholder^="e.g. dietitian"]');
    await page.keyboard.type('Dietitian referral');
    await page.keyboard.press('Enter');
    // Focus is visible on whatever has it.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.getByTestId('plan-impact-result').waitFor();
    const draftId = await page.getByTestId('plan-draft-id').textContent();
    expect(draftId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const axe = await new AxeBuilder({ page }).include('[data-testid="plan-view"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1100);

    await page.reload();
    await waitForChartLoaded(page);
    await page.getByTestId('plan-suggestions').waitFor();
    expect(await page.locator('[data-testid="plan-item-statin-diabetes-high"] input[type="checkbox"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="plan-item-smoking-counselling"] input[type="checkbox"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="plan-item-statin-diabetes-high"] input[placeholder^="e.g. start today"]').inputValue()).toBe('start today');
    expect(await page.getByTestId('plan-added').textContent()).toContain('Dietitian referral');
    expect(await page.getByTestId('plan-draft-id').textContent()).toBe(draftId);
    expect(await page.getByTestId('plan-patient-switch').count()).toBe(0);

    // The EHR relaunches Tailor in the same tab for another patient: that patient's own (empty) plan, and the switch named.
    await launch(page, 'ldl-190');
    expect(await page.getByTestId('patient-banner').textContent()).toContain(nameOf('ldl-190'));
    expect(await page.getByTestId('plan-patient-switch').textContent()).toContain(`this was ${nameOf('smoker-diabetic')}, now ${nameOf('ldl-190')}`);
    expect(await page.locator('[data-testid="plan-suggestions"] input[type="checkbox"]:checked').count()).toBe(0);
    expect(await page.getByTestId('plan-added').count()).toBe(0);
    expect(await page.getByTestId('plan-draft-id').textContent()).not.toBe(draftId);
    await context.close();
  });
});
