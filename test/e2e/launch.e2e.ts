import AxeBuilder from '@axe-core/playwright';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPatients, listPractitioners } from '../../sandbox/data/index.ts';
import { launchChromium, openRecordedPage, waitForChartLoaded } from './browser.ts';
import { APP_URL, FHIR_BASE, SANDBOX_ORIGIN } from './ports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const patients = listPatients();
const practitioners = listPractitioners();
const practitioner = practitioners[0]!;

function ehrLaunchUrl(params: Record<string, string>): string {
  return `${SANDBOX_ORIGIN}/launch?${new URLSearchParams({ practitioner: practitioner.id, ...params })}`;
}

/** The app's frame inside the sandbox EHR page, once it has finished starting. */
async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#app-frame');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('[data-status]:not([data-status="starting"])');
  return frame;
}

describe('EHR launch', () => {
  it('signs in through the sandbox with PKCE and shows the launched patient in the embedded app', async () => {
    const patient = patients[0]!;
    const { page, requests, errors, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: patient.id, display: 'embedded' }));
    const frame = await appFrame(page);

    const banner = frame.getByTestId('patient-banner');
    await banner.waitFor();
    const [given] = patient.name.split(' ');
    expect(await banner.textContent()).toContain(given);
    expect(await banner.textContent()).toMatch(/(Female|Male) · ?\d+ y|(Female|Male)\d+ y/);
    expect(await frame.getByTestId('signed-in-user').textContent()).toContain(practitioner.name);

    const authorize = new URL(requests.find((r) => r.url().startsWith(`${SANDBOX_ORIGIN}/auth/auth?`))!.url());
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('aud')).toBe(FHIR_BASE);
    expect(authorize.searchParams.get('launch')).toBeTruthy();
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('scope')).toContain('patient/Observation.rs');
    const tokenPost = requests.find((r) => r.url() === `${SANDBOX_ORIGIN}/auth/token` && r.method() === 'POST')!;
    expect(tokenPost.postData()).toMatch(/code_verifier=/);
    // The launch context arrives with the token: the open chart's patient and today's visit.
    expect(await (await tokenPost.response())!.json()).toMatchObject({ patient: patient.id, encounter: `${patient.id}-visit-today`, need_patient_banner: true });

    // Every request stayed on this machine's two origins: no third parties.
    const origins = new Set(requests.map((r) => new URL(r.url()).origin));
    expect([...origins].sort()).toEqual([new URL(APP_URL).origin, SANDBOX_ORIGIN].sort());
    expect(errors).toEqual([]);

    // Tokens live in the app's sessionStorage, never localStorage.
    // The session is kept under this launch's own state, named in the frame's URL (the code is gone from it).
    const storage = await frame.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
    expect(storage.local).toEqual([]);
    const pageUrl = new URL(frame.url());
    expect(pageUrl.searchParams.get('code')).toBeNull();
    expect(pageUrl.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    expect(storage.session).toContain(authorize.searchParams.get('state'));
    expect(storage.session).not.toContain('SMART_KEY');
    await context.close();
  });

  it('leaves the patient banner to the EHR when need_patient_banner is false', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: patients[1]!.id, display: 'window', banner: 'ehr' }));
    await page.waitForSelector('[data-status="ready"]');
    expect(await page.getByTestId('patient-banner').count()).toBe(0);
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(practitioner.name);
    await context.close();
  });

  it.each(['typical-woman', 'stale-missing'])('passes an axe accessibility check with the chart loaded (%s)', async (patientId) => {
    const { page, context } = await openRecordedPage(browser);
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto(ehrLaunchUrl({ patient: patientId, display: 'window' }));
    await waitForChartLoaded(page);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    // Fits a 900 px EHR frame: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    await context.close();
  });

  it('resumes the session on reload without a new sign-in', async () => {
    const { page, requests, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: patients[0]!.id, display: 'window' }));
    await page.waitForSelector('[data-status="ready"]');
    const tokenPosts = () => requests.filter((r) => r.url().endsWith('/auth/token')).length;
    const before = tokenPosts();
    await page.reload();
    await page.waitForSelector('[data-status="ready"]');
    expect(tokenPosts()).toBe(before);
    await context.close();
  });
  it('refreshes an expired access token with the refresh token and carries on', async () => {
    const { page, requests, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: patients[0]!.id, display: 'window', tokenLifetimeSeconds: '2' }));
    await page.waitForSelector('[data-status="ready"]');
    await page.waitForTimeout(2500);
    await page.reload();
    await page.waitForSelector('[data-status="ready"]');
    const refreshes = requests.filter((r) => r.url().endsWith('/auth/token') && /grant_type=refresh_token/.test(r.postData() ?? ''));
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    await context.close();
  });
});

