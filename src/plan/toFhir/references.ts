/** References from what Tailor writes to the chart: the patient, the encounter, the practitioner, chart resources. */
import type { Reference } from 'fhir/r4';
import type { InputName } from '../../risk/types.ts';
import type { ChartInputs } from '../../risk/viewModel.ts';
import { fhirText } from './text.ts';
import type { ChartReference, PlanToSign } from './types.ts';

export const patientRef = (plan: PlanToSign): Reference => ({ reference: `Patient/${plan.patientId}` });
export const encounterRef = (plan: PlanToSign): { encounter: Reference } | Record<string, never> =>
  plan.encounterId ? { encounter: { reference: `Encounter/${plan.encounterId}` } } : {};
export const practitionerRef = (plan: PlanToSign): Reference => ({ reference: plan.practitioner });

export function chartRef(ref: ChartReference): Reference {
  const display = fhirText(ref.display);
  return { reference: `${ref.resourceType}/${ref.id}`, ...(display ? { display } : {}) };
}

/** The chart resources whose values gave the named inputs (derived inputs: the results they were computed from), once each. */
export function sourcesOf(inputs: ChartInputs, names: readonly InputName[]): ChartReference[] {
  const seen = new Map<string, ChartReference>();
  for (const name of names) {
    for (const source of inputs.provenance[name]?.sources ?? []) {
      const key = `${source.resourceType}/${source.id}`;
      if (!seen.has(key)) seen.set(key, source);
    }
  }
  return [...seen.values()];
}
