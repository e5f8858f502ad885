/**
 * The signed plan as a CarePlan (US Core CarePlan: narrative, status, intent, category assess-plan, subject), with
 * one activity per chosen item, linked to its goal, to the assessment that ranked it and to what triggered it.
 */
import type { CarePlan, CarePlanActivity, Reference } from 'fhir/r4';
import type { ModelId } from '../../risk/types.ts';
import type { GoalKind } from '../../store/planDraft.ts';
import type { ActivityKind } from '../types.ts';
import { SYSTEM } from '../../chart/codes.ts';
import { ASSESS_PLAN_CATEGORY } from './codes.ts';
import { itemDescription, planContent, signedDose, signedTiming } from './content.ts';
import { dailyAmountOf } from './dailyAmount.ts';
import { identifierOf } from './identifiers.ts';
import { chartRef, encounterRef, patientRef, practitionerRef } from './references.ts';
import { planXhtmlDiv } from './render.ts';
import { fhirText } from './text.ts';
import type { PlanItemToSign, PlanToSign } from './types.ts';

/** The local names (urn:uuid fullUrls) of the resources the CarePlan points to. */
export interface CarePlanLinks {
  assessments: Partial<Record<ModelId, string>>;
  observation?: string;
  goals: Partial<Record<GoalKind, string>>;
}

/** R4 CarePlanActivityKind: a drug is a MedicationRequest; tests, referrals, procedures and counselling are ServiceRequests. */
const DETAIL_KIND: Record<ActivityKind, 'MedicationRequest' | 'ServiceRequest'> = {
  medication: 'MedicationRequest',
  'lab-test': 'ServiceRequest',
  procedure: 'ServiceRequest',
  referral: 'ServiceRequest',
  counselling: 'ServiceRequest',
};

/** A reference to another resource of the Bundle, typed so a validator knows what the urn:uuid stands for. */
const local = (reference: string, type: string): Reference => ({ reference, type });

function activityOf(item: PlanItemToSign, plan: PlanToSign, links: CarePlanLinks): CarePlanActivity {
  const description = itemDescription(item);
  const timing = signedTiming(item);
  if (item.kind === 'added') {
    return { detail: { status: 'not-started', description, ...(timing ? { scheduledString: timing } : {}) } };
  }
  const { suggestion } = item;
  const { activity } = suggestion;
  const concept = { coding: [{ system: activity.code.system, code: activity.code.code, display: activity.code.display }], text: activity.code.display };
  // An RxNorm drug is the product; a coded regime (e.g. smoking cessation therapy) is the activity's code.
  const isProduct = activity.kind === 'medication' && activity.code.system === SYSTEM.rxnorm;
  const dailyAmount = isProduct ? dailyAmountOf(signedDose(item)) : undefined;
  const goalUrn = suggestion.goal ? links.goals[suggestion.goal.kind] : undefined;
  // R4 limits detail.reasonReference to Condition, Observation, DiagnosticReport and DocumentReference: the
  // assessment that ranked the suggestion is referenced through the PCE's risk Observation, the only one written.
  const rankedBy = suggestion.benefit && plan.therapyBaseline === 'pce' ? links.observation : undefined;
  const reasonCode = suggestion.triggers.flatMap((t) => {
    const text = fhirText(t);
    return text ? [{ text }] : [];
  });
  return {
    detail: {
      kind: DETAIL_KIND[activity.kind],
      ...(isProduct ? { productCodeableConcept: concept } : { code: concept }),
      ...(reasonCode.length > 0 ? { reasonCode } : {}),
      ...(rankedBy ? { reasonReference: [local(rankedBy, 'Observation')] } : {}),
      ...(goalUrn ? { goal: [local(goalUrn, 'Goal')] } : {}),
      status: 'not-started',
      ...(activity.action === 'avoid' ? { doNotPerform: true } : {}),
      ...(timing ? { scheduledString: timing } : {}),
      ...(dailyAmount ? { dailyAmount } : {}),
      description,
    },
  };
}

export function carePlanOf(plan: PlanToSign, identifierValue: string, links: CarePlanLinks): CarePlan {
  const supportingInfo = [
    ...Object.values(links.assessments).map((urn) => local(urn, 'RiskAssessment')),
    ...(links.observation ? [local(links.observation, 'Observation')] : []),
  ];
  const goal = Object.values(links.goals).map((urn) => local(urn, 'Goal'));
  const activity = plan.items.map((item) => activityOf(item, plan, links));
  const rationale = fhirText(plan.rationale);
  return {
    resourceType: 'CarePlan',
    ...(plan.revise ? { id: plan.revise.carePlanId } : {}),
    text: { status: 'generated', div: planXhtmlDiv(planContent(plan)) },
    identifier: [identifierOf(identifierValue)],
    status: plan.status,
    intent: 'plan',
    category: [ASSESS_PLAN_CATEGORY],
    title: fhirText(plan.title) ?? 'Care plan',
    subject: patientRef(plan),
    ...encounterRef(plan),
    created: plan.createdAt,
    author: practitionerRef(plan),
    ...(plan.addresses.length > 0 ? { addresses: plan.addresses.map(chartRef) } : {}),
    ...(supportingInfo.length > 0 ? { supportingInfo } : {}),
    ...(goal.length > 0 ? { goal } : {}),
    ...(activity.length > 0 ? { activity } : {}),
    ...(rationale ? { note: [{ authorReference: practitionerRef(plan), time: plan.signedAt, text: rationale }] } : {}),
  };
}
