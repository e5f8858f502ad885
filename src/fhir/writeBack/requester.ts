import type Client from 'fhirclient/lib/Client';
import { fhirclientRequester } from '../chart-loader/fhirclientRequester.ts';
import type { FhirRequester } from '../chart-loader/requester.ts';

/** One HTTP exchange with the FHIR server. `url` is relative to the base (or absolute); `body` is sent as FHIR JSON. */
export interface FhirExchangeRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

/** What came back, whatever the status: the write layer decides itself what a 412 or a 503 means. */
export interface FhirExchangeResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
}

/**
 * The chart loader's requester plus what writing needs: raw exchanges (status, ETag, Location) and a token refresh
 * the write layer triggers itself on a 401. One object serves both the loader and the writer.
 */
export interface WriteRequester extends FhirRequester {
  /** Resolves with any HTTP status; rejects only when no answer arrived (network error, abort, timeout). */
  send(request: FhirExchangeRequest): Promise<FhirExchangeResponse>;
  /** Gets a new access token; false when it cannot (no refresh token, or the server refused). */
  refreshToken(): Promise<boolean>;
}

export interface HttpWriteRequesterOptions {
  baseUrl: string;
  /** The Authorization header value for the next request, or null for none. */
  authorization(): Promise<string | null>;
  refreshToken(): Promise<boolean>;
  fetch?: typeof fetch;
}

/** An error carrying what describeFailure() reads (status, OperationOutcome body), for `request`'s rejections. */
class FhirHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** A WriteRequester over fetch; the fhirclient adapter and tests both use it. */
export function httpWriteRequester(opts: HttpWriteRequesterOptions): WriteRequester {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function send(request: FhirExchangeRequest): Promise<FhirExchangeResponse> {
    const headers = new Headers({ Accept: 'application/fhir+json', ...request.headers });
    const authorization = await opts.authorization();
    if (authorization) headers.set('Authorization', authorization);
    if (request.body !== undefined) headers.set('Content-Type', 'application/fhir+json');
    const response = await doFetch(new URL(request.url, `${baseUrl}/`), {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return { status: response.status, headers: response.headers, body: await jsonBody(response) };
  }

  return {
    baseUrl,
    send,
    refreshToken: opts.refreshToken,
    async request<T>(url: string, signal?: AbortSignal): Promise<T> {
      const response = await send({ method: 'GET', url, ...(signal ? { signal } : {}) });
      if (response.status >= 400) throw new FhirHttpError(response.status, response.body);
      return response.body as T;
    },
  };
}

async function jsonBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Adapts a fhirclient Client. Writes do not go through `client.request`: on a 401 it wipes the session's tokens
 * (refresh token included) and throws, so the write layer could not refresh and retry. Here the token is refreshed
 * ahead of expiry as fhirclient does, and on a 401 by `client.refresh()`, which stores the new token for the launch.
 */
export function fhirclientWriteRequester(client: Pick<Client, 'request' | 'state' | 'refresh' | 'refreshIfNeeded' | 'getAuthorizationHeader'>): WriteRequester {
  const writer = httpWriteRequester({
    baseUrl: client.state.serverUrl,
    async authorization() {
      // A failed early refresh is not fatal: the server answers 401 and the write layer refreshes once more.
      await client.refreshIfNeeded().catch(() => undefined);
      return client.getAuthorizationHeader();
    },
    // refresh() throws before it returns a promise when there is no refresh token (or no online/offline access).
    async refreshToken() {
      try {
        await client.refresh();
        return true;
      } catch {
        return false;
      }
    },
  });
  return { ...writer, request: fhirclientRequester(client).request };
}
