/**
 * The sandbox's FHIR R4 server: a Node http handler in front of @medplum/fhir-router and its in-memory repository.
 * The router does the FHIR work (search, create, conditional create, transactions); this layer does what a real EHR
 * adds around its engine: bearer-token checks via the authorization server, SMART scope and patient-compartment
 * enforcement, paging links, CapabilityStatement, CORS, and the per-launch switches tests use to make it misbehave.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OperationOutcomeError, getStatus, isOk, validateResource } from '@medplum/core';
import { FhirRouter } from '@medplum/fhir-router';
import type { FhirRequest, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Introspect, TokenGrant } from '../contracts.ts';
import { buildSandboxResources } from '../data/index.ts';
import { confineSearch, decide, inPatientCompartment, matchesGranular } from './access.ts';
import type { Decision, Query } from './access.ts';
import { SUPPORTED_TYPES, capabilityStatement, readOnlyTypes } from './capability.ts';
import { confineBundleConditions, confineIfNoneExist, type MayAccess } from './conditionalCreate.ts';
import { HttpError, corsHeaders, outcome, readBody, readJsonBody, sendError, sendJson } from './http.ts';
import { SandboxRepository } from './repository.ts';
import { loadFhirSchema } from './schema.ts';
import type { Action } from './scopes.ts';

export interface FhirServerOptions {
  /** Absolute base URL the app uses as `iss`, e.g. http://127.0.0.1:4000/fhir. Links and Locations are built on it. */
  baseUrl: string;
  introspect: Introspect;
  /** Resources to load at startup; defaults to the synthetic population dated from today. */
  resources?: readonly Resource[];
  /** Browser origins allowed by CORS; undefined allows any (tokens, not cookies, carry authority). */
  corsOrigins?: readonly string[];
  /** SMART endpoints advertised in the CapabilityStatement's oauth-uris extension. */
  oauth?: { authorize: string; token: string };
  /** Page size when `_count` is absent (default 50) and the most one page returns (default 200), as Oracle Health. */
  defaultPageSize?: number;
  maxPageSize?: number;
}

export interface FhirServer {
  /** Handles a request whose path is under the base path; anything else gets a 404 OperationOutcome. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** True when the request's path is under the base path (for mounting next to other handlers). */
  owns(req: IncomingMessage): boolean;
  readonly baseUrl: string;
  readonly basePath: string;
  readonly repo: SandboxRepository;
}

const SUPPORTED = new Set<string>(SUPPORTED_TYPES);

