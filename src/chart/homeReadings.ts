import { isRecord } from './codes.ts';
import type { ObservationConcept } from './valueSets/observations.ts';

type Setting = NonNullable<ObservationConcept['setting']>;

/** A performer reference to the patient or a related person (by reference string or by `type`). */
function isLayPerformer(performer: unknown): boolean {
  if (!isRecord(performer)) return false;
  const ref = typeof performer.reference === 'string' ? performer.reference : '';
  return /(^|\/)(Patient|RelatedPerson)\//.test(ref) || performer.type === 'Patient' || performer.type === 'RelatedPerson';
}

/**
 * Whether an Observation was measured outside the office: performed by the patient or a related person, or taken by
 * a referenced device (HL7 CardX Hypertension Management IG 1.0.0, Self-measured Blood Pressure: performer the
 * patient, device the home monitor). A clinic that references its own automated office device on Observation.device
 * would have those readings counted here too; such a site must leave `device` out of office readings.
 */
export function isOutOfOffice(obs: unknown): boolean {
  if (!isRecord(obs)) return false;
  const performers = Array.isArray(obs.performer) ? obs.performer : [];
  return performers.some(isLayPerformer) || isRecord(obs.device);
}

/**
 * Observations split by measurement setting, for the blood pressure concepts (ObservationConcept.setting). The risk
 * equations were fitted on blood pressure measured at study visits (Pooled Cohort Equations: Goff DC et al.,
 * Circulation 2014;129:S49–S73; PREVENT: Khan SS et al., Circulation 2024;149:430–449), and home readings run lower
 * than office readings of the same pressure (2017 ACC/AHA BP guideline, Whelton PK et al., Hypertension
 * 2018;71:e13–e115, Table 11: office 140/90 corresponds to home 135/85), so home readings never stand in for office BP.
 */
export function bySetting(observations: readonly unknown[]): Record<Setting, unknown[]> {
  const out: Record<Setting, unknown[]> = { office: [], 'out-of-office': [] };
  for (const obs of observations) out[isOutOfOffice(obs) ? 'out-of-office' : 'office'].push(obs);
  return out;
}
