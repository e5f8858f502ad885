import { outcomeText } from '../operationOutcome.ts';

/** Why a write did not complete, in the terms the sign button needs: what to tell the physician, and whether to offer a retry. */
export interface WriteFailure {
  kind: 'expired' | 'forbidden' | 'rejected' | 'conflict' | 'not-supported' | 'busy' | 'unavailable' | 'unreachable' | 'cancelled' | 'unexpected';
  /** The HTTP status, when the server answered. */
  status?: number;
  /** One or two plain sentences for the physician. */
  message: string;
  /** The server's own words (its OperationOutcome), when it gave any. */
  detail?: string;
  /** True when trying again later may succeed (the plan is kept either way). */
  retryable: boolean;
}

/** Plain names for what is being written, used in every message. */
const NOUN: Record<string, string> = {
  CarePlan: 'care plan',
  RiskAssessment: 'risk assessment',
  Observation: 'risk score',
  Goal: 'goal',
  Provenance: 'provenance record',
  DocumentReference: 'clinical note',
  Bundle: 'plan',
};

export function nounFor(resourceType: string): string {
  return NOUN[resourceType] ?? resourceType;
}

/** A failure from an HTTP answer: the status says what kind, the OperationOutcome says why. */
export function failureFromResponse(status: number, body: unknown, resourceType: string): WriteFailure {
  const detail = outcomeText(body);
  const what = nounFor(resourceType);
  const why = detail ? ` The EHR said: ${detail}.` : '';
  const base = { status, ...(detail ? { detail } : {}) };
  if (status === 401) {
    return { ...base, kind: 'expired', retryable: false, message: `Your session with the EHR has ended, so the ${what} was not saved. Your plan is kept: launch Tailor again from the EHR and sign again.` };
  }
  if (status === 403) {
    return { ...base, kind: 'forbidden', retryable: false, message: `The EHR did not allow Tailor to save the ${what}.${why} Your plan is kept; ask your EHR administrator to grant Tailor this permission.` };
  }
  if (status === 404 || status === 405 || status === 501) {
    return { ...base, kind: 'not-supported', retryable: false, message: `This EHR does not accept a ${what} from Tailor.${why} Your plan is kept: copy or print it instead.` };
  }
  if (status === 409 || status === 412) {
    return {
      ...base,
      kind: 'conflict',
      retryable: false,
      message: `The ${what} in the chart changed while you were signing (someone else may have edited it), so Tailor did not overwrite it.${why} Your plan is kept: reopen the chart and sign again.`,
    };
  }
  if (status === 429) {
    return { ...base, kind: 'busy', retryable: true, message: `The EHR is busy and asked Tailor to wait, so the ${what} was not saved yet.${why} Your plan is kept: try again in a minute.` };
  }
  if (status >= 500) {
    return { ...base, kind: 'unavailable', retryable: true, message: `The EHR had a problem saving the ${what} (HTTP ${status}).${why} Your plan is kept: try again.` };
  }
  // 400, 422 and other refusals: the content itself was refused, so sending it again would be refused again.
  return { ...base, kind: 'rejected', retryable: false, message: `The EHR refused the ${what} as written (HTTP ${status}).${why} Your plan is kept.` };
}

export function unreachable(resourceType: string): WriteFailure {
  return {
    kind: 'unreachable',
    retryable: true,
    message: `The EHR could not be reached or did not answer in time, so Tailor cannot tell whether the ${nounFor(resourceType)} was saved. Your plan is kept: trying again is safe and will not save it twice.`,
  };
}

export const CANCELLED: WriteFailure = { kind: 'cancelled', retryable: true, message: 'Saving was cancelled. Your plan is kept.' };

/** Anything the write layer did not foresee (a malformed answer, a bug): reported, never thrown. */
export function unexpected(error: unknown): WriteFailure {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unexpected', retryable: true, detail, message: `Tailor could not finish saving the plan (${detail}). Your plan is kept: try again.` };
}
