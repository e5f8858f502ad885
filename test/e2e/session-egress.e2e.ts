import type { Observation, Patient } from 'fhir/r4';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { issuersFor } from '../../src/config.ts';
import { contentSecurityPolicy } from '../../src/csp.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { APP_URL, FHIR_BASE, SANDBOX_ORIGIN } from './ports.ts';
import { signAs, tick } from './signing.ts';

/**
 * No data leaves the client, across a whole session (issue 10): one physician's session in Chromium against the
 * production build under its CSP (the meta tag vite.config.ts puts in every page) — EHR launch, chart load, risks, a
 * what-if move, plan, handout, sign, read-back, history — with every request, console message and CSP violation
 * recorded, then the browser's storage read. The launch and its tokens in detail are launch.e2e.ts's; here the point
 * is that nothing in the whole session goes anywhere but the app and the EHR, or stays where it should not.
 *
 * Tokens live in the tab's sessionStorage (fhirclient's storage, README "Security"), which ends with the tab; they
 * must not be in a URL, localStorage, IndexedDB or a cookie.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const PATIENT = 'smoker-diabetic';

/** The patient as the sandbox serves it, and every value its Observations record (labs and vitals): what the app shows. */
function chartOf(patientId: string): { patient: Patient; values: number[] } {
  const resources = buildSandboxResources();
  const patient = resources.find((r): r is Patient => r.resourceType === 'Patient' && r.id === patientId);
  if (!patient) throw new Error(`no sandbox patient ${patientId}`);
  const observations = resources.filter((r): r is Observation => r.resourceType === 'Observation').filter((o) => o.subject?.reference === `Patient/${patientId}`);
  const values = observations.flatMap((o) => [o.valueQuantity?.value, ...(o.component ?? []).map((c) => c.valueQuantity?.value)]).filter((v) => v !== undefined);
  return { patient, values: [...new Set(values)] };
}

/** A number as a whole token in text ("8.2" in "HbA1c 8.2 %", not in "18.25"). */
const containsNumber = (text: string, value: number) => new RegExp(`(?<![\\d.])${String(value).replace('.', '\\.')}(?![\\d])`).test(text);

interface Violation {
  directive: string;
  blocked: string;
  page: string;
}
type WithCspReporter = Window & { tailorCspViolation?: (v: Violation) => Promise<void> };

/**
 * Records the session: every console message of the pages and their workers, and every CSP violation reported in
 * any document (an init script, so it listens before the page's own scripts run). window.print is stubbed: headless
 * Chromium cannot show the print dialog the handout opens.
 */
async function recordSession(page: Page) {
  const consoleMessages: string[] = [];
  const violations: Violation[] = [];
  page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('worker', (worker) => worker.on('console', (m) => consoleMessages.push(`worker ${m.type()}: ${m.text()}`)));
  await page.exposeBinding('tailorCspViolation', (_source, v: Violation) => void violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as WithCspReporter).tailorCspViolation?.({ directive: e.effectiveDirective, blocked: e.blockedURI, page: e.documentURI });
    });
    window.print = () => undefined;
  });
  return { consoleMessages, violations };
}

