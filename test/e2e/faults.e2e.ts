import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACT_RECORDS } from '../../src/chart/recordGaps.ts';
import type { RecordKind } from '../../src/chart/types.ts';
import { PANEL_ROWS } from '../../src/ui/facts/factFormat.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { FHIR_BASE, SANDBOX_ORIGIN } from './ports.ts';

/**
 * Faults during chart load, end to end (issue 10): each launch turns on one of the sandbox's per-launch switches and
 * checks that the physician reads what happened in words, that nothing is concluded "no" or "missing" from a search
 * that did not answer, and that no risk number rests on it.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function launch(switches: Record<string, string>, patient = 'typical-woman') {
  const recorded = await openRecordedPage(browser);
  const query = new URLSearchParams({ practitioner: 'dr-okafor', patient, display: 'window', ...switches });
  await recorded.page.goto(`${SANDBOX_ORIGIN}/launch?${query}`);
  return recorded;
}

/** The panel rows read from these kinds of record. */
const rowsOf = (kinds: readonly RecordKind[]) => PANEL_ROWS.filter((r) => FACT_RECORDS[r.key].some((k) => kinds.includes(k))).map((r) => r.key);

async function rows(page: Page, kinds: readonly RecordKind[]) {
  return Promise.all(rowsOf(kinds).map(async (key) => {
    const row = page.getByTestId(`fact-${key}`);
    return { key, origin: await row.getAttribute('data-origin'), text: (await row.textContent()) ?? '' };
  }));
}

const sourceStatus = (page: Page, id: string) => page.getByTestId(`source-${id}`).getAttribute('data-status');
const sourceText = async (page: Page, id: string) => (await page.getByTestId(`source-${id}`).textContent()) ?? '';
const fhirRequests = (requests: Request[], type: string) => requests.filter((r) => r.url().startsWith(`${FHIR_BASE}/${type}`) && r.method() === 'GET');

/** No PCE or PREVENT number on screen, and each says which records failed (never that a value is absent). */
async function expectNoRiskNumber(page: Page, failed: RegExp) {
  for (const model of ['pce', 'prevent']) {
    const reason = page.getByTestId(`risk-${model}-na`);
    await reason.waitFor({ timeout: 30_000 });
    const text = (await reason.textContent()) ?? '';
    expect(text, model).toMatch(failed);
    expect(text, model).not.toMatch(/\d+(\.\d+)? ?%/);
  }
  expect(await page.locator('[data-testid="risk-view"] .risk-value').count()).toBe(0);
}

/**
 * Every row read only from these records says the failure; no row read from them says "missing" or "No" (a row also
 * read from other records may be known from those, e.g. diabetes from an HbA1c).
 */
async function expectRowsFailed(page: Page, kinds: readonly RecordKind[]) {
  for (const row of await rows(page, kinds)) {
    if (FACT_RECORDS[row.key].every((k) => kinds.includes(k))) {
      expect(row.origin, row.key).toBe('failed');
      expect(row.text, row.key).toMatch(/failed to load/);
    }
    expect(row.text, row.key).not.toMatch(/missing|\bNo\b/);
  }
}