/** The fault switch's dropped connection: nothing is to be sent, the socket is gone. */
class ConnectionDropped extends Error {}
type Permitted = Extract<Decision, { allowed: true }>;
const RESOURCE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export async function createFhirServer(opts: FhirServerOptions): Promise<FhirServer> {
  loadFhirSchema();
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const defaultPageSize = opts.defaultPageSize ?? 50;
  const maxPageSize = opts.maxPageSize ?? 200;
  const startedAt = new Date();
  const repo = new SandboxRepository();
  const router = new FhirRouter();
  for (const resource of opts.resources ?? buildSandboxResources(startedAt)) {
    await repo.createResource(resource as Resource);
  }

  function owns(req: IncomingMessage): boolean {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    return path === basePath || path.startsWith(`${basePath}/`) || basePath === '';
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req.headers.origin, opts.corsOrigins);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    try {
      await route(req, res);
    } catch (err) {
      if (err instanceof ConnectionDropped) return;
      if (err instanceof HttpError) {
        sendError(res, err);
      } else {
        sendError(res, new HttpError(500, err instanceof Error ? err.message : String(err), 'exception'));
      }
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    if (!owns(req)) throw new HttpError(404, `Not a FHIR path: ${url.pathname}`, 'not-found');
    const path = url.pathname.slice(basePath.length).replace(/^\/+|\/+$/g, '');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === 'metadata' && method === 'GET') {
      const grant = await grantIfAny(req);
      sendJson(res, 200, capabilityStatement({ baseUrl, startedAt, oauth: opts.oauth, readOnly: readOnlyTypes(grant?.switches) }));
      return;
    }
    const grant = await authenticate(req);
    const segments = path === '' ? [] : path.split('/');
    const resourceType = segments[0];
    // A fault on "Bundle" is one on the base URL itself: transactions and batches.
    const faultType = segments.length === 0 ? 'Bundle' : resourceType;
    if (faultType && !faultType.startsWith('$')) {
      await applyFault(grant, faultType, res);
    }
    if (segments.length === 0) {
      if (method !== 'POST') throw new HttpError(400, 'Search across all types is not supported: name a resource type', 'not-supported');
      await handleBundle(req, res, grant);
      return;
    }
    if (!resourceType || !SUPPORTED.has(resourceType)) {
      throw new HttpError(404, `Resource type not supported: ${resourceType ?? ''}`, 'not-supported');
    }
    const [, id, history, vid] = segments;
    if (id === '_search' && segments.length === 2 && method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const query = mergeQuery(url.searchParams, form);
      await handleSearch(res, grant, resourceType, query);
    } else if (segments.length === 1 && method === 'GET') {
      await handleSearch(res, grant, resourceType, mergeQuery(url.searchParams));
    } else if (segments.length === 1 && method === 'POST') {
      await handleCreate(req, res, grant, resourceType);
    } else if (id && RESOURCE_ID.test(id) && segments.length <= 4 && (segments.length === 2 || history === '_history')) {
      if (method === 'GET') {
        await handleRead(res, grant, resourceType, id, history ? (vid ?? '') : undefined);
      } else if (segments.length === 2 && (method === 'PUT' || method === 'DELETE')) {
        await handleWrite(req, res, grant, resourceType, id, method);
      } else {
        throw new HttpError(405, `${method} is not supported on ${path}`, 'not-supported');
      }
    } else {
      throw new HttpError(segments.length === 1 ? 405 : 404, `${method} ${path} is not supported`, 'not-supported');
    }
  }

  async function grantIfAny(req: IncomingMessage): Promise<TokenGrant | undefined> {
    const token = bearer(req);
    const grant = token ? await opts.introspect(token) : undefined;
    return grant && grant.expiresAt * 1000 > Date.now() ? grant : undefined;
  }

  async function authenticate(req: IncomingMessage): Promise<TokenGrant> {
    const token = bearer(req);
    if (!token) {
      throw new HttpError(401, 'Missing bearer token', 'login', { 'WWW-Authenticate': 'Bearer realm="fhir"' });
    }
    const grant = await grantIfAny(req);
    if (!grant) {
      throw new HttpError(401, 'The access token is invalid or expired', 'expired', {
        'WWW-Authenticate': 'Bearer realm="fhir", error="invalid_token"',
      });
    }
    return grant;
  }

  /** How many requests each launch's fault has answered (its switches object is the launch's own). */
  const faultsApplied = new WeakMap<object, number>();

  async function applyFault(grant: TokenGrant, resourceType: string, res: ServerResponse): Promise<void> {
    const fault = grant.switches.fault;
    if (!fault || fault.resourceType !== resourceType) return;
    const applied = faultsApplied.get(fault) ?? 0;
    if (fault.times !== undefined && applied >= fault.times) return;
    faultsApplied.set(fault, applied + 1);
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.drop) {
      res.destroy();
      throw new ConnectionDropped();
    }
    if (fault.status) {
      const headers: Record<string, string> = fault.status === 429 ? { 'Retry-After': '1' } : {};
      throw new HttpError(fault.status, `Injected fault for ${resourceType} (sandbox switch)`, fault.status >= 500 ? 'transient' : 'processing', headers);
    }
  }

  function permit(grant: TokenGrant, resourceType: string, action: Action): Permitted {
    const decision = decide(grant, resourceType, action);
    if (!decision.allowed) throw new HttpError(403, decision.reason, 'forbidden');
    return decision;
  }

  function assertWritable(grant: TokenGrant, resourceType: string): void {
    if (readOnlyTypes(grant.switches).has(resourceType)) {
      throw new HttpError(405, `${resourceType} create and update are not supported by this EHR`, 'not-supported');
    }
  }

  async function handleSearch(res: ServerResponse, grant: TokenGrant, resourceType: string, query: Query): Promise<void> {
    if (grant.switches.personality === 'epic' && resourceType === 'Observation' && query.category === undefined) {
      const body = outcome('Observation search requires a category (Epic behaviour)', 'required', 'fatal');
      sendJson(res, 400, body);
      return;
    }
    const decision = permit(grant, resourceType, 's');
    const confined = confineSearch(resourceType, query, decision);
    if ('refused' in confined) throw new HttpError(403, confined.refused, 'forbidden');
    const bundle = (await fhir('GET', resourceType, withPaging(confined.query))) as Bundle;
    // Links repeat the search as asked: each page is confined again, so adding the confinement to them would make
    // every next link one `patient=` (or granular restriction) longer than the last.
    decorateSearchBundle(bundle, resourceType, withPaging(query));
    sendJson(res, 200, bundle);
  }

  /** Default and maximum page size, as Oracle Health does (50 / 200); `_summary=count` keeps its count of 0. */
  function withPaging(query: Query): Query {
    const out = { ...query };
    if (first(query._summary) === 'count') return out;
    const asked = Number.parseInt(first(query._count) ?? '', 10);
    out._count = String(Number.isNaN(asked) || asked < 0 ? defaultPageSize : Math.min(asked, maxPageSize));
    const offset = Number.parseInt(first(query._offset) ?? '0', 10);
    out._offset = String(Number.isNaN(offset) || offset < 0 ? 0 : offset);
    return out;
  }

  function decorateSearchBundle(bundle: Bundle, resourceType: string, query: Query): void {
    const count = Number(first(query._count) ?? defaultPageSize);
    const offset = Number(first(query._offset) ?? 0);
    const link = (relation: string, at: number): { relation: string; url: string } => ({
      relation,
      url: `${baseUrl}/${resourceType}?${toSearchParams({ ...query, _offset: String(at) }).toString()}`,
    });
    const total = bundle.total ?? 0;
    bundle.link = [link('self', offset)];
    if (count > 0 && offset + count < total) bundle.link.push(link('next', offset + count));
    if (count > 0 && offset > 0) bundle.link.push(link('previous', Math.max(0, offset - count)));
    for (const entry of bundle.entry ?? []) {
      if (entry.resource) {
        entry.fullUrl = `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}`;
        entry.search = { mode: 'match' };
      }
    }
  }

  async function handleRead(res: ServerResponse, grant: TokenGrant, resourceType: string, id: string, vid: string | undefined): Promise<void> {
    const decision = permit(grant, resourceType, 'r');
    const path = vid === undefined ? `${resourceType}/${id}` : vid === '' ? `${resourceType}/${id}/_history` : `${resourceType}/${id}/_history/${vid}`;
    const result = await fhir('GET', path);
    const resources = result.resourceType === 'Bundle' ? ((result as Bundle).entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])) : [result];
    for (const r of resources) await checkResourceAccess(decision, r);
    sendJson(res, 200, result, result.resourceType === 'Bundle' ? {} : versionHeaders(result));
  }

  async function handleCreate(req: IncomingMessage, res: ServerResponse, grant: TokenGrant, resourceType: string): Promise<void> {
    assertWritable(grant, resourceType);
    const decision = permit(grant, resourceType, 'c');
    const body = await resourceBody(req, resourceType);
    // A create ignores any client id (FHIR RESTful API, "create").
    delete body.id;
    await checkResourceAccess(decision, body);
    const headers: Record<string, string> = {};
    const ifNoneExist = req.headers['if-none-exist'];
    const mayAccess = accessRule(decision);
    const condition = typeof ifNoneExist === 'string' && mayAccess ? (await confineIfNoneExist(repo, resourceType, ifNoneExist, mayAccess)).query : ifNoneExist;
    if (typeof condition === 'string') headers['if-none-exist'] = condition;
    const [oc, resource] = await router.handleRequest(fhirRequest('POST', resourceType, {}, body, headers), repo);
    if (!isOk(oc) || !resource) throw fromOutcome(oc);
    sendJson(res, getStatus(oc), resource, { ...versionHeaders(resource), Location: locationOf(resource) });
  }

  async function handleWrite(req: IncomingMessage, res: ServerResponse, grant: TokenGrant, resourceType: string, id: string, method: 'PUT' | 'DELETE'): Promise<void> {
    if (method === 'PUT') assertWritable(grant, resourceType);
    const decision = permit(grant, resourceType, method === 'PUT' ? 'u' : 'd');
    const existing = await repo.readResource(resourceType, id).catch(() => undefined);
    if (existing) await checkResourceAccess(decision, existing as Resource);
    if (method === 'DELETE') {
      if (!existing) throw new HttpError(404, `${resourceType}/${id} not found`, 'not-found');
      await fhir('DELETE', `${resourceType}/${id}`);
      res.writeHead(204);
      res.end();
      return;
    }
    if (!existing) throw new HttpError(405, 'Update as create is not supported: POST the resource instead', 'not-supported');
    const body = await resourceBody(req, resourceType);
    await checkResourceAccess(decision, body);
    const headers: Record<string, string> = {};
    if (typeof req.headers['if-match'] === 'string') headers['if-match'] = req.headers['if-match'];
    const [oc, resource] = await router.handleRequest(fhirRequest('PUT', `${resourceType}/${id}`, {}, body, headers), repo);
    if (!isOk(oc) || !resource) throw fromOutcome(oc);
    sendJson(res, 200, resource, versionHeaders(resource));
  }

  /** The grant's patient compartment and granular (v2 query) limits, applied to a resource read, written or deleted. */
  async function checkResourceAccess(decision: Permitted, resource: Resource, sameBundle: ReadonlySet<string> = new Set()): Promise<void> {
    const denied = await accessDenial(decision, resource, sameBundle);
    if (denied) throw new HttpError(403, denied, 'forbidden');
  }

  async function accessDenial(decision: Permitted, resource: Resource, sameBundle: ReadonlySet<string>): Promise<string | undefined> {
    const inCompartment = (patient: string) =>
      resource.resourceType === 'Provenance' ? provenanceInCompartment(resource, patient, sameBundle) : Promise.resolve(inPatientCompartment(resource, patient));
    if (decision.patient && !(await inCompartment(decision.patient))) return `The access token is limited to Patient/${decision.patient}`;
    if (!matchesGranular(resource, decision.granular)) return 'The access token does not cover this resource';
    return undefined;
  }

  /** What a confined token may see of the existing resources, for its conditional creates; undefined when it sees everything. */
  function accessRule(decision: Permitted): MayAccess | undefined {
    if (!decision.patient && !decision.granular) return undefined;
    return async (resource) => (await accessDenial(decision, resource, new Set())) === undefined;
  }

  /**
   * R4 puts a Provenance in a patient's compartment only when it targets the Patient itself, so an app with patient
   * scopes could never record the provenance of what it writes. As EHRs that accept Provenance from apps do, one
   * whose every target is in the compartment (an existing resource, or another entry of the same Bundle, which is
   * checked on its own) counts as in it.
   */
  async function provenanceInCompartment(provenance: Resource, patient: string, sameBundle: ReadonlySet<string>): Promise<boolean> {
    if (inPatientCompartment(provenance, patient)) return true;
    const targets = ((provenance as { target?: { reference?: string }[] }).target ?? []).map((t) => t.reference ?? '');
    if (targets.length === 0) return false;
    for (const reference of targets) {
      if (sameBundle.has(reference)) continue;
      const [type, id] = reference.split('/');
      const target = type && id ? await repo.readResource(type, id).catch(() => undefined) : undefined;
      if (!target || !inPatientCompartment(target as Resource, patient)) return false;
    }
    return true;
  }

  async function handleBundle(req: IncomingMessage, res: ServerResponse, grant: TokenGrant): Promise<void> {
    const body = (await readJsonBody(req)) as Bundle | undefined;
    if (body?.resourceType !== 'Bundle' || (body.type !== 'transaction' && body.type !== 'batch')) {
      throw new HttpError(400, 'POST to the base URL takes a transaction or batch Bundle', 'invalid');
    }
    const fullUrls = new Set((body.entry ?? []).flatMap((e) => (e.fullUrl ? [e.fullUrl] : [])));
    const decisions: Permitted[] = [];
    for (const entry of body.entry ?? []) decisions.push(await checkBundleEntry(grant, entry, fullUrls));
    await confineBundleConditions(repo, body, (index) => {
      const decision = decisions[index];
      return decision ? accessRule(decision) : undefined;
    });
    const [oc, result] = await router.handleRequest(fhirRequest('POST', '', {}, body), repo);
    if (!isOk(oc) || !result) throw fromOutcome(oc);
    for (const entry of (result as Bundle).entry ?? []) {
      const vid = entry.resource?.meta?.versionId;
      if (entry.response?.location && vid) entry.response.location = `${entry.response.location}/_history/${vid}`;
      if (entry.resource?.id) entry.fullUrl = `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}`;
    }
    sendJson(res, 200, result);
  }

  /** Every entry of a batch/transaction is authorized as if it were its own request, before anything runs. */
  async function checkBundleEntry(grant: TokenGrant, entry: BundleEntry, fullUrls: ReadonlySet<string>): Promise<Permitted> {
    const method = entry.request?.method;
    const url = entry.request?.url ?? '';
    const resourceType = url.split(/[/?]/)[0] ?? '';
    if (!method || !SUPPORTED.has(resourceType)) {
      throw new HttpError(400, `Bundle entry has an unsupported request: ${method ?? '?'} ${url}`, 'not-supported');
    }
    const action: Action = method === 'POST' ? 'c' : method === 'DELETE' ? 'd' : method === 'GET' ? (url.includes('/') ? 'r' : 's') : 'u';
    if (action === 'c' || action === 'u') assertWritable(grant, resourceType);
    const decision = permit(grant, resourceType, action);
    if ((action === 'r' || action === 's' || action === 'd') && (decision.patient || decision.granular)) {
      throw new HttpError(403, 'Reads and deletes inside a Bundle need a user- or system-level scope', 'forbidden');
    }
    if (entry.resource) {
      validate(entry.resource);
      await checkResourceAccess(decision, entry.resource, fullUrls);
    }
    return decision;
  }

  async function fhir(method: HttpMethod, path: string, query: Query = {}): Promise<Resource> {
    const [oc, resource] = await router.handleRequest(fhirRequest(method, path, query), repo);
    if (!isOk(oc)) throw fromOutcome(oc);
    return resource ?? { resourceType: 'OperationOutcome', issue: oc.issue };
  }

  function fhirRequest(method: HttpMethod, path: string, query: Query, body?: unknown, headers: Record<string, string> = {}): FhirRequest {
    // `transactions: true` makes Medplum stop a transaction at its first failing entry; the repository rolls back.
    return { method, url: path, pathname: '', params: {}, query, body, headers, config: { transactions: true } };
  }

  function locationOf(resource: Resource): string {
    return `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId ?? ''}`;
  }

  return { handle, owns, baseUrl, basePath, repo };
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

