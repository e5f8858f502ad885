/**
 * The only thing the chart loader needs from a FHIR client, so the loader never depends on fhirclient itself
 * (fhirclientRequester.ts adapts its Client; tests pass a fetch-based one).
 * `request` takes a URL relative to baseUrl (or absolute, for next links) and resolves to parsed JSON;
 * it rejects on HTTP errors (fhirclient throws HttpError with .status and .response).
 */
export interface FhirRequester {
  readonly baseUrl: string;
  request<T>(url: string, signal?: AbortSignal): Promise<T>;
}
