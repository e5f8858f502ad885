/**
 * SMART on FHIR resource scopes (App Launch 1.0 `read`/`write`/`*` and 2.0 `cruds` letters), reduced to what one
 * request needs: may this token do action X on type T, and is it confined to its launch patient.
 * Grammar: `(patient|user|system)/(Type|*).(read|write|*|[c][r][u][d][s])[?query]` (hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html).
 */

/** SMART v2 permission letters. v1 `read` = r+s, `write` = c+u+d, `*` = all. */
export type Action = 'c' | 'r' | 'u' | 'd' | 's';

export type ScopeContext = 'patient' | 'user' | 'system';

export interface ResourceScope {
  context: ScopeContext;
  resourceType: string;
  actions: ReadonlySet<Action>;
  /** SMART v2 granular restriction (`?category=…`), or undefined for the whole type. */
  query?: string;
}

const V1: Record<string, Action[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };
const SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?(.+))?$/;

/** Parses one scope string; anything that is not a resource scope (openid, launch, fhirUser…) gives undefined. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const m = SCOPE.exec(scope);
  if (!m) return undefined;
  const [, context, resourceType, permission, query] = m as unknown as [string, ScopeContext, string, string, string | undefined];
  const actions = V1[permission] ?? parseV2(permission);
  return actions ? { context, resourceType, actions: new Set(actions), query } : undefined;
}

/** v2 letters must be a subsequence of `cruds` in that order (`rs`, `cud`, `cruds`), each at most once. */
function parseV2(permission: string): Action[] | undefined {
  if (!/^c?r?u?d?s?$/.test(permission) || permission.length === 0) return undefined;
  return [...permission] as Action[];
}

/**
 * The scopes that permit `action` on `resourceType`, best first: an unrestricted user/system scope beats a
 * patient scope, and a whole-type scope beats a granular one. Empty when nothing grants it (a 403).
 */
export function grantingScopes(scopes: readonly string[], resourceType: string, action: Action): ResourceScope[] {
  const rank = (s: ResourceScope): number => (s.context === 'patient' ? 2 : 0) + (s.query ? 1 : 0);
  return scopes
    .map(parseResourceScope)
    .filter((s): s is ResourceScope => !!s && (s.resourceType === '*' || s.resourceType === resourceType) && s.actions.has(action))
    .sort((a, b) => rank(a) - rank(b));
}
