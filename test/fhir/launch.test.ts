// @vitest-environment jsdom
import FHIR from 'fhirclient';
import { getSecurityExtensions } from 'fhirclient/lib/smart';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PUBLIC_SANDBOX_ISSUERS, TRUSTED_ISSUERS } from '../../src/config.ts';
import { launch } from '../../src/fhir/launch.ts';

// These tests launch against the public sandboxes, as a build made with VITE_TRUST_PUBLIC_SANDBOXES=true would.
const allowList = PUBLIC_SANDBOX_ISSUERS;

const EPIC = 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4';
const ORACLE = 'https://fhir-ehr-code.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d';
const PAGE = 'https://tailor.example.org/app/launch/?iss=x';

let smartConfiguration: Record<string, unknown> | undefined;
const requested: string[] = [];
const server = setupServer(
  http.get('*/.well-known/smart-configuration', ({ request }) => {
    requested.push(request.url);
    return smartConfiguration ? HttpResponse.json(smartConfiguration) : new HttpResponse(null, { status: 404 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requested.length = 0;
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
afterAll(() => server.close());

function spyAuthorize() {
  return vi.spyOn(FHIR.oauth2, 'authorize').mockResolvedValue(undefined);
}

describe('launch', () => {
  it('asks a v2 server for v2 scopes, with PKCE required and the app root as redirect', async () => {
    smartConfiguration = { capabilities: ['launch-ehr', 'permission-v2'], code_challenge_methods_supported: ['S256'] };
    const authorize = spyAuthorize();
    const outcome = await launch(`?iss=${encodeURIComponent(EPIC)}&launch=L1`, PAGE, allowList);
    expect(outcome).toEqual({ kind: 'redirecting', serverLabel: 'Epic on FHIR sandbox (R4)' });
    const options = authorize.mock.calls[0]![0];
    expect(options).toMatchObject({ iss: EPIC, launch: 'L1', clientId: 'tailor', redirectUri: 'https://tailor.example.org/app/', pkceMode: 'required' });
    expect(options.scope).toContain('patient/Observation.rs');
    expect(options.scope!.split(' ')).toContain('launch');
  });

  it('falls back to v1 scopes when the server does not list permission-v2', async () => {
    smartConfiguration = { capabilities: ['launch-ehr', 'permission-v1'], code_challenge_methods_supported: ['S256'] };
    const authorize = spyAuthorize();
    await launch(`?iss=${encodeURIComponent(EPIC)}&launch=L1`, PAGE, allowList);
    expect(authorize.mock.calls[0]![0].scope).toContain('patient/Observation.read');
  });

  it('refuses an untrusted iss without contacting it', async () => {
    const authorize = spyAuthorize();
    const outcome = await launch(`?iss=${encodeURIComponent('https://attacker.example.com/fhir')}&launch=L1`, PAGE, allowList);
    expect(outcome.kind).toBe('refused');
    expect(requested).toEqual([]);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('trusts no public sandbox in a plain build', async () => {
    expect(TRUSTED_ISSUERS).toEqual([]);
    const outcome = await launch(`?iss=${encodeURIComponent(EPIC)}&launch=L1`, PAGE);
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringContaining('not on the list') });
    expect(requested).toEqual([]);
  });

  it('refuses a standalone launch with no iss outside sandbox builds', async () => {
    const outcome = await launch('', PAGE, allowList);
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringContaining('no "iss"') });
  });

  it('stops when a server that must support PKCE does not advertise S256', async () => {
    smartConfiguration = { capabilities: ['launch-ehr', 'permission-v2'], code_challenge_methods_supported: ['plain'] };
    const authorize = spyAuthorize();
    const outcome = await launch(`?iss=${encodeURIComponent(EPIC)}&launch=L1`, PAGE, allowList);
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringContaining('PKCE') });
    expect(authorize).not.toHaveBeenCalled();
  });

  it('uses PKCE only if supported where the server is known not to implement it, and the registered client id', async () => {
    smartConfiguration = { capabilities: ['launch-ehr'] };
    const authorize = spyAuthorize();
    await launch(`?iss=${encodeURIComponent(ORACLE)}&launch=L1`, PAGE, allowList);
    expect(authorize.mock.calls[0]![0]).toMatchObject({ pkceMode: 'ifSupported' });
    expect(authorize.mock.calls[0]![0].scope).toContain('patient/Patient.read');
  });

  it('has fhirclient keep each launch under its own state key, never behind one tab-wide pointer (client-js #199)', async () => {
    smartConfiguration = { capabilities: ['permission-v2'], code_challenge_methods_supported: ['S256'] };
    FHIR.oauth2.settings.fullSessionStorageSupport = true;
    spyAuthorize();
    await launch(`?iss=${encodeURIComponent(EPIC)}&launch=L1`, PAGE, allowList);
    expect(FHIR.oauth2.settings.fullSessionStorageSupport).toBe(false);
  });

  it('leaves fhirclient only the checked iss and launch in the page URL, which it would prefer over its options', async () => {
    smartConfiguration = { capabilities: ['permission-v2'], code_challenge_methods_supported: ['S256'] };
    const authorize = spyAuthorize();
    const crafted = new URLSearchParams({ iss: `${EPIC}/`, launch: 'L1', clientId: 'someone-else', patientId: 'p-other', fhirServiceUrl: 'https://attacker.example.com/fhir' });
    history.replaceState(null, '', `/app/launch/?${crafted}`);
    await launch(location.search, PAGE, allowList);
    expect([...new URLSearchParams(location.search)]).toEqual([['iss', EPIC], ['launch', 'L1']]);
    expect(authorize.mock.calls[0]![0]).toMatchObject({ iss: EPIC, clientId: 'tailor' });
  });

  it('leaves the page URL alone when it refuses', async () => {
    history.replaceState(null, '', `/app/launch/?iss=${encodeURIComponent('https://attacker.example.com/fhir')}&clientId=x`);
    await launch(location.search, PAGE, allowList);
    expect(new URLSearchParams(location.search).get('clientId')).toBe('x');
  });

  it('requests the SMART configuration once: authorize() finds the answer Tailor already read', async () => {
    smartConfiguration = { capabilities: ['permission-v2'], code_challenge_methods_supported: ['S256'], authorization_endpoint: 'https://a.example.org/auth', token_endpoint: 'https://a.example.org/token' };
    // fhirclient keeps the answer for the page except under NODE_ENV=test; this test is about that keeping.
    vi.stubEnv('NODE_ENV', 'production');
    // authorize() reads the server's endpoints with getSecurityExtensions before it redirects (fhirclient smart.ts).
    const authorize = vi.spyOn(FHIR.oauth2, 'authorize').mockImplementation(async (options) => {
      await getSecurityExtensions(options.iss);
    });
    // An iss of its own, so no other test has filled fhirclient's page-long cache for it.
    const iss = `${EPIC}/once`;
    expect(await launch(`?iss=${encodeURIComponent(iss)}&launch=L1`, PAGE, [{ iss, label: 'Once', match: 'exact', authOrigins: [] }])).toMatchObject({ kind: 'redirecting' });
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(requested).toEqual([`${iss}/.well-known/smart-configuration`]);
  });

  it('reports an authorize failure in words', async () => {
    smartConfiguration = { capabilities: ['permission-v2'], code_challenge_methods_supported: ['S256'] };
    vi.spyOn(FHIR.oauth2, 'authorize').mockRejectedValue(new Error('No authorization endpoint'));
    expect(await launch(`?iss=${encodeURIComponent(EPIC)}&launch=L1`, PAGE, allowList)).toEqual({ kind: 'failed', reason: 'No authorization endpoint' });
  });
});
