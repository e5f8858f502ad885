import type Client from 'fhirclient/lib/Client';
import type { FhirRequester } from './requester.ts';

/**
 * Adapts a fhirclient Client to FhirRequester. Type-only import: the loader never loads fhirclient itself.
 * fhirclient resolves relative URLs against the server URL, refreshes tokens, and throws HttpError on HTTP errors.
 */
export function fhirclientRequester(client: Pick<Client, 'request' | 'state'>): FhirRequester {
  return {
    baseUrl: client.state.serverUrl,
    request: <T,>(url: string, signal?: AbortSignal) => client.request<T>({ url, ...(signal ? { signal } : {}) }),
  };
}