/** The authorization server's endpoints, as the app reads them from the FHIR server. */
async function smartEndpoints(): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  return (await (await fetch(`${FHIR_BASE}/.well-known/smart-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** The estimate the what-if row shows after "→". */
async function whatIfEstimate(page: Page): Promise<number> {
  return Number(/→\s*(\d+(?:\.\d+)?)\s*%/.exec((await page.getByTestId('what-if-PCE 10-year ASCVD').textContent()) ?? '')?.[1]);
}

describe('a whole session: no data leaves the client', () => {
  it('launch, load, risks, what-if, plan, handout, sign, read-back, history: the app and the EHR only, no patient data in the console, tokens in no URL or lasting storage, zero CSP violations', async () => {
    const { patient, values } = chartOf(PATIENT);
    const endpoints = await smartEndpoints();
    const allowedOrigins = new Set([new URL(APP_URL).origin, SANDBOX_ORIGIN, new URL(FHIR_BASE).origin, new URL(endpoints.authorization_endpoint).origin, new URL(endpoints.token_endpoint).origin]);
    const { context, page, requests, errors } = await openRecordedPage(browser);
    const { consoleMessages, violations } = await recordSession(page);

    // EHR launch and chart load; the risks on screen.
    await page.goto(`${SANDBOX_ORIGIN}/launch?practitioner=dr-okafor&patient=${PATIENT}&display=window`);
    await page.getByTestId('patient-banner').waitFor({ timeout: 30_000 });
    const urlAfterSignIn = page.url();
    await waitForChartLoaded(page);
    await page.waitForFunction(() => performance.getEntriesByName('tailor:risk-view-ready', 'mark').length > 0, null, { timeout: 30_000 });
    const shownRisk = (await page.getByTestId('risk-pce-ascvd10').first().textContent()) ?? '';

    // What if: the SBP slider moved by keyboard until the estimate leaves the chart's risk.
    await page.getByRole('tab', { name: 'What if' }).click();
    const slider = page.getByRole('slider', { name: /Systolic BP/ });
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press('ArrowLeft');
    await expect.poll(async () => shownRisk.includes(String(await whatIfEstimate(page))) || Number.isNaN(await whatIfEstimate(page)), { timeout: 10_000 }).toBe(false);

    // Plan, then the handout (print view) and back.
    await page.getByTestId('plan-suggestions').waitFor();
    await tick(page, 3);
    await page.getByTestId('plan-handout-button').click();
    await page.getByTestId('handout').waitFor();
    await page.getByTestId('handout-close').click();

    // Sign; the CarePlan read back; the patient's history lists it.
    await signAs(page, 'active');
    await page.getByTestId('sign-saved').waitFor({ timeout: 30_000 });
    const carePlanId = ((await page.getByTestId('sign-saved-id').textContent()) ?? '').replace('CarePlan/', '');
    await page.getByTestId(`sign-history-${carePlanId}`).waitFor({ timeout: 30_000 });
    const transaction = requests.findIndex((r) => r.method() === 'POST' && (r.url() === FHIR_BASE || r.url() === `${FHIR_BASE}/`));
    expect(transaction).toBeGreaterThan(0);
    expect(requests.slice(transaction).some((r) => r.method() === 'GET' && r.url() === `${FHIR_BASE}/CarePlan/${carePlanId}`)).toBe(true);

    // 1. Every request went to the app or the EHR (its launcher, authorization server and FHIR server); the
    //    recorder sees the worker's requests too (the model files).
    const offOrigin = requests.map((r) => r.url()).filter((url) => !url.startsWith('data:') && !allowedOrigins.has(new URL(url).origin));
    expect(offOrigin).toEqual([]);
    expect(requests.some((r) => /\/assets\/.*\.bin$|model.*\.json$/.test(r.url()))).toBe(true);

    // 2. No patient data in the console: not the name, MRN, birth date, or any value the chart records.
    const identifying = [...(patient.name ?? []).flatMap((n) => [n.text, n.family, ...(n.given ?? [])]), ...(patient.identifier ?? []).map((i) => i.value), patient.birthDate].filter((s): s is string => Boolean(s));
    expect(identifying).toEqual(expect.arrayContaining(['Robert', 'Kowalski', 'SBX-1002', patient.birthDate]));
    const leaks = consoleMessages.filter((m) => identifying.some((s) => m.includes(s)) || values.some((v) => containsNumber(m, v)));
    expect(leaks, consoleMessages.join('\n')).toEqual([]);
    expect(values).toEqual(expect.arrayContaining([236, 36, 8.2, 1.02, 42]));

    // 3. Tokens in no URL once the authorization server has redirected back with the code; the page's URL holds no
    //    code after sign-in. (Same-origin page loads after the redirect may send it as Referer to the app itself:
    //    checked only for requests to other origins.)
    const tokenPost = requests.find((r) => r.url() === endpoints.token_endpoint && r.method() === 'POST');
    const tokenAnswer = (await (await tokenPost?.response())?.json()) as { access_token?: string; refresh_token?: string; id_token?: string };
    const secrets = [tokenAnswer.access_token, tokenAnswer.refresh_token, tokenAnswer.id_token].filter((s): s is string => Boolean(s));
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const redirect = requests.findIndex((r) => r.url().startsWith(APP_URL) && new URL(r.url()).searchParams.has('code'));
    expect(redirect).toBeGreaterThan(0);
    const code = new URL(requests[redirect]!.url()).searchParams.get('code') ?? '';
    const afterRedirect = requests.slice(redirect + 1);
    // (`code` is also a FHIR search parameter: the authorization code is looked for by its value.)
    const carriesSecret = (text: string) => [code, ...secrets].some((s) => text.includes(s)) || /[?&#](access_token|refresh_token|id_token)=/.test(text);
    expect(afterRedirect.map((r) => r.url()).filter(carriesSecret)).toEqual([]);
    expect(requests.map((r) => r.url()).filter((url) => secrets.some((s) => url.includes(s)))).toEqual([]);
    const crossOriginReferers = afterRedirect.filter((r: Request) => new URL(r.url()).origin !== new URL(APP_URL).origin).map((r) => r.headers().referer ?? '');
    expect(crossOriginReferers.filter(carriesSecret)).toEqual([]);
    for (const url of [urlAfterSignIn, page.url()]) {
      expect(new URL(url).origin).toBe(new URL(APP_URL).origin);
      expect(new URL(url).searchParams.get('code')).toBeNull();
    }

    // 4. Tokens in no lasting storage: localStorage, IndexedDB and cookies of every origin of the session.
    const appStorage = await page.evaluate(async () => ({ localStorage: Object.keys(localStorage), indexedDB: (await indexedDB.databases()).map((d) => d.name) }));
    expect(appStorage.localStorage).toEqual([]);
    const lasting = JSON.stringify({ state: await context.storageState({ indexedDB: true }), cookies: await context.cookies() });
    expect(secrets.filter((s) => lasting.includes(s))).toEqual([]);
    expect(lasting).not.toContain(code);

    // 5. The production build's CSP was in force, with no violation and no console error all session long.
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
    expect(policy).toBe(contentSecurityPolicy(issuersFor({ VITE_SANDBOX_ISSUERS: FHIR_BASE })));
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    // The recorder would have seen one: an inline script, which the policy refuses.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'void 0';
      document.head.append(script);
    });
    await expect.poll(() => violations.map((v) => v.directive)).toEqual(['script-src-elem']);
    await context.close();
  });
});
