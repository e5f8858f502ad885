import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthServer } from '../../sandbox/auth/server.ts';

const practitioners = [{ id: 'pr-1', name: 'Dr Ada Example', summary: 'GP' }];
const patients = [{ id: 'pt-1', name: 'Pat One', summary: 'test' }];
const redirectUri = 'http://127.0.0.1:1/';

let server: Server;
let origin: string;
let auth: Awaited<ReturnType<typeof createAuthServer>>;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  auth = await createAuthServer({
    issuer: `${origin}/auth`,
    fhirBase: `${origin}/fhir`,
    clients: [{ clientId: 'tailor', redirectUris: [redirectUri] }],
    practitioners,
    patients,
    styleUrl: `${origin}/style.json`,
  });
  server.on('request', (req, res) => void auth.handle(req, res));
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** A tiny user agent: follows redirects by hand, keeps cookies, stops at the app's redirect URI. */
class Agent {
  cookies = new Map<string, string>();
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      this.cookies.set(name!, value ?? '');
    }
    return response;
  }
  /** Follows redirects until one leaves the sandbox; returns that URL, or the last sandbox response. */
  async follow(url: string, init?: RequestInit): Promise<{ url: string; response: Response }> {
    let response = await this.fetch(url, init);
    let current = url;
    while (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get('location')!, current).href;
      if (!current.startsWith(origin)) return { url: current, response };
      response = await this.fetch(current);
    }
    return { url: current, response };
  }
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  return `${origin}/auth/auth?${new URLSearchParams({ response_type: 'code', client_id: 'tailor', redirect_uri: redirectUri, state: 'st-1', aud: `${origin}/fhir`, code_challenge_method: 'S256', ...params })}`;
}

