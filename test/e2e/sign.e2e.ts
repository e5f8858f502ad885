import type { Bundle, DocumentReference, Resource } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { SANDBOX_ORIGIN } from './ports.ts';
import { chartReader, draftIdOf, PLAN_SYSTEM as SYSTEM, readerToken, recordWrites, signAs, tick, transactionsOf, type ChartReader } from './signing.ts';

/**
 * Signing the plan into the sandbox EHR in Chromium (issue 9): the app's own requests are recorded, and what the FHIR
 * server then holds is read back with a token of the test's own (user/*.rs, not confined to a patient) and compared
 * with what was sent. Every count is by the draft's identifier, so plans signed by other runs do not matter.
 */
let browser: Browser;
/** The test's reader of the chart (helpers in signing.ts). */
let reader: ChartReader;
beforeAll(async () => {
  browser = await launchChromium();
  reader = chartReader(await readerToken(browser));
});
afterAll(async () => {
  await browser?.close();
});

async function launch(page: Page, patientId: string, switches = ''): Promise<void> {
  await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${patientId}&display=window${switches}`);
  await ready(page);
}

async function ready(page: Page): Promise<void> {
  await waitForChartLoaded(page);
  await page.getByTestId('sign-panel').waitFor({ timeout: 30_000 });
}

const search = (query: string) => reader.search(query);
const carePlansOf = (draftId: string) => reader.carePlansOf(draftId);

/** A resource as the server holds it, without what the server adds (id, version, last updated). */
function asSent(resource: Resource): Resource {
  const { id: _id, meta, ...rest } = resource;
  const tag = meta?.tag;
  return { ...rest, ...(tag ? { meta: { tag } } : {}) } as Resource;
}

/** Compares the server's resources with the posted transaction, each urn:uuid replaced by the resource created for it. */
async function expectWrittenAsSent(sent: Bundle): Promise<Map<string, Resource>> {
  const byUrn = new Map<string, Resource>();
  for (const entry of sent.entry ?? []) byUrn.set(entry.fullUrl ?? '', await reader.findWritten(entry));
  let text = JSON.stringify(sent.entry?.map((e) => e.resource));
  for (const [urn, resource] of byUrn) text = text.split(urn).join(`${resource.resourceType}/${resource.id}`);
  expect([...byUrn.values()].map(asSent)).toEqual(JSON.parse(text));
  return byUrn;
}

describe('signing the plan into the sandbox EHR', () => {
  it('three patients: one transaction each, the chart holds exactly what was sent, "Saved to chart" shows it as read back', async () => {
    for (const patientId of ['smoker-diabetic', 'ldl-190', 'ckd-3b']) {
      const { page, context } = await openRecordedPage(browser);
      const writes = recordWrites(page);
      await launch(page, patientId);
      await tick(page, 2);
      const label = (await page.getByTestId('sign-button').textContent()) ?? '';
      expect(label, patientId).toMatch(/^Write 1 care plan, \d+ risk assessments?, .* and a provenance record to Tailor sandbox FHIR server/);
      await signAs(page, 'active');
      const saved = page.getByTestId('sign-saved');
      await saved.waitFor({ timeout: 30_000 });

      const draftId = await draftIdOf(page);
      const [plan, ...more] = await carePlansOf(draftId);
      expect(more, patientId).toEqual([]);
      expect(await saved.textContent(), patientId).toContain(`Saved to chart: care plan CarePlan/${plan?.id}, version ${plan?.meta?.versionId}, ${plan?.meta?.lastUpdated?.slice(0, 16).replace('T', ' ')} UTC (active plan).`);
      const [sent, ...again] = transactionsOf(writes);
      expect(again, patientId).toEqual([]);
      const written = await expectWrittenAsSent(sent?.body as Bundle);
      // What the button said is what the chart got.
      const count = (type: string) => [...written.values()].filter((r) => r.resourceType === type).length;
      expect(label, patientId).toContain(`${count('RiskAssessment')} risk assessment`);
      expect([count('CarePlan'), count('Provenance')], patientId).toEqual([1, 1]);
      expect(plan, patientId).toMatchObject({ status: 'active', subject: { reference: `Patient/${patientId}` }, encounter: { reference: `Encounter/${patientId}-visit-today` }, author: { reference: 'Practitioner/dr-okafor' } });
      expect(plan?.activity, patientId).toHaveLength(2);
      await page.getByTestId(`sign-history-${plan?.id}`).waitFor();
      await context.close();
    }
  });

  it('carePlanWriteUnsupported: the panel says why and writes the clinical note instead, exactly as sent', async () => {
    const { page, context } = await openRecordedPage(browser);
    const writes = recordWrites(page);
    await launch(page, 'slco1b1', '&carePlanWriteUnsupported=1');
    await tick(page, 1);
    expect(await page.getByTestId('sign-button').textContent()).toBe('Write a clinical note to Tailor sandbox FHIR server (@medplum/fhir-router 4.5.2, in-memory)');
    expect(await page.getByTestId('sign-path-why').textContent()).toContain('does not support create of CarePlan');
    await signAs(page, 'draft');
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const posts = writes.filter((w) => w.method === 'POST');
    expect(posts.map((w) => w.url)).toEqual(['/DocumentReference']);
    const sent = posts[0]?.body as DocumentReference;
    const [note, ...more] = await search(`DocumentReference?identifier=${encodeURIComponent(SYSTEM)}|${encodeURIComponent(sent.identifier?.[0]?.value ?? '')}`);
    expect(more).toEqual([]);
    expect(asSent(note as Resource)).toEqual(sent);
    expect(await page.getByTestId('sign-saved-id').textContent()).toBe(`DocumentReference/${note?.id}`);
    const text = Buffer.from((note as DocumentReference).content.find((c) => c.attachment.contentType?.startsWith('text/plain'))?.attachment.data ?? '', 'base64').toString('utf8');
    expect(text).toContain('Cardiovascular risk reduction plan');
    expect(await carePlansOf(await draftIdOf(page))).toEqual([]);
    await context.close();
  });

  it('token expiry while signing loses nothing: renewed when it can be; when not, "launch again", and after the relaunch the plan is there and signs once', async () => {
    // Short tokens with a refresh token: the expired token is renewed and the write goes through.
    const renewing = await openRecordedPage(browser);
    await launch(renewing.page, 'statin-intolerance', '&tokenLifetimeSeconds=4');
    await tick(renewing.page, 1);
    await renewing.page.waitForTimeout(5000);
    await signAs(renewing.page, 'active');
    await renewing.page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    expect(await carePlansOf(await draftIdOf(renewing.page))).toHaveLength(1);
    await renewing.context.close();

    // No refresh token: the write stops with a 401, the plan stays.
    const { page, context } = await openRecordedPage(browser);
    const launchedAt = Date.now();
    await launch(page, 'age-82', '&tokenLifetimeSeconds=8&withholdScopes=online_access');
    await tick(page, 1);
    const draftId = await draftIdOf(page);
    await page.waitForTimeout(Math.max(0, launchedAt + 9000 - Date.now()));
    await signAs(page, 'active');
    const failed = page.getByTestId('sign-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toContain('Your session with the EHR has ended');
    expect(await failed.textContent()).toContain('launch Tailor again');

    // The relaunch in the same tab, for the same patient: the draft and its failed attempt are there.
    await launch(page, 'age-82');
    expect(await draftIdOf(page)).toBe(draftId);
    expect(await page.locator('[data-testid="plan-suggestions"] > li input[type="checkbox"]').first().isChecked()).toBe(true);
    await page.getByTestId('sign-failed').waitFor();
    expect(await page.getByTestId('sign-status-active').isChecked()).toBe(true);
    await page.getByTestId('sign-button').click();
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    expect(await carePlansOf(draftId)).toHaveLength(1);
    await context.close();
  });

  it('a 500 on the transaction, then success: retried by itself, one CarePlan', async () => {
    const { page, context } = await openRecordedPage(browser);
    const writes = recordWrites(page);
    await launch(page, 'ascvd-statin', '&faultResourceType=Bundle&faultStatus=500&faultTimes=1');
    await tick(page, 1);
    await signAs(page, 'active');
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const transactions = transactionsOf(writes);
    expect(transactions.map((t) => t.status)).toEqual([500, 200]);
    expect(transactions[1]?.body).toEqual(transactions[0]?.body);
    expect(await carePlansOf(await draftIdOf(page))).toHaveLength(1);
    await context.close();
  });

  it('a 5-second stall on the transaction, and the page reloaded while it lasts: interrupted, signed again, one CarePlan', async () => {
    const { page, context } = await openRecordedPage(browser);
    await launch(page, 'acei-angioedema', '&faultResourceType=Bundle&faultDelayMs=5000');
    await tick(page, 2);
    const draftId = await draftIdOf(page);
    await signAs(page, 'draft');
    await page.getByText(/Writing the plan to .* \(one transaction\)/).waitFor();
    await page.reload();
    await ready(page);
    const interrupted = page.getByTestId('sign-failed');
    await interrupted.waitFor();
    expect(await interrupted.textContent()).toContain('Tailor was closed or reloaded while saving this plan');
    await page.getByTestId('sign-retry').click();
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    // Whether or not the stalled first transaction reached the server, the chart holds one plan.
    const plans = await carePlansOf(draftId);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.status).toBe('draft');
    expect(await page.getByTestId('sign-saved-id').textContent()).toBe(`CarePlan/${plans[0]?.id}`);
    await context.close();
  });
});
