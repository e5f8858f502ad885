/**
 * Accepted plan → FHIR R4 resources (issue 9), pure: one RiskAssessment per model result seen, the PCE's 10-year risk
 * as an Observation, the Goals, the CarePlan and a Provenance, as a transaction Bundle and as the same resources in
 * dependency order for servers without transactions. Every create is conditional on a stable identifier
 * (identifiers.ts), so a retry never duplicates; re-signing updates the same CarePlan.
 */
import type { Bundle, BundleEntry, Identifier } from 'fhir/r4';
import type { ModelId } from '../../risk/types.ts';
import type { GoalKind } from '../../store/planDraft.ts';
import { carePlanOf, type CarePlanLinks } from './carePlan.ts';
import { goalOf } from './goal.ts';
import { contentDigest, identifierOf, identifierSearch, uuidFor } from './identifiers.ts';
import { provenanceOf } from './provenance.ts';
import { localReferences } from './localReferences.ts';
import { pceObservationOf, riskAssessmentOf } from './riskAssessment.ts';
import type { PlanFhir, PlanToSign, WriteStep, WrittenResource } from './types.ts';

export type * from './types.ts';
export { TAILOR_IDENTIFIER_SYSTEM, identifierSearch } from './identifiers.ts';
export { goalToSign } from './goalTargets.ts';
export { planNote, planClipboardText, type PlanNote } from './documentReference.ts';
export { localReferences, resolveLocalReferences } from './localReferences.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fields that hold the signing time: left out of a resource's digest, so a retry signed later has the same identity. */
const TIME_FIELDS = new Set(['occurrenceDateTime', 'effectiveDateTime', 'issued', 'recorded', 'time']);

function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !TIME_FIELDS.has(k)).map(([k, v]) => [k, withoutTimes(v)]));
  }
  return value;
}

/**
 * A created resource's step: identifier from its content (R4 Provenance has no identifier element, so its identity
 * is a meta.tag under the same system, found by `_tag`), urn:uuid named by the identifier.
 */
function createStep(plan: PlanToSign, slot: string, resource: WrittenResource): WriteStep {
  const identifier = identifierOf(`${plan.draftId}/${slot}/${contentDigest(withoutTimes(resource))}`);
  const stamped: WrittenResource =
    resource.resourceType === 'Provenance'
      ? { ...resource, meta: { tag: [{ system: identifier.system, code: identifier.value }] } }
      : { ...resource, identifier: [identifier] };
  const ifNoneExist = resource.resourceType === 'Provenance' ? identifierSearch(identifier).replace(/^identifier=/, '_tag=') : identifierSearch(identifier);
  return {
    fullUrl: `urn:uuid:${uuidFor(identifier.value ?? '')}`,
    resource: stamped,
    request: { method: 'POST', url: resource.resourceType, ifNoneExist },
    identifier,
    references: localReferences(stamped),
  };
}

function checkInput(plan: PlanToSign): void {
  if (!UUID.test(plan.draftId)) throw new Error(`planToFhir: the draft id "${plan.draftId}" is not a UUID`);
  if (!/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(plan.practitioner)) throw new Error(`planToFhir: "${plan.practitioner}" is not a reference like Practitioner/<id>`);
  const notCondition = plan.addresses.find((c) => c.resourceType !== 'Condition');
  if (notCondition) throw new Error(`planToFhir: a CarePlan addresses Conditions only, not ${notCondition.resourceType}/${notCondition.id}`);
  const kinds = plan.goals.map((g) => g.kind);
  if (new Set(kinds).size < kinds.length) throw new Error('planToFhir: one goal per kind');
  const models = plan.models.map((m) => m.card.id);
  if (new Set(models).size < models.length) throw new Error('planToFhir: one result per model');
}

/** The CarePlan's business identifier: the draft's UUID under Tailor's system. */
export const carePlanIdentifier = (draftId: string): Identifier => identifierOf(draftId.toLowerCase());

export function planToFhir(plan: PlanToSign): PlanFhir {
  checkInput(plan);
  const steps: WriteStep[] = [];
  const links: CarePlanLinks = { assessments: {}, goals: {} };

  for (const seen of plan.models) {
    const assessment = riskAssessmentOf(seen, plan);
    if (!assessment) continue;
    const step = createStep(plan, `risk-assessment/${seen.card.id}`, assessment);
    steps.push(step);
    links.assessments[seen.card.id satisfies ModelId] = step.fullUrl;
    const observation = pceObservationOf(seen, plan);
    if (observation) {
      const obs = createStep(plan, 'observation/ascvd-10y', observation);
      steps.push(obs);
      links.observation = obs.fullUrl;
    }
  }
  for (const goal of plan.goals) {
    const step = createStep(plan, `goal/${goal.kind}`, goalOf(goal, plan));
    steps.push(step);
    links.goals[goal.kind satisfies GoalKind] = step.fullUrl;
  }

  const identifier = carePlanIdentifier(plan.draftId);
  const carePlan = carePlanOf(plan, identifier.value ?? '', links);
  const carePlanStep: WriteStep = {
    fullUrl: `urn:uuid:${plan.draftId.toLowerCase()}`,
    resource: carePlan,
    request: plan.revise
      ? { method: 'PUT', url: `CarePlan/${plan.revise.carePlanId}`, ifMatch: `W/"${plan.revise.versionId}"` }
      : { method: 'POST', url: 'CarePlan', ifNoneExist: identifierSearch(identifier) },
    identifier,
    references: localReferences(carePlan),
  };
  steps.push(carePlanStep);
  steps.push(createStep(plan, 'provenance', provenanceOf(plan, steps.map((s) => ({ fullUrl: s.fullUrl, type: s.resource.resourceType })))));

  const entry: BundleEntry[] = steps.map((s) => ({ fullUrl: s.fullUrl, resource: s.resource, request: s.request }));
  const transaction: Bundle = { resourceType: 'Bundle', type: 'transaction', entry };
  return { transaction, steps, carePlanIdentifier: identifier };
}

