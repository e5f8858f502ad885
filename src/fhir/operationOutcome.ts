import type { OperationOutcome } from 'fhir/r4';

/** A failed request, described for a clinician: HTTP status when known, and the server's own words. */
export interface RequestFailure {
  status?: number;
  message: string;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** The human text of an OperationOutcome: each issue's diagnostics, details text/display, or code. */
export function outcomeText(outcome: unknown): string | undefined {
  if (!isRecord(outcome) || outcome.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return undefined;
  const parts = (outcome as unknown as OperationOutcome).issue.flatMap((issue) => {
    if (!isRecord(issue)) return [];
    const text = issue.diagnostics ?? issue.details?.text ?? issue.details?.coding?.find((c) => c.display)?.display ?? issue.code;
    return typeof text === 'string' && text !== '' ? [text] : [];
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

const STATUS_HINT: Record<number, string> = {
  400: 'the server refused the search',
  401: 'not authorised: the session may have expired, relaunch Tailor from the EHR',
  403: 'access denied for this data',
  404: 'not found',
  429: 'the server is busy (rate limited)',
};

/**
 * Describes anything a requester may throw: fhirclient's HttpError (status, response, message with the JSON body
 * appended by HttpError.parse()), a fetch Response, an AbortError/timeout, or a plain Error.
 */
export async function describeFailure(error: unknown): Promise<RequestFailure> {
  if (isRecord(error) && error.name === 'AbortError') return { message: 'the request was cancelled or timed out' };
  const status = statusOf(error);
  const outcome = (await outcomeFromBody(error)) ?? outcomeFromMessage(error);
  const hint = status !== undefined ? (STATUS_HINT[status] ?? (status >= 500 ? 'the server had an error' : `HTTP ${status}`)) : undefined;
  const fallback = (error instanceof Error ? firstLine(error.message) : typeof error === 'string' ? error : '') || 'request failed';
  const message = [status !== undefined ? `${status}: ${hint}` : undefined, outcome ?? (status === undefined ? fallback : undefined)].filter(Boolean).join(' — ');
  return { ...(status !== undefined ? { status } : {}), message: message || fallback };
}

/** The HTTP status a thrown value carries (fhirclient's HttpError, a Response, or an object with `status`). */
export function statusOf(error: unknown): number | undefined {
  if (!isRecord(error)) return undefined;
  for (const candidate of [error.status, error.statusCode, isRecord(error.response) ? error.response.status : undefined]) {
    if (typeof candidate === 'number' && candidate >= 100 && candidate < 600) return candidate;
  }
  return undefined;
}

async function outcomeFromBody(error: unknown): Promise<string | undefined> {
  if (!isRecord(error)) return undefined;
  const direct = outcomeText(error.body) ?? outcomeText(error.outcome);
  if (direct) return direct;
  const response = isRecord(error.response) ? error.response : typeof error.json === 'function' ? error : undefined;
  if (!response || response.bodyUsed === true || typeof response.clone !== 'function') return undefined;
  try {
    const copy = (response.clone as () => Response)();
    return outcomeText(await copy.json());
  } catch {
    return undefined;
  }
}

/**
 * fhirclient's HttpError.parse() appends the JSON body to the message after a blank line, and its 401 handling
 * appends more text after that, so the JSON is what lies between the first "{" and the last "}".
 */
export function outcomeFromMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const start = error.message.indexOf('{');
  const end = error.message.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return outcomeText(JSON.parse(error.message.slice(start, end + 1)));
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
