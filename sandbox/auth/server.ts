import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Introspect, SandboxPerson } from '../contracts.ts';
import { escapeHtml, page, personOptions } from '../html.ts';
import { LaunchRegistry, type LaunchContext } from './launches.ts';
import { scopesToGrant, supportedScopes } from './scopes.ts';

export interface RegisteredClient {
  clientId: string;
  redirectUris: string[];
}

export interface AuthServerOptions {
  /** e.g. http://127.0.0.1:4000/auth — the path is where handle() is mounted. */
  issuer: string;
  /** The FHIR base the tokens are for; `aud` must name it. */
  fhirBase: string;
  clients: RegisteredClient[];
  practitioners: SandboxPerson[];
  patients: SandboxPerson[];
  /** Served to apps as smart_style_url. */
  styleUrl: string;
}

const DEFAULT_TOKEN_LIFETIME_S = 3600;

function sameUrl(a: string | undefined, b: string): boolean {
  return a ? a.replace(/\/+$/, '') === b.replace(/\/+$/, '') : false;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The sandbox's SMART authorization server: oidc-provider (an OpenID-certified implementation) with the SMART
 * additions — launch context bound to grants, `aud` checked against the FHIR base, launch context in the token
 * response, fhirUser in the id_token, PKCE required, refresh tokens for online_access/offline_access.
 */
export async function createAuthServer(options: AuthServerOptions) {
  const issuerUrl = new URL(options.issuer);
  const mountPath = issuerUrl.pathname.replace(/\/+$/, '');
  const launches = new LaunchRegistry();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const allowedOrigins = new Set(options.clients.flatMap((c) => c.redirectUris.map((u) => new URL(u).origin)));

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'sandbox-rs256', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: supportedScopes(),
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
    // SMART apps read fhirUser from the id_token itself, not from userinfo.
    conformIdTokenClaims: false,
    extraParams: ['launch', 'aud'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    clientBasedCORS: (_ctx, origin) => allowedOrigins.has(origin),
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    // Every authorization gets the grant its own interaction just made. The default reuses the browser session's
    // earlier grant, which would carry the previous launch's patient into a new launch in the same browser.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount: async (_ctx, id) => {
      const practitioner = options.practitioners.find((p) => p.id === id);
      if (!practitioner) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, fhirUser: `${options.fhirBase}/Practitioner/${id}`, name: practitioner.name }),
      };
    },
    // An EHR keeps every launch's tokens valid for their lifetime: a physician with two charts open has two live app
    // sessions. oidc-provider's default binds tokens to the browser session's current grant for the client, so the
    // second launch in a browser silently invalidated the first one's tokens (the first frame then got 401s).
    expiresWithSession: async () => false,
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && (code.scopes.has('online_access') || code.scopes.has('offline_access')),
    ttl: {
      AccessToken: (_ctx, token) =>
        launches.forGrant(token.grantId)?.switches.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      IdToken: 3600,
      RefreshToken: 8 * 3600,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      const lines = Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</p>`);
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${lines.join('')}`);
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = false;

  // SMART puts the launch context beside the tokens in the token response (App Launch 2.2, "Launch context arrives with your access_token").
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.path !== '/token' || ctx.status !== 200 || typeof body?.access_token !== 'string') return;
    const token = await provider.AccessToken.find(body.access_token);
    const context = launches.forGrant(token?.grantId);
    if (!context) return;
    if (context.patient) body.patient = context.patient;
    if (context.encounter) body.encounter = context.encounter;
    body.need_patient_banner = context.needPatientBanner;
    body.smart_style_url = options.styleUrl;
  });

  async function finishWithGrant(req: IncomingMessage, res: ServerResponse, clientId: string, requestedScope: string, context: LaunchContext) {
    const grant = new provider.Grant({ accountId: context.practitioner, clientId });
    const withheld = context.switches.withholdScopes ?? [];
    grant.addOIDCScope(scopesToGrant(requestedScope, withheld).join(' '));
    // Rejected, not merely left out: otherwise the provider would ask for consent to them again, forever.
    if (withheld.length) grant.rejectOIDCScope(withheld.join(' '));
    const grantId = await grant.save();
    launches.bindGrant(grantId, context);
    await provider.interactionFinished(req, res, { login: { accountId: context.practitioner }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  function fail(req: IncomingMessage, res: ServerResponse, description: string) {
    return provider.interactionFinished(req, res, { error: 'invalid_request', error_description: description }, { mergeWithLastSubmission: false });
  }

  /** EHR launch: the EHR already knows the user and the patient, so no page is shown. Standalone: sign in and pick a patient. */
  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const params = details.params as Record<string, string | undefined>;
    const clientId = params.client_id!;
    const scope = params.scope ?? '';
    if (!sameUrl(params.aud, options.fhirBase)) {
      return fail(req, res, `aud must be this EHR's FHIR base URL (${options.fhirBase}).`);
    }
    if (params.launch) {
      const context = launches.resolve(params.launch);
      if (!context) return fail(req, res, 'Unknown or expired launch. Launch the app again from the EHR.');
      return finishWithGrant(req, res, clientId, scope, context);
    }
    if (action === 'login' && req.method === 'POST') {
      const form = await readForm(req);
      const practitioner = form.get('practitioner') ?? '';
      const patient = form.get('patient') ?? undefined;
      if (!options.practitioners.some((p) => p.id === practitioner)) return fail(req, res, 'Unknown user.');
      const wantsPatient = scope.split(' ').includes('launch/patient');
      if (wantsPatient && !options.patients.some((p) => p.id === patient)) return fail(req, res, 'No patient was chosen.');
      return finishWithGrant(req, res, clientId, scope, {
        practitioner,
        patient: wantsPatient ? patient : undefined,
        needPatientBanner: true,
        switches: {},
      });
    }
    const wantsPatient = scope.split(' ').includes('launch/patient');
    const body = `<h1>Sign in to the sandbox EHR</h1>
<p class="hint">Standalone launch by <code>${escapeHtml(clientId)}</code>. It asks for: <code>${escapeHtml(scope)}</code></p>
<form method="post" action="${mountPath}/interaction/${escapeHtml(uid)}/login">
<label>User <select name="practitioner">${personOptions(options.practitioners)}</select></label>
${wantsPatient ? `<label>Patient <select name="patient">${personOptions(options.patients)}</select></label>` : ''}
<button type="submit">Sign in and allow</button></form>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page('Sign in', body));
  }

  const callback = provider.callback();

  /** Handles every request under the issuer's path. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', options.issuer);
    const inner = url.pathname.slice(mountPath.length) || '/';
    const match = /^\/interaction\/([^/]+)(?:\/(login))?$/.exec(inner);
    if (match) {
      try {
        await interaction(req, res, match[1]!, match[2]);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page('Sign-in error', `<h1>Sign-in error</h1><p>${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`));
      }
      return;
    }
    // oidc-provider finds its mount path from originalUrl minus url, as under Express.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
    req.url = inner + url.search;
    callback(req, res);
  }

  const introspect: Introspect = async (value) => {
    const token = await provider.AccessToken.find(value);
    if (!token || token.isExpired) return undefined;
    const context = launches.forGrant(token.grantId);
    return {
      clientId: token.clientId!,
      scopes: (token.scope ?? '').split(' ').filter(Boolean),
      patient: context?.patient,
      encounter: context?.encounter,
      practitioner: context?.practitioner ?? token.accountId,
      switches: context?.switches ?? {},
      expiresAt: token.exp ?? 0,
    };
  };

  /** `.well-known/smart-configuration` for the FHIR base (SMART App Launch 2.2, "Conformance"). */
  function smartConfiguration() {
    return {
      issuer: options.issuer,
      jwks_uri: `${options.issuer}/jwks`,
      authorization_endpoint: `${options.issuer}/auth`,
      token_endpoint: `${options.issuer}/token`,
      introspection_endpoint: `${options.issuer}/token/introspection`,
      revocation_endpoint: `${options.issuer}/token/revocation`,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'online_access', 'offline_access', 'patient/*.rs', 'patient/*.cruds', 'user/*.rs', 'patient/*.read', 'user/*.read'],
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'launch-ehr', 'launch-standalone', 'client-public', 'context-banner', 'context-style', 'context-ehr-patient',
        'context-ehr-encounter', 'context-standalone-patient', 'sso-openid-connect', 'permission-offline',
        'permission-online', 'permission-patient', 'permission-user', 'permission-v1', 'permission-v2',
      ],
    };
  }

  return { handle, introspect, smartConfiguration, launches };
}
