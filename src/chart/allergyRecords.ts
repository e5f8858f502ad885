import { isRecord, statusCode } from './codes.ts';
import { checkDate, resourceId } from './observationValidity.ts';

/** The date an AllergyIntolerance was recorded (else its onset), as recorded. */
export function allergyDate(a: Record<string, unknown>): string | undefined {
  return typeof a.recordedDate === 'string' ? a.recordedDate : typeof a.onsetDateTime === 'string' ? a.onsetDateTime : undefined;
}

/**
 * Why an AllergyIntolerance cannot count (no id, refuted or entered-in-error, no longer active, a bad or future date),
 * or undefined when it counts. A record without a clinical status counts: the allergy list is for caution.
 */
export function allergyProblem(a: unknown, now: Date): string | undefined {
  if (!isRecord(a)) return 'not a resource';
  if (resourceId(a, 'AllergyIntolerance') === undefined) return 'no AllergyIntolerance id';
  const verification = statusCode(a.verificationStatus);
  const clinical = statusCode(a.clinicalStatus);
  const date = allergyDate(a);
  const dateProblem = date !== undefined ? checkDate(date, now) : undefined;
  return verification === 'refuted' || verification === 'entered-in-error' ? `verification status "${verification}"`
    : clinical !== undefined && clinical !== 'active' ? `clinical status "${clinical}"`
    : dateProblem && 'problem' in dateProblem ? dateProblem.problem
    : undefined;
}
