import { IDENTITY_SCOPES, RESOURCE_PERMISSIONS } from '../config.ts';

export type LaunchKind = 'ehr' | 'standalone';
export type ScopeSyntax = 'v1' | 'v2';

/** SMART v2 permissions to the nearest v1 equivalent: anything beyond read/search needs `write` (v1 has no finer grain). */
function v1Access(permissions: string): string {
  const reads = /[rs]/.test(permissions);
  const writes = /[cud]/.test(permissions);
  if (reads && writes) return '*';
  return writes ? 'write' : 'read';
}

/** One patient-context resource scope, e.g. `patient/CarePlan.cu` (v2) or `patient/CarePlan.write` (v1). */
export function patientScope(resourceType: string, permissions: string, syntax: ScopeSyntax): string {
  return `patient/${resourceType}.${syntax === 'v2' ? permissions : v1Access(permissions)}`;
}

/** The scope string Tailor requests for a launch, in the syntax the server understands. */
export function requestedScopes(kind: LaunchKind, syntax: ScopeSyntax): string {
  const context = kind === 'ehr' ? ['launch'] : ['launch/patient'];
  const resources = RESOURCE_PERMISSIONS.map(([type, permissions]) => patientScope(type, permissions, syntax));
  return [...context, ...IDENTITY_SCOPES, ...resources].join(' ');
}

/** The subset of `.well-known/smart-configuration` that decides how to ask. */
export interface SmartConfiguration {
  capabilities?: string[];
  code_challenge_methods_supported?: string[];
  authorization_endpoint?: string;
  token_endpoint?: string;
}

/** SMART App Launch 2: servers advertise v2 scope syntax with the `permission-v2` capability; absent means v1 only. */
export function scopeSyntaxFor(config: SmartConfiguration | undefined): ScopeSyntax {
  return config?.capabilities?.includes('permission-v2') ? 'v2' : 'v1';
}

/** A SMART v2 permission letter: create, read, update, delete, search. */
export type ScopeAction = 'c' | 'r' | 'u' | 'd' | 's';

/** v1 permissions as v2 letters (SMART App Launch 2, "Scopes for requesting FHIR resources": read = rs, write = cud). */
const V1_ACTIONS: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

/**
 * Does a granted scope string allow this action on resources of this type (any context: patient, user or system)?
 * v2 letters must be a subsequence of `cruds`; a granular restriction (`?category=…`) still counts as granting.
 */
export function grants(granted: string, resourceType: string, action: ScopeAction): boolean {
  return granted.split(/\s+/).some((scope) => {
    const match = /^(patient|user|system)\/([A-Za-z*]+)\.([a-z*]+)(\?.*)?$/.exec(scope);
    if (!match) return false;
    const [, , type, access = ''] = match;
    if (type !== resourceType && type !== '*') return false;
    const letters = V1_ACTIONS[access] ?? (/^c?r?u?d?s?$/.test(access) ? access : '');
    return letters.includes(action);
  });
}

/** Does a granted scope string allow reading (v2 "r", v1 "read" or "*") resources of this type in the patient's compartment? */
export function grantsRead(granted: string, resourceType: string): boolean {
  return grants(granted, resourceType, 'r');
}
