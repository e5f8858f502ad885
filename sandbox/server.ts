import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAuthServer } from './auth/server.ts';
import { createFhirServer } from './fhir/server.ts';
import { listPatients, listPractitioners } from './data/index.ts';
import { embeddedPage, launcherPage } from './launcher/pages.ts';
import { parseLaunchRequest } from './launcher/launches.ts';
import { escapeHtml, page } from './html.ts';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  /** Origins the app is served from (each gets the manifest's redirect URI registered); the first is launched. */
  appUrls: string[];
}

export interface RunningSandbox {
  origin: string;
  fhirBase: string;
  launcherUrl: string;
  close(): Promise<void>;
}

interface Manifest {
  client_id: string;
  launch_uri: string;
  redirect_uris: string[];
}

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../smart-manifest.json'), 'utf8')) as Manifest;

/** A SMART EHR on one origin: launcher at /, authorization server at /auth, FHIR R4 at /fhir. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(options.port, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origin = `http://127.0.0.1:${port}`;
  const fhirBase = `${origin}/fhir`;
  const appRoots = options.appUrls.map((u) => (u.endsWith('/') ? u : `${u}/`));
  const appLaunchUrl = new URL(manifest.launch_uri, appRoots[0]).href;
  const patients = listPatients();
  const practitioners = listPractitioners();

  // The client is registered from the manifest, exactly as an EHR administrator would.
  const auth = await createAuthServer({
    issuer: `${origin}/auth`,
    fhirBase,
    clients: [{ clientId: manifest.client_id, redirectUris: appRoots.flatMap((root) => manifest.redirect_uris.map((uri) => new URL(uri, root).href)) }],
    practitioners,
    patients,
    styleUrl: `${origin}/smart-style.json`,
  });
  const fhir = await createFhirServer({ baseUrl: fhirBase, introspect: auth.introspect });

  function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/fhir/.well-known/smart-configuration') {
      return send(res, 200, 'application/json', JSON.stringify(auth.smartConfiguration()), { 'access-control-allow-origin': '*' });
    }
    if (path === '/fhir' || path.startsWith('/fhir/')) return fhir.handle(req, res);
    if (path === '/auth' || path.startsWith('/auth/')) return auth.handle(req, res);
    if (path === '/smart-style.json') {
      return send(res, 200, 'application/json', JSON.stringify({ color_background: '#f6f8fa', color_highlight: '#0b3d62', color_text: '#1b1f24', dim_border_radius: '4px', font_family_body: 'system-ui, sans-serif' }), { 'access-control-allow-origin': '*' });
    }
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', launcherPage({ practitioners, patients, appLaunchUrl, fhirBase }));
    if (path === '/launch') {
      const request = parseLaunchRequest(url.searchParams);
      if ('error' in request) return send(res, 400, 'text/html; charset=utf-8', page('Launch', `<p>${escapeHtml(request.error)}</p>`));
      const launch = auth.launches.create(request.context);
      const appUrl = `${appLaunchUrl}?iss=${encodeURIComponent(fhirBase)}&launch=${encodeURIComponent(launch)}`;
      if (request.display === 'window') return send(res, 303, 'text/plain', '', { location: appUrl });
      const patient = patients.find((p) => p.id === request.context.patient);
      return send(res, 200, 'text/html; charset=utf-8', embeddedPage(patient, appUrl));
    }
    return send(res, 404, 'text/plain', 'Not found');
  }

  server.on('request', (req, res) => {
    route(req, res).catch((error: unknown) => {
      // A sandbox bug must not take the server down; say what broke (no patient data in these messages).
      console.error('sandbox error', req.method, req.url?.split('?')[0], error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Sandbox error');
      else res.end();
    });
  });

  return {
    origin,
    fhirBase,
    launcherUrl: `${origin}/`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