async function exchange(code: string, verifier: string) {
  const response = await fetch(`${origin}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'tailor', code_verifier: verifier }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const scope = 'launch openid fhirUser online_access patient/Patient.rs patient/Observation.rs';

describe('sandbox authorization server', () => {
  it('serves a SMART configuration that requires S256 and lists v2 permissions', () => {
    const config = auth.smartConfiguration();
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
    expect(config.capabilities).toEqual(expect.arrayContaining(['launch-ehr', 'launch-standalone', 'permission-v2', 'context-banner']));
    expect(config.token_endpoint).toBe(`${origin}/auth/token`);
  });

  it('completes an EHR launch with context, fhirUser, a refresh token and introspection', async () => {
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: false, switches: { tokenLifetimeSeconds: 120 } });
    const { verifier, challenge } = pkce();
    const agent = new Agent();
    const { url } = await agent.follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
    const back = new URL(url);
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st-1');

    const { status, body } = await exchange(back.searchParams.get('code')!, verifier);
    expect(status).toBe(200);
    expect(body).toMatchObject({ patient: 'pt-1', need_patient_banner: false, smart_style_url: `${origin}/style.json`, token_type: 'Bearer', expires_in: 120 });
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(['launch', 'patient/Patient.rs', 'patient/Observation.rs']));
    expect(body.refresh_token).toBeTruthy();
    expect(decodeJwt(String(body.id_token)).fhirUser).toBe(`${origin}/fhir/Practitioner/pr-1`);

    const grant = await auth.introspect(String(body.access_token));
    expect(grant).toMatchObject({ clientId: 'tailor', patient: 'pt-1', practitioner: 'pr-1', switches: { tokenLifetimeSeconds: 120 } });
    expect(await auth.introspect('not-a-token')).toBeUndefined();

    // The code is single-use.
    expect((await exchange(back.searchParams.get('code')!, verifier)).status).toBe(400);
  });

  it('binds a second launch in the same browser session to its own patient, not the first one', async () => {
    const agent = new Agent();
    const patientsSeen: unknown[] = [];
    for (const patient of ['pt-1', 'pt-2']) {
      const launch = auth.launches.create({ practitioner: 'pr-1', patient, needPatientBanner: true, switches: {} });
      const { verifier, challenge } = pkce();
      const { url } = await agent.follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
      const { body } = await exchange(new URL(url).searchParams.get('code')!, verifier);
      patientsSeen.push(body.patient);
      expect((await auth.introspect(String(body.access_token)))?.patient).toBe(patient);
    }
    expect(patientsSeen).toEqual(['pt-1', 'pt-2']);
  });

  it('keeps an earlier launch’s tokens valid after a later launch in the same browser, as EHRs with several open charts do', async () => {
    const agent = new Agent();
    const tokens: string[] = [];
    for (const patient of ['pt-1', 'pt-2']) {
      const launch = auth.launches.create({ practitioner: 'pr-1', patient, needPatientBanner: true, switches: {} });
      const { verifier, challenge } = pkce();
      const { url } = await agent.follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
      tokens.push(String((await exchange(new URL(url).searchParams.get('code')!, verifier)).body.access_token));
    }
    expect((await auth.introspect(tokens[0]!))?.patient).toBe('pt-1');
    expect((await auth.introspect(tokens[1]!))?.patient).toBe('pt-2');
  });

  it('refuses a redirect URI that differs in any way from the registered one, without redirecting to it', async () => {
    for (const other of ['http://127.0.0.1:1/evil', 'http://127.0.0.1:1/?x=1', 'http://127.0.0.1:2/', 'http://localhost:1/']) {
      const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
      const { url, response } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge: pkce().challenge, redirect_uri: other }));
      expect(url.startsWith(origin)).toBe(true);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('redirect_uri');
    }
  });

  it('revokes the tokens of a code that is replayed', async () => {
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    const { verifier, challenge } = pkce();
    const { url } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
    const code = new URL(url).searchParams.get('code')!;
    const first = await exchange(code, verifier);
    expect(await auth.introspect(String(first.body.access_token))).toBeDefined();
    expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
    expect(await auth.introspect(String(first.body.access_token))).toBeUndefined();
  });

  it('answers CORS for the registered app origin only: a token call from another origin is refused', async () => {
    const tokenCall = async (from: string) => {
      const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
      const { verifier, challenge } = pkce();
      const { url } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
      return fetch(`${origin}/auth/token`, {
        method: 'POST',
        headers: { origin: from, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: new URL(url).searchParams.get('code')!, redirect_uri: redirectUri, client_id: 'tailor', code_verifier: verifier }),
      });
    };
    const ours = await tokenCall('http://127.0.0.1:1');
    expect(ours.status).toBe(200);
    expect(ours.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:1');
    const other = await tokenCall('https://attacker.example.com');
    const body = (await other.json()) as Record<string, unknown>;
    expect(body.access_token).toBeUndefined();
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('checks aud and the launch on every authorization, also in a browser that already holds a session', async () => {
    const agent = new Agent();
    const first = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    expect(new URL((await agent.follow(authorizeUrl({ scope, launch: first, code_challenge: pkce().challenge }))).url).searchParams.get('code')).toBeTruthy();
    const second = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    const wrongAud = await agent.follow(authorizeUrl({ scope, launch: second, aud: 'https://elsewhere.example/fhir', code_challenge: pkce().challenge }));
    expect(new URL(wrongAud.url).searchParams.get('error_description')).toMatch(/aud must be/);
    const unknown = await agent.follow(authorizeUrl({ scope, launch: 'nope', code_challenge: pkce().challenge }));
    expect(new URL(unknown.url).searchParams.get('error_description')).toMatch(/Unknown or expired launch/);
  });

  it('refuses a token request without the right PKCE verifier', async () => {
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    const { challenge } = pkce();
    const { url } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
    const result = await exchange(new URL(url).searchParams.get('code')!, pkce().verifier);
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_grant');
  });

  it('refuses an authorization request without PKCE', async () => {
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    const { url } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge_method: '' }));
    expect(new URL(url).searchParams.get('error')).toBe('invalid_request');
  });

  it('returns an OAuth error to the app for an unknown launch or a wrong aud', async () => {
    const unknown = await new Agent().follow(authorizeUrl({ scope, launch: 'nope', code_challenge: pkce().challenge }));
    expect(new URL(unknown.url).searchParams.get('error_description')).toMatch(/Unknown or expired launch/);
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    const wrongAud = await new Agent().follow(authorizeUrl({ scope, launch, aud: 'https://elsewhere.example/fhir', code_challenge: pkce().challenge }));
    expect(new URL(wrongAud.url).searchParams.get('error_description')).toMatch(/aud must be/);
  });

  it('withholds scopes the launch says to withhold', async () => {
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: { withholdScopes: ['patient/Patient.rs', 'online_access'] } });
    const { verifier, challenge } = pkce();
    const { url } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
    const { body } = await exchange(new URL(url).searchParams.get('code')!, verifier);
    expect(String(body.scope).split(' ')).not.toContain('patient/Patient.rs');
    expect(body.refresh_token).toBeUndefined();
  });

  it('signs a standalone user in with a patient picker', async () => {
    const { verifier, challenge } = pkce();
    const agent = new Agent();
    const first = await agent.follow(authorizeUrl({ scope: 'launch/patient openid fhirUser patient/Patient.rs', code_challenge: challenge }));
    const html = await first.response.text();
    expect(html).toContain('name="patient"');
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const { url } = await agent.follow(`${origin}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'practitioner=pr-1&patient=pt-1',
    });
    const { body } = await exchange(new URL(url).searchParams.get('code')!, verifier);
    expect(body.patient).toBe('pt-1');
    expect(body.need_patient_banner).toBe(true);
  });

  it('refreshes an access token and keeps the launch context', async () => {
    const launch = auth.launches.create({ practitioner: 'pr-1', patient: 'pt-1', needPatientBanner: true, switches: {} });
    const { verifier, challenge } = pkce();
    const { url } = await new Agent().follow(authorizeUrl({ scope, launch, code_challenge: challenge }));
    const { body } = await exchange(new URL(url).searchParams.get('code')!, verifier);
    const refreshed = await fetch(`${origin}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(body.refresh_token), client_id: 'tailor' }),
    });
    const next = (await refreshed.json()) as Record<string, unknown>;
    expect(refreshed.status).toBe(200);
    expect(next.access_token).not.toBe(body.access_token);
    expect(next.patient).toBe('pt-1');
  });
});
