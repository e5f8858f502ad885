import type { Bundle } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { FHIR_BASE, SANDBOX_ORIGIN } from './ports.ts';
import { chartReader, draftIdOf, readerToken, recordWrites, signAs, tick, tickedBoxes, transactionsOf, type ChartReader, type RecordedWrite } from './signing.ts';

/**
 * The EHR misbehaving while the plan is signed (issue 10), with the sandbox's fault switches on the transaction
 * ("Bundle": the base URL): a 429 with Retry-After and a dropped connection, passing and lasting; and an answer lost
 * after the server wrote. Each gives a clear message, keeps the plan, and never writes twice (CarePlans counted by the
 * draft's identifier). Token expiry, a 500 and a 5-second stall are in sign.e2e.ts.
 *
 * The bounds checked are the write layer's DEFAULT_RETRY_POLICY (src/fhir/writeBack/exchange.ts): 4 tries per request,
 * back-off 500 ms doubling; the sandbox asks for `Retry-After: 1` with its 429s (sandbox/fhir/server.ts).
 */
let browser: Browser;
let reader: ChartReader;
beforeAll(async () => {
  browser = await launchChromium();
  reader = chartReader(await readerToken(browser));
});
afterAll(async () => {
  await browser?.close();
});

const TRIES = 4;

