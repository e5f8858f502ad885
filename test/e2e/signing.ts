import { createHash, randomBytes } from 'node:crypto';
import type { Bundle, BundleEntry, CarePlan, Resource } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { APP_URL, FHIR_BASE } from './ports.ts';

/**
 * Driving the sign panel in Chromium and checking what the sandbox then holds, shared by the signing e2e tests. What
 * the chart holds is read with a token of the test's own (user/*.rs, not confined to a patient), and every count is by
 * the draft's identifier, so plans signed by other runs do not matter.
 */
export const PLAN_SYSTEM = 'urn:tailor:plan';

/** Ticks the first `n` suggestions, as a physician composing a plan. */
export async function tick(page: Page, n: number): Promise<void> {
  const boxes = page.locator('[data-testid="plan-suggestions"] > li input[type="checkbox"]');
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
}

/** Whether each suggestion is ticked, in the order shown: the plan as the physician left it. */
export const tickedBoxes = (page: Page): Promise<boolean[]> =>
  page.locator('[data-testid="plan-suggestions"] > li input[type="checkbox"]').evaluateAll((els) => els.map((el) => el instanceof HTMLInputElement && el.checked));

export const draftIdOf = async (page: Page) => (await page.getByTestId('plan-draft-id').textContent()) ?? '';

export const signAs = async (page: Page, status: 'draft' | 'active') => {
  await page.getByTestId(`sign-status-${status}`).check();
  await page.getByTestId('sign-button').click();
};

export interface RecordedWrite {
  method: string;
  /** The URL after the FHIR base ('' or '/' for the base itself). */
  url: string;
  body: unknown;
  /** Epoch milliseconds the browser sent it. */
  at: number;
  /** The HTTP status, once answered; never set when the connection failed. */
  status?: number;
}

/** The app's writes (POSTs and PUTs to the FHIR server) with their bodies and answers. */
export function recordWrites(page: Page): RecordedWrite[] {
  const writes: RecordedWrite[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(FHIR_BASE) && (request.method() === 'POST' || request.method() === 'PUT')) {
      const write: RecordedWrite = { method: request.method(), url: request.url().slice(FHIR_BASE.length), body: request.postDataJSON() as unknown, at: Date.now() };
      writes.push(write);
      void request.response().then((r) => Object.assign(write, { status: r?.status() }), () => undefined);
    }
  });
  return writes;
}

/** POSTs to the base URL itself (the write layer sends them to `[base]/`). */
export const transactionsOf = (writes: readonly RecordedWrite[]) => writes.filter((w) => w.method === 'POST' && (w.url === '' || w.url === '/'));

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * A read token not confined to a patient: the sandbox's own standalone authorization (PKCE S256) as Dr. Okafor, for
 * `user/*.rs`, in a page whose redirect back to the app is caught instead of loading the app.
 */
export async function readerToken(b: Browser): Promise<string> {
  const config = (await (await fetch(`${FHIR_BASE}/.well-known/smart-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const context = await b.newContext();
  const page = await context.newPage();
  await page.route(`${APP_URL}**`, (route) => route.fulfill({ body: 'signed in' }));
  const query = { response_type: 'code', client_id: 'tailor', redirect_uri: APP_URL, scope: 'openid fhirUser user/*.rs', state: 'sign-e2e-reader', aud: FHIR_BASE, code_challenge: challenge, code_challenge_method: 'S256' };
  await page.goto(`${config.authorization_endpoint}?${new URLSearchParams(query).toString()}`);
  const back = page.waitForRequest((r) => r.url().startsWith(APP_URL), { timeout: 30_000 });
  await page.getByRole('button', { name: 'Sign in and allow' }).click();
  const code = new URL((await back).url()).searchParams.get('code');
  await context.close();
  if (!code) throw new Error('the sandbox sent no authorization code');
  const response = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: APP_URL, client_id: 'tailor', code_verifier: verifier }),
  });
  const token = ((await response.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no reader token (HTTP ${response.status})`);
  return token;
}

export interface ChartReader {
  /** The resources a search answers (first page). */
  search(query: string): Promise<Resource[]>;
  /** The CarePlans the chart holds for a draft (Tailor's identifier is the draft's id). */
  carePlansOf(draftId: string): Promise<CarePlan[]>;
  /** Where a posted transaction entry now is, found by its identifier (a Provenance by its tag); exactly one. */
  findWritten(entry: BundleEntry): Promise<Resource>;
}

/** Reads the sandbox FHIR server with the reader token. */
export function chartReader(token: string): ChartReader {
  async function read<T>(path: string): Promise<T> {
    const response = await fetch(`${FHIR_BASE}/${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
  const search = async (query: string) => ((await read<Bundle>(query)).entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  return {
    search,
    carePlansOf: (draftId) => search(`CarePlan?identifier=${encodeURIComponent(PLAN_SYSTEM)}|${draftId}`) as Promise<CarePlan[]>,
    async findWritten(entry) {
      const resource = entry.resource as Resource & { identifier?: { value?: string }[] };
      const type = resource.resourceType;
      const query =
        type === 'Provenance'
          ? `_tag=${encodeURIComponent(PLAN_SYSTEM)}|${encodeURIComponent(resource.meta?.tag?.[0]?.code ?? '')}`
          : `identifier=${encodeURIComponent(PLAN_SYSTEM)}|${encodeURIComponent(resource.identifier?.[0]?.value ?? '')}`;
      const found = await search(`${type}?${query}`);
      expect(found, `${type} ${query}`).toHaveLength(1);
      return found[0] as Resource;
    },
  };
}
