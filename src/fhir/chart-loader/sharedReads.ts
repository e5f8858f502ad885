import type { FhirRequester } from './requester.ts';

/**
 * A requester that answers each of the given URLs once with a read already under way elsewhere, and passes every other
 * request on. The session reads the launch Patient for the banner; the chart's Patient source is that same read, so
 * the server is not asked twice. A second request for the URL (a retry after a failure) goes to the server.
 */
export function withSharedReads(requester: FhirRequester, reads: ReadonlyMap<string, Promise<unknown>>): FhirRequester {
  const unused = new Map(reads);
  return {
    baseUrl: requester.baseUrl,
    request<T>(url: string, signal?: AbortSignal): Promise<T> {
      const shared = unused.get(url);
      if (!shared) return requester.request<T>(url, signal);
      unused.delete(url);
      // As unchecked as the server's own answer would be: both are parsed JSON the chart layer validates.
      return shared as Promise<T>;
    },
  };
}
