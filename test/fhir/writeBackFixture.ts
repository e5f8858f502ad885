import type { Bundle, BundleEntry } from 'fhir/r4';
import type { PlanWrites, PlanWriteStep } from '../../src/fhir/writeBack/index.ts';

/**
 * A small signed plan in the builder's shape, written by hand so the write layer is tested on its own: two risk
 * assessments, one risk-score Observation, one goal, the CarePlan referring to them by urn:uuid, and a Provenance.
 */
export const SYSTEM = 'urn:tailor:plan';
export const DRAFT = '4f2b8c1e-0d3a-4e6f-9b7c-2a1d5e8f3c40';
const UCUM = 'http://unitsofmeasure.org';
const urn = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const URN = { ra10: urn(1), ra30: urn(2), score: urn(3), goal: urn(4), plan: urn(5), provenance: urn(6) };
const identifier = (value: string) => ({ system: SYSTEM, value });
const ifNoneExist = (value: string) => `identifier=${encodeURIComponent(SYSTEM)}|${encodeURIComponent(value)}`;

export function fixturePlan(patient = 'typical-woman', opts: { title?: string; signedAt?: string; draft?: string } = {}): PlanWrites {
  const DRAFT_ID = opts.draft ?? DRAFT;
  const signedAt = opts.signedAt ?? '2025-03-04T10:15:00Z';
  const subject = { reference: `Patient/${patient}` };
  const step = (fullUrl: string, resource: PlanWriteStep['resource'], id: string): PlanWriteStep => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ifNoneExist: ifNoneExist(id) } });
  const steps: PlanWriteStep[] = [
    step(URN.ra10, { resourceType: 'RiskAssessment', identifier: [identifier(`${DRAFT_ID}/ra/10y`)], status: 'final', subject, occurrenceDateTime: signedAt, prediction: [{ outcome: { text: 'ASCVD event' }, probabilityDecimal: 0.052, whenRange: { high: { value: 10, unit: 'years', system: UCUM, code: 'a' } } }] }, `${DRAFT_ID}/ra/10y`),
    step(URN.ra30, { resourceType: 'RiskAssessment', identifier: [identifier(`${DRAFT_ID}/ra/30y`)], status: 'final', subject, occurrenceDateTime: signedAt, prediction: [{ outcome: { text: 'ASCVD event' }, probabilityDecimal: 0.21, whenRange: { high: { value: 30, unit: 'years', system: UCUM, code: 'a' } } }] }, `${DRAFT_ID}/ra/30y`),
    step(URN.score, { resourceType: 'Observation', identifier: [identifier(`${DRAFT_ID}/score`)], status: 'final', code: { text: '10-year ASCVD risk' }, subject, effectiveDateTime: signedAt, valueQuantity: { value: 5.2, unit: '%', system: UCUM, code: '%' }, derivedFrom: [{ reference: URN.ra10 }] }, `${DRAFT_ID}/score`),
    step(URN.goal, { resourceType: 'Goal', identifier: [identifier(`${DRAFT_ID}/goal/ldl`)], lifecycleStatus: 'active', description: { text: 'LDL-C < 100 mg/dL' }, subject }, `${DRAFT_ID}/goal/ldl`),
    step(URN.plan, {
      resourceType: 'CarePlan', identifier: [identifier(DRAFT_ID)], status: 'active', intent: 'plan', title: opts.title ?? 'Heart risk plan', subject,
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' }] }],
      created: '2025-03-04T09:50:00Z', supportingInfo: [{ reference: URN.ra10 }, { reference: URN.ra30 }, { reference: URN.score }], goal: [{ reference: URN.goal }],
    }, DRAFT_ID),
    step(URN.provenance, {
      resourceType: 'Provenance', target: [URN.plan, URN.ra10, URN.ra30, URN.score, URN.goal].map((reference) => ({ reference })), recorded: signedAt,
      agent: [{ who: { reference: 'Practitioner/dr-okafor' } }],
    }, `${DRAFT_ID}/provenance`),
  ];
  // Provenance has no identifier element in R4: its conditional create is on the plan it is the provenance of.
  const provenance = steps[5] as PlanWriteStep;
  provenance.request = { method: 'POST', url: 'Provenance', ifNoneExist: `target=${URN.plan}&recorded=${signedAt}` };
  const transaction: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: steps.map((s): BundleEntry => ({ fullUrl: s.fullUrl, resource: s.resource, request: s.request })),
  };
  const note = {
    resource: {
      resourceType: 'DocumentReference' as const, identifier: [identifier(`${DRAFT_ID}/note`)], status: 'current' as const, docStatus: 'final' as const, subject,
      type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] }, date: signedAt,
      content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: btoa('Heart risk plan') } }],
    },
    ifNoneExist: ifNoneExist(`${DRAFT_ID}/note`),
  };
  return { transaction, steps, note, text: 'Heart risk plan\n' };
}
