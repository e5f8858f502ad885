/**
 * What Tailor remembers about signing a draft, next to the draft in sessionStorage: the plan the chart holds once the
 * server confirmed a write, and the latest attempt the server has not confirmed (in progress, or failed and why).
 * Read back field by field, like the draft: a malformed part is dropped, never the rest.
 */
import { isRecord } from '../chart/codes.ts';
import type { WriteFailure } from '../fhir/writeBack/index.ts';

export type PlanStatus = 'draft' | 'active';

/** A write the server confirmed: what "Saved to chart" shows, and what re-signing updates. */
export interface SignedPlan {
  resourceType: 'CarePlan' | 'DocumentReference';
  id: string;
  versionId?: string;
  lastUpdated?: string;
  /** How it was written; absent when it was found in the chart's history instead (signed in another tab or session). */
  path?: 'transaction' | 'individual' | 'document-reference';
  /** When Tailor had the server's confirmation. */
  savedAt?: string;
  planStatus?: PlanStatus;
  /** The content signed (signFingerprint); absent when found in the history, so any plan shown counts as changed. */
  fingerprint?: string;
}

export type StoredFailure = Pick<WriteFailure, 'kind' | 'message' | 'retryable'> & Partial<Pick<WriteFailure, 'detail' | 'status'>>;

/** The latest signing the server has not confirmed. */
export interface SignAttempt {
  status: 'pending' | 'failed';
  /** The attempt's signing time: a retry of the same content signs with it again, so it sends the same resources. */
  signedAt: string;
  planStatus: PlanStatus;
  fingerprint: string;
  failure?: StoredFailure;
}

export interface SignRecord {
  signed?: SignedPlan;
  attempt?: SignAttempt;
}

/** An attempt still pending when the page opens: the tab was closed or reloaded before the server answered. */
export const INTERRUPTED: StoredFailure = {
  kind: 'unreachable',
  retryable: true,
  message: 'Tailor was closed or reloaded while saving this plan, so it cannot tell whether the chart received it. Your plan is kept: signing again is safe and will not save it twice.',
};

const PATHS: readonly NonNullable<SignedPlan['path']>[] = ['transaction', 'individual', 'document-reference'];
const FAILURE_KINDS: readonly WriteFailure['kind'][] = ['expired', 'forbidden', 'rejected', 'conflict', 'not-supported', 'busy', 'unavailable', 'unreachable', 'cancelled', 'unexpected'];
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const status = (v: unknown): PlanStatus | undefined => (v === 'draft' || v === 'active' ? v : undefined);
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

function readSigned(v: unknown): SignedPlan | undefined {
  if (!isRecord(v)) return undefined;
  const id = str(v.id);
  const resourceType = v.resourceType === 'CarePlan' || v.resourceType === 'DocumentReference' ? v.resourceType : undefined;
  if (!id || !resourceType) return undefined;
  const path = PATHS.find((p) => p === v.path);
  return {
    resourceType, id,
    ...optional('versionId', str(v.versionId)), ...optional('lastUpdated', str(v.lastUpdated)), ...optional('path', path),
    ...optional('savedAt', str(v.savedAt)), ...optional('planStatus', status(v.planStatus)), ...optional('fingerprint', str(v.fingerprint)),
  };
}

function readFailure(v: unknown): StoredFailure | undefined {
  if (!isRecord(v)) return undefined;
  const kind = FAILURE_KINDS.find((k) => k === v.kind);
  const message = str(v.message);
  if (!kind || !message || typeof v.retryable !== 'boolean') return undefined;
  return { kind, message, retryable: v.retryable, ...optional('detail', str(v.detail)), ...optional('status', typeof v.status === 'number' ? v.status : undefined) };
}

function readAttempt(v: unknown): SignAttempt | undefined {
  if (!isRecord(v)) return undefined;
  const signedAt = str(v.signedAt);
  const planStatus = status(v.planStatus);
  const fingerprint = str(v.fingerprint);
  if ((v.status !== 'pending' && v.status !== 'failed') || !signedAt || Number.isNaN(Date.parse(signedAt)) || !planStatus || !fingerprint) return undefined;
  // A failed attempt without a readable reason is still failed: the physician is told it did not finish.
  const failure = v.status === 'failed' ? (readFailure(v.failure) ?? INTERRUPTED) : undefined;
  return { status: v.status, signedAt, planStatus, fingerprint, ...optional('failure', failure) };
}

/** Reads a stored record; what is not readable is left out (and named in `problems`). */
export function parseSignRecord(raw: string): { record: SignRecord; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { record: {}, problems: ['The stored signing state was not readable (not JSON); the chart is asked what was signed'] };
  }
  if (!isRecord(json)) return { record: {}, problems: ['The stored signing state was not readable; the chart is asked what was signed'] };
  const signed = readSigned(json.signed);
  const attempt = readAttempt(json.attempt);
  const problems = [
    ...(json.signed !== undefined && !signed ? ['the saved plan it named was malformed'] : []),
    ...(json.attempt !== undefined && !attempt ? ['the last signing attempt was malformed'] : []),
  ];
  return {
    record: { ...optional('signed', signed), ...optional('attempt', attempt) },
    problems: problems.length > 0 ? [`The stored signing state was partly malformed: ${problems.join('; ')} (dropped)`] : [],
  };
}
