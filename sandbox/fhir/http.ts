/** Small HTTP helpers for the FHIR handler: JSON bodies, OperationOutcome replies, CORS. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: OperationOutcomeIssue['code'] = 'processing',
    readonly headers: Record<string, string> = {},
    /** A full OperationOutcome to send instead of one built from the message (e.g. validation issues). */
    readonly body?: OperationOutcome,
  ) {
    super(message);
  }
}

export function outcome(message: string, code: OperationOutcomeIssue['code'], severity: OperationOutcomeIssue['severity'] = 'error'): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text: message }, diagnostics: message }] };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, err.body ?? outcome(err.message, err.code, err.status >= 500 ? 'fatal' : 'error'), err.headers);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large', 'too-costly');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON', 'structure');
  }
}

/** CORS for a browser app calling with a bearer token (no cookies, so no credentials mode is needed). */
export function corsHeaders(origin: string | undefined, allowed: readonly string[] | undefined): Record<string, string> {
  const allow = origin && (!allowed || allowed.includes(origin)) ? origin : allowed ? undefined : '*';
  if (!allow) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': allow,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, If-None-Exist, If-Match, If-None-Match, Prefer, X-Requested-With',
    'Access-Control-Expose-Headers': 'Location, ETag, Last-Modified, Content-Location, WWW-Authenticate, Retry-After',
    'Access-Control-Max-Age': '600',
  };
}