describe('two launches sharing one sessionStorage (embedded browsers, client-js #199)', () => {
  it('keeps each frame on its own patient, also after a reload, when a later launch in the same tab opened another patient', async () => {
    const [first, second] = [patients[0]!, patients[1]!];
    const { page, errors, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: first.id, display: 'embedded' }));
    const firstFrame = await appFrame(page);
    expect(await firstFrame.getByTestId('patient-banner').textContent()).toContain(first.name.split(' ')[0]);

    // A second patient opened in the same EHR window: a second app frame of the same origin, so the same sessionStorage.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'second-frame';
      frame.src = src;
      document.body.append(frame);
    }, ehrLaunchUrl({ patient: second.id, display: 'window' }));
    const secondFrame = (await (await page.waitForSelector('#second-frame')).contentFrame())!;
    await secondFrame.waitForSelector('[data-status="ready"]');
    expect(await secondFrame.getByTestId('patient-banner').textContent()).toContain(second.name.split(' ')[0]);

    // The first frame reloads (the EHR re-shows it, or the user presses F5): it must still be the first patient.
    await firstFrame.evaluate(() => location.reload());
    await firstFrame.waitForSelector('[data-status="ready"]');
    expect(await firstFrame.getByTestId('patient-banner').textContent()).toContain(first.name.split(' ')[0]);
    expect(await firstFrame.getByTestId('patient-banner').textContent()).not.toContain(second.name.split(' ')[0]);

    // Opening the app page bare in this tab resumes nobody's session.
    await page.goto(APP_URL);
    await page.waitForSelector('[data-status="no-launch"]');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('standalone launch', () => {
  it('signs in at the sandbox, picks a patient and shows that patient', async () => {
    const patient = patients[2]!;
    const { page, context } = await openRecordedPage(browser);
    await page.goto(`${APP_URL}launch/?iss=${encodeURIComponent(FHIR_BASE)}`);
    await page.waitForSelector('select[name="patient"]');
    await page.selectOption('select[name="practitioner"]', practitioner.id);
    await page.selectOption('select[name="patient"]', patient.id);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-status="ready"]');
    expect(await page.getByTestId('patient-banner').textContent()).toContain(patient.name.split(' ')[0]);
    await context.close();
  });
});

describe('refusals and failures', () => {
  it('refuses an iss that is not on the allow-list and never contacts it', async () => {
    const { page, requests, context } = await openRecordedPage(browser);
    await page.goto(`${APP_URL}launch/?iss=${encodeURIComponent('https://evil.example.com/fhir')}&launch=abc`);
    await page.waitForSelector('body[data-launch="refused"]');
    expect(await page.textContent('h1')).toBe('Launch refused');
    expect(await page.textContent('#launch-status')).toContain('not on the list');
    expect(requests.some((r) => new URL(r.url()).hostname === 'evil.example.com')).toBe(false);
    await context.close();
  });

  it('refuses a redirect whose state was tampered with, before any token request', async () => {
    const { page, requests, context } = await openRecordedPage(browser);
    // Let the launch page store its state, but stop the browser at the authorization server's door.
    let authorize: URL | undefined;
    await page.route(`${SANDBOX_ORIGIN}/auth/auth?**`, async (route) => {
      authorize = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p id="stopped">stopped</p>' });
    });
    await page.goto(`${APP_URL}launch/?iss=${encodeURIComponent(FHIR_BASE)}`);
    await page.waitForSelector('#stopped');
    expect(authorize?.searchParams.get('state')).toBeTruthy();
    await page.goto(`${APP_URL}?code=stolen-or-forged-code&state=forged-state-value`);
    await page.waitForSelector('[data-status="failed"]');
    expect(await page.textContent('main')).toContain('"state" did not match');
    expect(requests.some((r) => r.url().endsWith('/auth/token'))).toBe(false);
    await context.close();
  });

  it('explains a scope the EHR did not grant', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: patients[0]!.id, display: 'window', withholdScopes: 'patient/Patient.rs' }));
    await page.waitForSelector('[data-status="missing-permission"]');
    expect(await page.textContent('main')).toContain('patient/Patient.rs');
    await context.close();
  });

  it('shows the OAuth error the EHR returned', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(`${APP_URL}launch/?iss=${encodeURIComponent(FHIR_BASE)}&launch=no-such-launch`);
    await page.waitForSelector('[data-status="launch-error"]');
    expect(await page.textContent('main')).toContain('Unknown or expired launch');
    await context.close();
  });

  it('does not show an error description that answers no launch from this tab', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(`${APP_URL}?error=access_denied&error_description=${encodeURIComponent('Call 555-0100 and give your password')}&state=made-up`);
    await page.waitForSelector('[data-status="launch-error"]');
    expect(await page.textContent('main')).toContain('Access was denied');
    expect(await page.textContent('main')).not.toContain('555-0100');
    await context.close();
  });

  it('refuses a FHIR DSTU2 server with a clear message instead of reading it as R4', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.route(`${FHIR_BASE}/metadata**`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json+fhir', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify({ resourceType: 'Conformance', fhirVersion: '1.0.2', status: 'active' }) }),
    );
    await page.goto(ehrLaunchUrl({ patient: patients[0]!.id, display: 'window' }));
    await page.waitForSelector('.status-page[data-status="failed"]');
    expect(await page.textContent('main')).toContain('DSTU2');
    expect(await page.getByTestId('patient-banner').count()).toBe(0);
    await context.close();
  });

  it('says the session ended when the token expired and cannot be refreshed', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(ehrLaunchUrl({ patient: patients[0]!.id, display: 'window', tokenLifetimeSeconds: '2', withholdScopes: 'online_access' }));
    await page.waitForSelector('[data-status="ready"]');
    await page.waitForTimeout(2500);
    await page.reload();
    await page.waitForSelector('[data-status="expired"]');
    expect(await page.textContent('main')).toContain('Launch Tailor again');
    await context.close();
  });

  it('tells a user who opened the app directly how to start it', async () => {
    const { page, context } = await openRecordedPage(browser);
    await page.goto(APP_URL);
    await page.waitForSelector('[data-status="no-launch"]');
    expect(await page.textContent('h1')).toBe('Open Tailor from your EHR');
    await context.close();
  });
});
