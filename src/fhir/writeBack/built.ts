import type { Bundle, DocumentReference, FhirResource } from 'fhir/r4';

/**
 * What the write layer takes from the plan's FHIR builder (src/plan/toFhir: its PlanFhir, planNote and
 * planClipboardText fit these shapes; the write layer does not import the plan layer). Every create is conditional
 * (ifNoneExist on the resource's identifier); a CarePlan the builder already knows as signed comes as a PUT.
 */
export type PlanWriteRequest = { method: 'POST'; url: string; ifNoneExist: string } | { method: 'PUT'; url: string; ifMatch: string };

export interface PlanWriteStep {
  /** The resource's urn:uuid in the Bundle, which later steps reference until it is written. */
  fullUrl: string;
  resource: FhirResource;
  request: PlanWriteRequest;
}

export interface PlanWrites {
  /** The whole plan as one transaction Bundle (urn:uuid fullUrls, the same requests as the steps). */
  transaction: Bundle;
  /** The same resources in dependency order: a step refers only to steps before it. */
  steps: readonly PlanWriteStep[];
  /** The clinical note written instead when the EHR takes no CarePlan. */
  note: { resource: DocumentReference; ifNoneExist: string };
  /** The plan as plain text, for copy and print when nothing can be written. */
  text: string;
}

/** Resource types in the order the sign button names them. */
export const WRITE_ORDER = ['CarePlan', 'RiskAssessment', 'Observation', 'Goal', 'Provenance'] as const;

export interface WriteCount {
  resourceType: string;
  count: number;
}

/** How many of each type the care-plan paths write, in the button's order (types it does not know last). */
export function countWrites(steps: readonly Pick<PlanWriteStep, 'resource'>[]): WriteCount[] {
  const counts = new Map<string, number>();
  for (const { resource } of steps) counts.set(resource.resourceType, (counts.get(resource.resourceType) ?? 0) + 1);
  const rank = (type: string) => {
    const at = (WRITE_ORDER as readonly string[]).indexOf(type);
    return at < 0 ? WRITE_ORDER.length : at;
  };
  return [...counts].map(([resourceType, count]) => ({ resourceType, count })).sort((a, b) => rank(a.resourceType) - rank(b.resourceType));
}
