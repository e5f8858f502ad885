import { describe, expect, it } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { confineSearch, decide, inPatientCompartment } from '../../sandbox/fhir/access.ts';
import { loadFhirSchema } from '../../sandbox/fhir/schema.ts';
import { grantingScopes, parseResourceScope } from '../../sandbox/fhir/scopes.ts';

loadFhirSchema();

const grant = (scopes: string[], patient?: string): TokenGrant => ({ clientId: 'c', scopes, patient, switches: {}, expiresAt: 0 });

describe('parseResourceScope', () => {
  it.each([
    ['patient/Observation.read', 'patient', 'Observation', ['r', 's']],
    ['user/*.write', 'user', '*', ['c', 'u', 'd']],
    ['system/Patient.*', 'system', 'Patient', ['c', 'r', 'u', 'd', 's']],
    ['patient/Observation.rs', 'patient', 'Observation', ['r', 's']],
    ['patient/CarePlan.cruds', 'patient', 'CarePlan', ['c', 'r', 'u', 'd', 's']],
    ['patient/RiskAssessment.c', 'patient', 'RiskAssessment', ['c']],
  ])('reads %s', (scope, context, resourceType, actions) => {
    const parsed = parseResourceScope(scope);
    expect(parsed?.context).toBe(context);
    expect(parsed?.resourceType).toBe(resourceType);
    expect([...(parsed?.actions ?? [])]).toEqual(actions);
  });

  it('keeps a v2 granular query', () => {
    expect(parseResourceScope('patient/Observation.rs?category=laboratory')?.query).toBe('category=laboratory');
  });

  it.each(['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/Observation.sr', 'patient/Observation.rr', 'patient/Observation.x', 'patient/Observation.'])(
    'ignores %s (not a valid resource scope)',
    (scope) => expect(parseResourceScope(scope)).toBeUndefined(),
  );
});

describe('grantingScopes', () => {
  it('prefers an unrestricted user scope over a patient scope', () => {
    const scopes = grantingScopes(['patient/Observation.rs', 'user/Observation.read'], 'Observation', 's');
    expect(scopes.map((s) => s.context)).toEqual(['user', 'patient']);
  });

  it('grants nothing for another action or type', () => {
    expect(grantingScopes(['patient/Observation.rs'], 'Observation', 'c')).toEqual([]);
    expect(grantingScopes(['patient/Observation.rs'], 'Condition', 'r')).toEqual([]);
  });
});

describe('decide and confineSearch', () => {
  it('confines patient scopes to the launch patient and leaves user scopes unconfined', () => {
    expect(decide(grant(['patient/*.read'], 'p1'), 'Observation', 'r')).toEqual({ allowed: true, patient: 'p1', granular: undefined });
    expect(decide(grant(['user/*.read'], 'p1'), 'Observation', 'r')).toEqual({ allowed: true, patient: undefined, granular: undefined });
    expect(decide(grant(['patient/*.read'], 'p1'), 'Practitioner', 'r')).toEqual({ allowed: true, patient: undefined, granular: undefined });
  });

  it('adds the patient to a search, and refuses one for someone else', () => {
    const d = { allowed: true as const, patient: 'p1' };
    expect(confineSearch('Observation', { code: 'x' }, d)).toEqual({ query: { code: 'x', patient: ['Patient/p1'] } });
    expect(confineSearch('Patient', {}, d)).toEqual({ query: { _id: ['p1'] } });
    expect(confineSearch('Observation', { patient: 'p1' }, d)).toEqual({ query: { patient: ['p1', 'Patient/p1'] } });
    expect(confineSearch('Observation', { subject: 'Patient/p2' }, d)).toHaveProperty('refused');
    expect(confineSearch('Observation', { patient: 'p1,p2' }, d)).toHaveProperty('refused');
  });

  it('ORs granular scopes on one parameter and refuses mixed ones', () => {
    const two = { allowed: true as const, granular: ['category=laboratory', 'category=vital-signs'] };
    expect(confineSearch('Observation', {}, two)).toEqual({ query: { category: ['laboratory,vital-signs'] } });
    const mixed = { allowed: true as const, granular: ['category=laboratory', 'code=1'] };
    expect(confineSearch('Observation', {}, mixed)).toHaveProperty('refused');
  });

  it('places resources in the patient compartment through subject, patient or performer', () => {
    const obs = { resourceType: 'Observation', status: 'final', code: {}, subject: { reference: 'Patient/p1' } } as const;
    expect(inPatientCompartment(obs, 'p1')).toBe(true);
    expect(inPatientCompartment(obs, 'p2')).toBe(false);
    expect(inPatientCompartment({ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/p2' } }, 'p2')).toBe(true);
    expect(inPatientCompartment({ resourceType: 'Practitioner' }, 'p1')).toBe(true);
  });
});