async function launch(page: Page, patientId: string, switches: string): Promise<void> {
  await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patientId}&display=window${switches}`);
  await waitForChartLoaded(page);
  await page.getByTestId('sign-panel').waitFor({ timeout: 30_000 });
}

/** Launches with the switches, ticks two suggestions and signs as active; returns the plan as it was when signed. */
async function signWith(patientId: string, switches: string) {
  const { page, context } = await openRecordedPage(browser);
  const writes = recordWrites(page);
  const progress: string[] = [];
  await page.exposeBinding('tailorProgress', (_source, text: string) => void progress.push(text));
  await page.addInitScript(() => {
    // Every progress line the panel shows, however briefly (a retry's wait is a second or less).
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="sign-progress"]')?.textContent;
      if (text) void (window as unknown as { tailorProgress: (t: string) => Promise<void> }).tailorProgress(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await launch(page, patientId, switches);
  await tick(page, 2);
  const plan = { draftId: await draftIdOf(page), ticked: await tickedBoxes(page) };
  await signAs(page, 'active');
  return { page, context, writes, progress, plan };
}

/** The failure shown, once the write layer has given up. */
async function failureText(page: Page): Promise<string> {
  const failed = page.getByTestId('sign-failed');
  await failed.waitFor({ timeout: 30_000 });
  return (await failed.textContent()) ?? '';
}

/** The draft the physician composed is still the one on screen, as ticked. */
async function expectPlanKept(page: Page, plan: { draftId: string; ticked: boolean[] }): Promise<void> {
  expect(await draftIdOf(page)).toBe(plan.draftId);
  expect(await tickedBoxes(page)).toEqual(plan.ticked);
}

/** Every try sent the same transaction: the same conditional creates, so a repeat finds what an earlier one made. */
function expectSameTransaction(transactions: readonly RecordedWrite[]): void {
  for (const t of transactions.slice(1)) expect(t.body).toEqual(transactions[0]?.body);
}

const gaps = (transactions: readonly RecordedWrite[]) => transactions.slice(1).map((t, i) => t.at - transactions[i]!.at);

describe('faults while signing', () => {
  it('429 with Retry-After twice, then answered: waits as asked, tries again by itself, one CarePlan', async () => {
    const { page, context, writes, progress, plan } = await signWith('smoker-diabetic', '&faultResourceType=Bundle&faultStatus=429&faultTimes=2');
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const transactions = transactionsOf(writes);
    expect(transactions.map((t) => t.status)).toEqual([429, 429, 200]);
    expectSameTransaction(transactions);
    // Retry-After: 1 is waited for (the back-off alone would be 500 ms, then 1 s).
    for (const gap of gaps(transactions)) expect(gap).toBeGreaterThanOrEqual(950);
    expect(progress).toContain('Tailor sandbox FHIR server (@medplum/fhir-router 4.5.2, in-memory) is busy; trying again in 1 s (try 2). The plan is kept and will not be saved twice.');
    expect(await reader.carePlansOf(plan.draftId)).toHaveLength(1);
    await expectPlanKept(page, plan);
    await context.close();
  });

  it(`429 on every try: stops after ${TRIES} tries, says the EHR is busy, keeps the plan; Retry later signs it once`, async () => {
    const { page, context, writes, plan } = await signWith('ldl-190', `&faultResourceType=Bundle&faultStatus=429&faultTimes=${TRIES}`);
    const text = await failureText(page);
    expect(text).toContain('Not saved. The EHR is busy and asked Tailor to wait, so the plan was not saved yet.');
    expect(text).toContain('Your plan is kept: try again in a minute.');
    expect(transactionsOf(writes).map((t) => t.status)).toEqual(Array(TRIES).fill(429));
    expect(await reader.carePlansOf(plan.draftId)).toEqual([]);
    await expectPlanKept(page, plan);

    await page.getByTestId('sign-retry').click();
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const transactions = transactionsOf(writes);
    expect(transactions.map((t) => t.status)).toEqual([...Array(TRIES).fill(429), 200]);
    expectSameTransaction(transactions);
    expect(await reader.carePlansOf(plan.draftId)).toHaveLength(1);
    await context.close();
  });

  it('connections dropped until the fault is spent: sent again (by Chromium itself or by the app), one CarePlan', async () => {
    // Chromium resends a request by itself when a reused keep-alive connection closes before any answer, so how many
    // drops the app sees varies; what must not vary is the outcome.
    const { page, context, writes, plan } = await signWith('ckd-3b', '&faultResourceType=Bundle&faultDrop=1&faultTimes=2');
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const transactions = transactionsOf(writes);
    expect(transactions.at(-1)?.status).toBe(200);
    expect(transactions.slice(0, -1).map((t) => t.status)).toEqual(Array(transactions.length - 1).fill(undefined));
    expectSameTransaction(transactions);
    expect(await reader.carePlansOf(plan.draftId)).toHaveLength(1);
    await expectPlanKept(page, plan);
    await context.close();
  });

  it(`the connection dropped on every try: ${TRIES} tries with back-off, "could not be reached", plan kept; relaunched, Retry signs it once`, async () => {
    const { page, context, writes, progress, plan } = await signWith('slco1b1', '&faultResourceType=Bundle&faultDrop=1');
    const text = await failureText(page);
    expect(text).toContain('The EHR could not be reached or did not answer in time, so Tailor cannot tell whether the plan was saved.');
    expect(text).toContain('Your plan is kept: trying again is safe and will not save it twice.');
    const dropped = transactionsOf(writes);
    expect(dropped.map((t) => t.status)).toEqual(Array(TRIES).fill(undefined));
    // Back-off between tries that got no answer: 500 ms, 1 s, 2 s.
    gaps(dropped).forEach((gap, i) => expect(gap, `gap ${i + 1}`).toBeGreaterThanOrEqual(500 * 2 ** i - 50));
    expect(progress.some((p) => /did not answer; trying again in 1 s \(try 2\)\. The plan is kept and will not be saved twice\.$/.test(p))).toBe(true);
    expect(await reader.carePlansOf(plan.draftId)).toEqual([]);
    await expectPlanKept(page, plan);

    // The switches last for the launch: the network is back in the next one, in the same tab, with the plan there.
    await launch(page, 'slco1b1', '');
    await expectPlanKept(page, plan);
    await failureText(page);
    await page.getByTestId('sign-retry').click();
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    expectSameTransaction(transactionsOf(writes));
    expect(await reader.carePlansOf(plan.draftId)).toHaveLength(1);
    await context.close();
  });

  it('the answer lost after the server wrote the plan: the repeat creates nothing, every resource is in the chart once', async () => {
    const { page, context } = await openRecordedPage(browser);
    const writes = recordWrites(page);
    // The first transaction reaches the server and is written; the browser then sees the connection reset.
    let lost = 0;
    await page.route(
      (url) => url.href === FHIR_BASE || url.href === `${FHIR_BASE}/`,
      async (route) => {
        if (route.request().method() !== 'POST' || lost > 0) return route.continue();
        lost++;
        await route.fetch();
        await route.abort('connectionreset');
      },
    );
    await launch(page, 'statin-intolerance', '');
    await tick(page, 2);
    const draftId = await draftIdOf(page);
    await signAs(page, 'active');
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const transactions = transactionsOf(writes);
    expect(transactions.map((t) => t.status)).toEqual([undefined, 200]);
    expectSameTransaction(transactions);
    const [plan, ...more] = await reader.carePlansOf(draftId);
    expect(more).toEqual([]);
    for (const entry of (transactions[0]?.body as Bundle).entry ?? []) await reader.findWritten(entry);
    expect(await page.getByTestId('sign-saved-id').textContent()).toBe(`CarePlan/${plan?.id}`);
    await context.close();
  });
});
