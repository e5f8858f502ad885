import { describe, expect, it } from 'vitest';
import { grantsRead, requestedScopes, scopeSyntaxFor } from '../../src/fhir/scopes.ts';

describe('requestedScopes', () => {
  it('asks an EHR launch for launch context and v2 resource scopes', () => {
    const scopes = requestedScopes('ehr', 'v2').split(' ');
    expect(scopes).toContain('launch');
    expect(scopes).not.toContain('launch/patient');
    expect(scopes).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'online_access', 'patient/Observation.rs', 'patient/CarePlan.rs', 'patient/CarePlan.cu', 'patient/RiskAssessment.c']));
  });

  it('asks a standalone launch to pick a patient', () => {
    expect(requestedScopes('standalone', 'v2').split(' ')).toContain('launch/patient');
  });

  it('translates to SMART v1 syntax', () => {
    const scopes = requestedScopes('ehr', 'v1').split(' ');
    expect(scopes).toEqual(expect.arrayContaining(['patient/Observation.read', 'patient/CarePlan.read', 'patient/CarePlan.write', 'patient/RiskAssessment.write']));
    expect(scopes.some((s) => /\.(rs|cruds|c)$/.test(s))).toBe(false);
  });
});

describe('scopeSyntaxFor', () => {
  it('uses v2 only when the server advertises permission-v2', () => {
    expect(scopeSyntaxFor({ capabilities: ['launch-ehr', 'permission-v2'] })).toBe('v2');
    expect(scopeSyntaxFor({ capabilities: ['launch-ehr', 'permission-v1'] })).toBe('v1');
    expect(scopeSyntaxFor(undefined)).toBe('v1');
  });
});

describe('grantsRead', () => {
  it.each([
    ['patient/Patient.rs', true],
    ['patient/Patient.r', true],
    ['patient/Patient.cruds', true],
    ['patient/Patient.read', true],
    ['patient/*.read', true],
    ['user/Patient.rs', true],
    ['patient/Patient.s', false],
    ['patient/Patient.c', false],
    ['patient/Patient.write', false],
    ['patient/Observation.rs', false],
    ['launch openid', false],
  ])('%s → %s', (granted, expected) => {
    expect(grantsRead(granted, 'Patient')).toBe(expected);
  });
});
