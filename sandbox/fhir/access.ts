/**
 * Authorization decisions for one request: which scope grants it, whether it is confined to the launch patient's
 * compartment (R4 CompartmentDefinition/patient) and to SMART v2 granular queries. Pure functions of the grant.
 */
import {
  convertToSearchableReferences,
  evalFhirPathTyped,
  getSearchParameters,
  matchesSearchRequest,
  parseSearchRequest,
  toTypedValue,
} from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { TokenGrant } from '../contracts.ts';
import { patientCompartmentParams } from './schema.ts';
import { grantingScopes } from './scopes.ts';
import type { Action } from './scopes.ts';

export type Query = Record<string, string | string[]>;

export type Decision =
  | { allowed: true; patient?: string; granular?: string[] }
  | { allowed: false; reason: string };

const VERB: Record<Action, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

export function decide(grant: TokenGrant, resourceType: string, action: Action): Decision {
  const scopes = grantingScopes(grant.scopes, resourceType, action);
  if (scopes.length === 0) {
    // The signed-in user may read their own record: that is where the `fhirUser` claim points apps.
    if ((action === 'r' || action === 's') && resourceType === 'Practitioner' && grant.practitioner && grant.scopes.includes('fhirUser')) {
      return { allowed: true, granular: [`_id=${grant.practitioner}`] };
    }
    return { allowed: false, reason: `The access token has no scope that permits ${VERB[action]} on ${resourceType}` };
  }
  const confined = scopes.every((s) => s.context === 'patient');
  if (confined && !grant.patient) {
    return { allowed: false, reason: 'The access token has patient scopes but no patient in its launch context' };
  }
  const granular = scopes.some((s) => !s.query) ? undefined : scopes.map((s) => s.query as string);
  return { allowed: true, patient: confined && isCompartmentType(resourceType) ? grant.patient : undefined, granular };
}

/** Types in the patient compartment, plus Patient itself (its compartment is the patient). */
export function isCompartmentType(resourceType: string): boolean {
  return resourceType === 'Patient' || patientCompartmentParams().has(resourceType);
}

/** True if the resource belongs to the patient's compartment (or is not a compartment type at all). */
export function inPatientCompartment(resource: Resource, patientId: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  const params = patientCompartmentParams().get(resource.resourceType);
  if (!params) return true;
  const defs = getSearchParameters(resource.resourceType) ?? {};
  const target = `Patient/${patientId}`;
  return params.some((code) => {
    const expression = defs[code]?.expression;
    if (!expression) return false;
    return convertToSearchableReferences(evalFhirPathTyped(expression, [toTypedValue(resource)])).includes(target);
  });
}

/** True if the resource satisfies at least one granular scope query (or there are none). */
export function matchesGranular(resource: Resource, granular: string[] | undefined): boolean {
  return !granular || granular.some((q) => matchesSearchRequest(resource, parseSearchRequest(`${resource.resourceType}?${q}`)));
}

/**
 * Narrows a search to what the decision allows: the launch patient's compartment and the granular scope queries.
 * Returns the narrowed query, or a reason to refuse when the caller asked for someone else's data.
 */
export function confineSearch(resourceType: string, query: Query, decision: Extract<Decision, { allowed: true }>): { query: Query } | { refused: string } {
  const out: Query = { ...query };
  if (decision.patient) {
    const target = `Patient/${decision.patient}`;
    const linkParam = resourceType === 'Patient' ? '_id' : getSearchParameters(resourceType)?.patient ? 'patient' : patientCompartmentParams().get(resourceType)?.[0];
    if (!linkParam) return { refused: `${resourceType} cannot be confined to a patient` };
    for (const code of ['_id', 'patient', 'subject']) {
      for (const value of values(out[code])) {
        const asked = value.split(',').map((v) => (resourceType === 'Patient' || v.includes('/') ? v : `Patient/${v}`));
        const own = resourceType === 'Patient' ? decision.patient : target;
        if (asked.some((v) => v !== own)) {
          return { refused: `The access token is limited to ${target}` };
        }
      }
    }
    out[linkParam] = [...values(out[linkParam]), resourceType === 'Patient' ? decision.patient : target];
  }
  if (decision.granular) {
    const restriction = granularRestriction(decision.granular);
    if (!restriction) return { refused: 'The granted granular scopes cannot be combined into one search' };
    out[restriction.key] = [...values(out[restriction.key]), restriction.value];
  }
  return { query: out };
}

/** Granular scopes on one parameter (e.g. several `category=` values) OR together into one comma list. */
function granularRestriction(granular: string[]): { key: string; value: string } | undefined {
  const parsed = granular.map((q) => [...new URLSearchParams(q).entries()]);
  const key = parsed[0]?.[0]?.[0];
  if (!key || parsed.some((p) => p.length !== 1 || p[0]?.[0] !== key)) return undefined;
  return { key, value: parsed.map((p) => p[0]?.[1] ?? '').join(',') };
}

function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
