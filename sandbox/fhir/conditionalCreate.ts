/**
 * Conditional creates (`If-None-Exist`) limited to what the token may see. Medplum runs the If-None-Exist search over
 * every patient's resources, so with patient scopes an identifier used in another chart would answer 200 with that
 * chart's resource (a read past the compartment) or 412. Here the search runs first, its matches are filtered by the
 * same access rule as reads, and the engine gets a query pinned to those matches by `_id`; with none, the create is
 * unconditional (there is nothing the token may see that it could find).
 */
import { OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { SandboxRepository } from './repository.ts';

/** Whether the token may see this existing resource (compartment and granular scopes). */
export type MayAccess = (resource: Resource) => Promise<boolean>;

export interface ConfinedCondition {
  /** The query to hand to the engine, or undefined for an unconditional create. */
  query: string | undefined;
  /** The ids of the matches the token may see. */
  ids: string[];
}

/** The If-None-Exist query as the token may run it. An invalid query is the engine's 400, as without confinement. */
export async function confineIfNoneExist(repo: SandboxRepository, resourceType: string, query: string, mayAccess: MayAccess): Promise<ConfinedCondition> {
  let matches: Resource[];
  try {
    // No count: every match is looked at, since the ones the token may see can be anywhere in the list.
    matches = await repo.searchResources({ ...parseSearchRequest(`${resourceType}?${query}`), count: undefined });
  } catch (err) {
    if (err instanceof OperationOutcomeError) return { query, ids: [] };
    throw err;
  }
  const ids: string[] = [];
  for (const match of matches) if (match.id && (await mayAccess(match))) ids.push(match.id);
  return { query: ids.length === 0 ? undefined : `${query}&_id=${ids.join(',')}`, ids };
}

const URN_UUID = /urn(?::|%3A)uuid(?::|%3A)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A query's urn:uuid references (another entry of the Bundle) replaced by what those entries resolved to. Undefined
 * when one names an entry created new by this Bundle (or a later one): no existing resource can refer to it.
 */
function resolveUrns(query: string, resolved: ReadonlyMap<string, string>): string | undefined {
  let unresolved = false;
  const out = query.replace(URN_UUID, (urn) => {
    const reference = resolved.get(urn.replaceAll('%3A', ':').toLowerCase());
    if (!reference) unresolved = true;
    return reference ?? urn;
  });
  return unresolved ? undefined : out;
}

/**
 * Confines every conditional create of a Bundle, in entry order, as a single create's. An entry's urn:uuid resolves
 * to the resource its conditional create found, or its update's URL, as the engine resolves them. `mayAccessFor`
 * gives the access rule of the entry (undefined: not confined, the entry is left to the engine as it is).
 */
export async function confineBundleConditions(repo: SandboxRepository, bundle: Bundle, mayAccessFor: (index: number) => MayAccess | undefined): Promise<void> {
  const resolved = new Map<string, string>();
  for (const [index, entry] of (bundle.entry ?? []).entries()) {
    const request = entry.request;
    const fullUrl = entry.fullUrl?.toLowerCase();
    if (!request || !fullUrl) continue;
    const resourceType = request.url.split(/[/?]/)[0] ?? '';
    if (request.method === 'PUT' && /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(request.url)) resolved.set(fullUrl, request.url);
    const mayAccess = mayAccessFor(index);
    if (request.method !== 'POST' || !request.ifNoneExist || !mayAccess) continue;
    const query = resolveUrns(request.ifNoneExist, resolved);
    const confined = query === undefined ? { query: undefined, ids: [] } : await confineIfNoneExist(repo, resourceType, query, mayAccess);
    if (confined.query === undefined) delete request.ifNoneExist;
    else request.ifNoneExist = confined.query;
    if (confined.ids.length === 1) resolved.set(fullUrl, `${resourceType}/${confined.ids[0]}`);
  }
}