async function resourceBody(req: IncomingMessage, resourceType: string): Promise<Resource> {
  const body = (await readJsonBody(req)) as Resource | undefined;
  if (!body || typeof body !== 'object' || body.resourceType !== resourceType) {
    throw new HttpError(400, `Body must be a ${resourceType} resource`, 'invalid');
  }
  validate(body);
  return body;
}

/**
 * Structural validation against the R4 StructureDefinitions (unknown or missing required elements, wrong types),
 * as a real EHR refuses malformed writes. Terminology bindings are not checked.
 */
function validate(resource: Resource): void {
  try {
    const errors = validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length > 0) throw new OperationOutcomeError({ resourceType: 'OperationOutcome', issue: errors });
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    const text = err.outcome.issue?.map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`).join('; ') ?? 'Invalid resource';
    throw new HttpError(400, text, 'invalid', {}, err.outcome);
  }
}

function versionHeaders(resource: Resource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  return headers;
}

function fromOutcome(oc: OperationOutcome): HttpError {
  const status = getStatus(oc);
  const issue = oc.issue?.[0];
  const message = issue?.details?.text ?? issue?.diagnostics ?? 'Request failed';
  return new HttpError(status >= 400 ? status : 400, message, issue?.code ?? 'processing');
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function mergeQuery(...sources: URLSearchParams[]): Query {
  const out: Record<string, string[]> = {};
  for (const params of sources) {
    for (const [k, v] of params) (out[k] ??= []).push(v);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]));
}

function toSearchParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
  return params;
}
