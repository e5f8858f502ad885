/** Chart loading: the one wave of FHIR searches after launch. Depends only on the FhirRequester interface. */
export type { FhirRequester } from './requester.ts';
export { fhirclientRequester } from './fhirclientRequester.ts';
export { readCapabilities, type ServerCapabilities } from './capabilities.ts';
export { planChartSearches, tokenList, type SearchSpec, type SourceId } from './searchPlan.ts';
export { loadSource, loadOlderPages, canLoadOlder, loadingState, toChartData, DEFAULT_LOAD_OPTIONS, type SourceState, type SourceOutcome, type LoadOptions } from './loadChart.ts';
export { describeFailure, outcomeText, type RequestFailure } from '../operationOutcome.ts';
