/** A goal the physician set, as a Goal: proposed while the plan is a draft, active once the plan is. */
import type { Goal } from 'fhir/r4';
import { SYSTEM } from '../../chart/codes.ts';
import { patientRef, practitionerRef } from './references.ts';
import { fhirText } from './text.ts';
import type { GoalToSign, PlanToSign } from './types.ts';

export function goalOf(goal: GoalToSign, plan: PlanToSign): Goal {
  const targets = goal.targets.map((t) => ({
    measure: { coding: [t.measure], text: t.measure.display },
    detailQuantity: { value: t.value, ...(t.comparator ? { comparator: t.comparator } : {}), unit: t.unit, system: SYSTEM.ucum, code: t.ucum },
    ...(goal.dueDate ? { dueDate: goal.dueDate } : {}),
  }));
  // A date-only goal (a quit date) still needs its due date on a target: Goal has no due date of its own.
  const target = targets.length > 0 ? targets : goal.dueDate ? [{ dueDate: goal.dueDate }] : [];
  return {
    resourceType: 'Goal',
    lifecycleStatus: plan.status === 'active' ? 'active' : 'proposed',
    description: { text: fhirText(goal.text) ?? goal.kind },
    subject: patientRef(plan),
    ...(target.length > 0 ? { target } : {}),
    expressedBy: practitionerRef(plan),
  };
}
