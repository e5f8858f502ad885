import type { CapabilityStatement, CapabilityStatementRestResourceInteraction } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { planWritePath } from '../../src/fhir/writeBack/index.ts';
import { fixturePlan } from './writeBackFixture.ts';

const ALL = ['CarePlan', 'RiskAssessment', 'Observation', 'Goal', 'Provenance', 'DocumentReference'] as const;
function statement(opts: { transaction?: boolean; readOnly?: string[] } = {}): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2025-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    software: { name: 'Test EHR' },
    rest: [{
      mode: 'server',
      resource: ALL.map((type) => ({
        type,
        interaction: ['read', 'search-type', ...((opts.readOnly as readonly string[] | undefined)?.includes(type) ? [] : ['create', 'update'])].map((code) => ({ code }) as CapabilityStatementRestResourceInteraction),
      })),
      ...(opts.transaction === false ? {} : { interaction: [{ code: 'transaction' as const }] }),
    }],
  };
}
const V2 = 'launch openid patient/CarePlan.rs patient/CarePlan.cu patient/RiskAssessment.c patient/Observation.rs patient/Observation.c patient/Goal.c patient/Provenance.c patient/DocumentReference.c';
const built = fixturePlan();

describe('planWritePath', () => {
  it('writes everything in one transaction when the server lists it, and says exactly what to which EHR', () => {
    const plan = planWritePath(statement(), V2, built);
    expect(plan.path).toBe('transaction');
    expect(plan.label).toBe('Write 1 care plan, 2 risk assessments, 1 observation, 1 goal and a provenance record to Test EHR');
    expect(plan.writes).toEqual([
      { resourceType: 'CarePlan', count: 1 }, { resourceType: 'RiskAssessment', count: 2 }, { resourceType: 'Observation', count: 1 },
      { resourceType: 'Goal', count: 1 }, { resourceType: 'Provenance', count: 1 },
    ]);
    expect(plan.missing).toEqual([]);
  });

  it('writes one by one without transaction support, and names the EHR it was given', () => {
    const plan = planWritePath(statement({ transaction: false }), V2, built, { ehrName: 'Epic' });
    expect(plan.path).toBe('individual');
    expect(plan.label).toMatch(/ to Epic$/);
    expect(plan.missing.map((m) => [m.resourceType, m.interaction])).toEqual([['Bundle', 'transaction']]);
  });

  it('falls back to a note when CarePlan create is not in the CapabilityStatement, and says so', () => {
    const plan = planWritePath(statement({ readOnly: ['CarePlan'] }), V2, built);
    expect(plan.path).toBe('document-reference');
    expect(plan.label).toBe('Write a clinical note to Test EHR');
    expect(plan.missing).toContainEqual(expect.objectContaining({ resourceType: 'CarePlan', interaction: 'create', because: 'not-in-capability-statement' }));
  });

  it('explains a write scope the EHR did not grant, in the syntax it granted (v2 and v1)', () => {
    const v2 = planWritePath(statement(), V2.replace(' patient/RiskAssessment.c', ''), built);
    expect(v2.path).toBe('document-reference');
    expect(v2.missing).toEqual([expect.objectContaining({ resourceType: 'RiskAssessment', interaction: 'create', because: 'scope-not-granted', scope: 'patient/RiskAssessment.c' })]);
    expect(v2.missing[0]?.message).toBe('Test EHR did not grant Tailor permission to create RiskAssessment (scope patient/RiskAssessment.c); ask your EHR administrator to allow it, then launch Tailor again.');
    const v1 = planWritePath(statement(), 'launch patient/CarePlan.read patient/CarePlan.write patient/Observation.read patient/Observation.write patient/Goal.write patient/Provenance.write patient/DocumentReference.write', built);
    expect(v1.path).toBe('document-reference');
    expect(v1.missing.map((m) => m.scope)).toEqual(['patient/RiskAssessment.write']);
  });

  it('offers copy and print when neither a care plan nor a note can be written', () => {
    const plan = planWritePath(statement({ readOnly: ['CarePlan', 'DocumentReference'] }), V2, built);
    expect(plan.path).toBe('none');
    expect(plan.writes).toEqual([]);
    expect(plan.missing.map((m) => `${m.resourceType} ${m.interaction}`)).toEqual(['CarePlan create', 'DocumentReference create']);
  });

  it('needs CarePlan update to revise a signed plan', () => {
    const cap = statement();
    const carePlan = cap.rest?.[0]?.resource?.find((r) => r.type === 'CarePlan');
    if (carePlan) carePlan.interaction = [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }];
    expect(planWritePath(cap, V2, built).path).toBe('transaction');
    const revising = planWritePath(cap, V2, built, { revising: true });
    expect(revising.path).toBe('document-reference');
    expect(revising.missing).toContainEqual(expect.objectContaining({ resourceType: 'CarePlan', interaction: 'update' }));
    expect(planWritePath(statement(), V2, built, { revising: true }).label).toBe('Update the care plan and write 2 risk assessments, 1 observation, 1 goal and a provenance record to Test EHR');
  });

  it('takes a server without a CapabilityStatement at its scopes, one resource at a time', () => {
    expect(planWritePath(undefined, V2, built).path).toBe('individual');
  });
});
