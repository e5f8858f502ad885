import { http, HttpResponse } from 'msw';
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';

/** A small FHIR server for write tests: conditional create, versioned update with If-Match, transactions, faults. */
export const BASE = 'https://ehr.example/fhir';
export const TOKEN_URI = 'https://ehr.example/auth/token';

export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A scripted answer: return a Response, 'drop' (apply the request, then fail the connection), or undefined to answer normally. */
export type Fault = (req: Seen) => Response | 'drop' | undefined;

export function fakeWriteEhr() {
  const store = new Map<string, Resource & { id: string; meta: { versionId: string; lastUpdated: string } }>();
  const seen: Seen[] = [];
  const faults: Fault[] = [];
  let ids = 0;
  let clock = Date.parse('2025-03-04T10:16:00Z');
  const state = { validToken: 'Bearer t1', refreshes: 0, nextToken: 't2' };

  const byType = (type: string) => [...store.values()].filter((r) => r.resourceType === type);
  const identifierOf = (r: Resource) => (r as { identifier?: { system?: string; value?: string }[] }).identifier?.[0];
  const matches = (type: string, query: URLSearchParams) =>
    byType(type).filter((r) => {
      for (const [key, value] of query) {
        if (key === 'identifier') {
          const [system, code] = value.split('|');
          const id = identifierOf(r);
          if (id?.system !== system || (code !== '' && id?.value !== code)) return false;
        } else if (key === 'target') {
          if (!((r as { target?: { reference?: string }[] }).target ?? []).some((t) => t.reference === value)) return false;
        }
      }
      return true;
    });
  const etag = (r: { meta: { versionId: string } }) => `W/"${r.meta.versionId}"`;
  const outcome = (status: number, text: string, code = 'processing') => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] }, { status });

  function save<T extends Resource>(resource: T, id?: string) {
    const previous = id ? store.get(`${resource.resourceType}/${id}`) : undefined;
    const version = previous ? Number(previous.meta.versionId) + 1 : 1;
    clock += 1000;
    const saved = { ...resource, id: id ?? `${resource.resourceType.toLowerCase()}-${++ids}`, meta: { versionId: String(version), lastUpdated: new Date(clock).toISOString() } };
    store.set(`${saved.resourceType}/${saved.id}`, saved);
    return saved;
  }

  /** Create (conditional when asked) or update; the same rules inside a transaction. */
  function apply(method: string, url: string, resource: Resource | undefined, ifNoneExist?: string, ifMatch?: string): { status: number; resource?: Resource; error?: string } {
    if (method === 'POST' && resource) {
      if (ifNoneExist) {
        const found = matches(resource.resourceType, new URLSearchParams(ifNoneExist));
        if (found.length > 1) return { status: 412, error: 'multiple matches' };
        if (found[0]) return { status: 200, resource: found[0] };
      }
      return { status: 201, resource: save(resource) };
    }
    if (method === 'PUT' && resource) {
      const existing = store.get(url);
      if (!existing) return { status: 404, error: `${url} not found` };
      if (ifMatch && ifMatch !== etag(existing)) return { status: 412, error: `version conflict: ${ifMatch} is not ${etag(existing)}` };
      return { status: 200, resource: save(resource, existing.id) };
    }
    return { status: 400, error: 'unsupported' };
  }

  function transaction(bundle: Bundle): Bundle {
    const resolved = new Map<string, string>();
    const entries: BundleEntry[] = [];
    for (const entry of bundle.entry ?? []) {
      const text = [...resolved].reduce((t, [urn, ref]) => t.split(urn).join(ref), JSON.stringify(entry));
      const e = JSON.parse(text) as BundleEntry;
      const result = apply(e.request?.method ?? '', e.request?.url ?? '', e.resource, e.request?.ifNoneExist, e.request?.ifMatch);
      if (!result.resource) throw outcome(result.status, result.error ?? 'failed');
      const saved = result.resource as Resource & { id: string; meta: { versionId: string } };
      if (entry.fullUrl) resolved.set(entry.fullUrl, `${saved.resourceType}/${saved.id}`);
      entries.push({ resource: saved, response: { status: String(result.status), location: `${saved.resourceType}/${saved.id}/_history/${saved.meta.versionId}` } });
    }
    return { resourceType: 'Bundle', type: 'transaction-response', entry: entries };
  }

  async function record(request: Request): Promise<Seen> {
    const text = await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const url = new URL(request.url);
    return { method: request.method, url: url.pathname.slice(new URL(BASE).pathname.length) + url.search, headers, body: text ? JSON.parse(text) : undefined };
  }

  const handlers = [
    http.post(TOKEN_URI, () => {
      state.refreshes++;
      state.validToken = `Bearer ${state.nextToken}`;
      return HttpResponse.json({ access_token: state.nextToken, token_type: 'bearer', expires_in: 3600, scope: 'online_access' });
    }),
    http.all(`${BASE}/*`, async ({ request }) => {
      const req = await record(request);
      seen.push(req);
      const fault = faults.shift()?.(req);
      if (fault instanceof Response) return fault;
      if (req.headers.authorization !== state.validToken) return outcome(401, 'token expired', 'login');
      const answer = respond(req);
      return fault === 'drop' ? HttpResponse.error() : answer;
    }),
  ];

  function respond(req: Seen): Response {
    const [path = '', search = ''] = req.url.split('?');
    const parts = path.split('/').filter(Boolean);
    try {
      if (req.method === 'POST' && parts.length === 0) return HttpResponse.json(transaction(req.body as Bundle));
      if (req.method === 'GET' && parts.length === 1) {
        const found = matches(parts[0] ?? '', new URLSearchParams(search));
        return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', total: found.length, entry: found.map((resource) => ({ resource, search: { mode: 'match' } })) });
      }
      if (req.method === 'GET' && parts.length === 2) {
        const r = store.get(path.replace(/^\//, ''));
        return r ? HttpResponse.json(r, { headers: { ETag: etag(r) } }) : outcome(404, 'not found', 'not-found');
      }
      const result = apply(req.method, parts.join('/'), req.body as Resource, req.headers['if-none-exist'], req.headers['if-match']);
      if (!result.resource) return outcome(result.status, result.error ?? 'failed');
      const saved = result.resource as Resource & { id: string; meta: { versionId: string } };
      return HttpResponse.json(saved, { status: result.status, headers: { ETag: etag(saved), Location: `${BASE}/${saved.resourceType}/${saved.id}/_history/${saved.meta.versionId}` } });
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
  }

  return { handlers, store, seen, faults, state, byType, save };
}