describe('faults during chart load', () => {
  it('500 on Conditions: the failure in words with Retry, no "no" and no risk number; Retry then loads them', async () => {
    // Both Condition searches fail once, then the server recovers.
    const { page, context } = await launch({ faultResourceType: 'Condition', faultStatus: '500', faultTimes: '2' });
    await waitForChartLoaded(page);
    expect(await page.getByTestId('chart-load-status').textContent()).toBe('Chart loaded with 2 sources missing');
    expect(await sourceText(page, 'conditions')).toMatch(/failed — 500: the server had an error — Injected fault for Condition/);
    await expectRowsFailed(page, ['conditions']);
    await expectNoRiskNumber(page, /problems and diagnoses failed to load/);

    await page.getByRole('button', { name: 'Retry Problems and diagnoses' }).click();
    await page.getByRole('button', { name: 'Retry Conditions of any category' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-load-status"]')?.textContent === 'Chart loaded', null, { timeout: 30_000 });
    expect(await page.locator('li[data-status="failed"]').count()).toBe(0);
    await page.locator('[data-testid="risk-view"] .risk-value').first().waitFor({ timeout: 30_000 });
    await context.close();
  });

  it('429 with Retry-After: repeated after the server\'s second, at most 3 times; busy twice then loads, busy always fails in words', async () => {
    const twice = await launch({ faultResourceType: 'AllergyIntolerance', faultStatus: '429', faultTimes: '2' });
    await waitForChartLoaded(twice.page);
    expect(await twice.page.getByTestId('chart-load-status').textContent()).toBe('Chart loaded');
    expect(await sourceStatus(twice.page, 'allergies')).toBe('loaded');
    expect(fhirRequests(twice.requests, 'AllergyIntolerance')).toHaveLength(3);
    await twice.context.close();

    const always = await launch({ faultResourceType: 'AllergyIntolerance', faultStatus: '429' });
    const started = Date.now();
    await waitForChartLoaded(always.page);
    // Three waits of the server's Retry-After (1 s each), then the source gives up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    expect(fhirRequests(always.requests, 'AllergyIntolerance')).toHaveLength(4);
    expect(await sourceText(always.page, 'allergies')).toMatch(/failed — 429: the server is busy \(rate limited\)/);
    expect(await always.page.getByRole('button', { name: 'Retry Allergies and intolerances' }).count()).toBe(1);
    await expectRowsFailed(always.page, ['allergies']);
    await always.context.close();
  });

  it('a 5-second stall on Conditions: the rest shows, the Condition sources say loading, then they arrive', async () => {
    const { page, context } = await launch({ faultResourceType: 'Condition', faultDelayMs: '5000' });
    // Everything but the two Condition searches is in while they are held.
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-load-status"]')?.textContent?.startsWith('Loading chart: 10 of 12'), null, { timeout: 30_000 });
    expect(await sourceStatus(page, 'vitals')).toBe('loaded');
    expect(await sourceStatus(page, 'conditions')).toBe('loading');
    expect(await page.getByTestId('fact-systolicBP').getAttribute('data-origin')).toBe('chart');
    for (const row of await rows(page, ['conditions'])) {
      // Read from conditions alone, or also from other records: never "no" or "missing" while conditions load.
      expect(row.text, row.key).not.toMatch(/missing|\bNo\b/);
      if (FACT_RECORDS[row.key].length === 1) expect(row.origin, row.key).toBe('loading');
    }
    await waitForChartLoaded(page);
    expect(await page.getByTestId('chart-load-status').textContent()).toBe('Chart loaded');
    await page.locator('[data-testid="risk-view"] .risk-value').first().waitFor({ timeout: 30_000 });
    await context.close();
  });

  it('a dropped connection on prescriptions: retried, then "no answer" in words; no "not on a statin", no risk number', async () => {
    const { page, context, requests } = await launch({ faultResourceType: 'MedicationRequest', faultDrop: '1' });
    await waitForChartLoaded(page);
    // The first try and three retries (Chromium may repeat a GET on a reset connection by itself: at least four).
    expect(fhirRequests(requests, 'MedicationRequest').length).toBeGreaterThanOrEqual(4);
    expect(await sourceText(page, 'medicationRequests')).toMatch(/failed — no answer from the EHR: the connection was lost/);
    await expectRowsFailed(page, ['medications']);
    await expectNoRiskNumber(page, /medications failed to load/);
    await context.close();
  });

  it('token expiry mid-session: a retry after the token expired refreshes it and carries on', async () => {
    // 11 s tokens: fhirclient renews a token within 10 s of its expiry, so every request after the first second does.
    const { page, context, requests } = await launch({ tokenLifetimeSeconds: '11', faultResourceType: 'FamilyMemberHistory', faultStatus: '500', faultTimes: '1' });
    await waitForChartLoaded(page);
    await page.waitForTimeout(1_500);
    await page.getByRole('button', { name: 'Retry Family history' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-load-status"]')?.textContent === 'Chart loaded', null, { timeout: 30_000 });
    expect(requests.some((r) => r.method() === 'POST' && /grant_type=refresh_token/.test(r.postData() ?? ''))).toBe(true);
    await context.close();
  });

  it('token expiry without a refresh token: the retry says the session may have expired, and nothing is concluded', async () => {
    const { page, context } = await launch({ tokenLifetimeSeconds: '2', withholdScopes: 'online_access', faultResourceType: 'FamilyMemberHistory', faultStatus: '500', faultTimes: '1' });
    await waitForChartLoaded(page);
    await page.waitForTimeout(2_500);
    await page.getByRole('button', { name: 'Retry Family history' }).click();
    await page.waitForFunction(() => /401/.test(document.querySelector('[data-testid="source-familyHistory"]')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await sourceText(page, 'familyHistory')).toMatch(/failed — 401: not authorised: the session may have expired, relaunch Tailor from the EHR/);
    await expectRowsFailed(page, ['familyHistory']);
    await context.close();
  });
});
