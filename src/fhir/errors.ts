import { outcomeFromMessage, statusOf } from './operationOutcome.ts';

/** What went wrong talking to the EHR, in the terms the UI needs to act on it. */
export type FhirFailure =
  | { kind: 'expired'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'other'; message: string };

/** Classifies fhirclient's HttpError (which has `status`) or any other thrown value. */
export function describeFhirError(error: unknown): FhirFailure {
  const e = error as { message?: string } | undefined;
  const status = statusOf(error);
  const detail = outcomeFromMessage(error);
  const suffix = detail ? ` (${detail})` : '';
  if (status === 401 || /session expired|no refresh token/i.test(e?.message ?? '')) {
    return { kind: 'expired', message: `Your session with the EHR has ended${suffix}. Launch Tailor again from the EHR.` };
  }
  if (status === 403) return { kind: 'forbidden', message: `The EHR refused access${suffix}.` };
  if (status === 404) return { kind: 'not-found', message: `The EHR has no such record${suffix}.` };
  if (status && status >= 500) return { kind: 'unavailable', message: `The EHR had a problem (HTTP ${status})${suffix}.` };
  if (status) return { kind: 'other', message: `The EHR answered HTTP ${status}${suffix}.` };
  return { kind: 'unavailable', message: 'The EHR could not be reached. Check the connection and try again.' };
}
