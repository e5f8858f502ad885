import { isRecord } from './codes.ts';
import { parseFhirDate } from './fhirDate.ts';

/** Observation statuses that carry a usable result (FHIR R4 observation-status). */
const RESULT_STATUSES = new Set(['final', 'amended', 'corrected']);

/** Dates later than now by more than this are rejected as future (allows for clock/time-zone skew). */
const FUTURE_TOLERANCE_MS = 86_400_000;

export interface DatedResource {
  id: string;
  /** The clinically relevant date as recorded. */
  date: string;
  at: number;
}

/** The id of a resource of the given type, or undefined if the resource is not one. */
export function resourceId(resource: unknown, type: string): string | undefined {
  if (!isRecord(resource) || resource.resourceType !== type) return undefined;
  return typeof resource.id === 'string' && resource.id !== '' ? resource.id : undefined;
}

/** The date a value was taken: effectiveDateTime/Instant, or the end (else start) of effectivePeriod. */
export function effectiveDate(obs: Record<string, unknown>): string | undefined {
  if (typeof obs.effectiveDateTime === 'string') return obs.effectiveDateTime;
  if (typeof obs.effectiveInstant === 'string') return obs.effectiveInstant;
  const period = obs.effectivePeriod;
  if (isRecord(period)) {
    if (typeof period.end === 'string') return period.end;
    if (typeof period.start === 'string') return period.start;
  }
  return undefined;
}

/** Checks a date string is a valid FHIR date and not in the future; returns its time or a reason. */
export function checkDate(date: string | undefined, now: Date): { at: number } | { problem: string } {
  if (date === undefined) return { problem: 'no date' };
  const at = parseFhirDate(date);
  if (at === undefined) return { problem: `invalid date "${date}"` };
  if (at > now.getTime() + FUTURE_TOLERANCE_MS) return { problem: `date ${date} is in the future` };
  return { at };
}

/**
 * Why an Observation cannot supply a value (status, dataAbsentReason, date), or its id and date if it can.
 * Only final/amended/corrected results count; entered-in-error, preliminary, cancelled etc. never do.
 */
export function usableObservation(obs: unknown, now: Date): { ok: DatedResource } | { problem: string } {
  if (!isRecord(obs)) return { problem: 'not a resource' };
  const id = resourceId(obs, 'Observation');
  if (id === undefined) return { problem: 'no Observation id' };
  if (typeof obs.status !== 'string' || !RESULT_STATUSES.has(obs.status)) return { problem: `status "${String(obs.status)}" is not a final result` };
  if (obs.dataAbsentReason !== undefined) return { problem: 'value absent (dataAbsentReason)' };
  const date = effectiveDate(obs);
  const checked = checkDate(date, now);
  if ('problem' in checked) return checked;
  return { ok: { id, date: date as string, at: checked.at } };
}
