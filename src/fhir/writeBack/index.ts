/** Writing a signed plan to the EHR (issue 9): the path the EHR allows, the write itself, and reading it back. */
export type { PlanWriteRequest, PlanWriteStep, PlanWrites, WriteCount } from './built.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './exchange.ts';
export type { WriteFailure } from './failure.ts';
export { listTailorCarePlans, readCarePlan, type ReadResult, type TailorCarePlanSummary } from './readBack.ts';
export { fhirclientWriteRequester, httpWriteRequester, type FhirExchangeRequest, type FhirExchangeResponse, type WriteRequester } from './requester.ts';
export type { SavedResource } from './savedResource.ts';
export { planWritePath, type MissingForWrite, type WritePath, type WritePathOptions, type WritePathPlan } from './writePath.ts';
export { writePlan, type WriteOptions, type WriteProgress, type WriteResult, type WrittenResource } from './writePlan.ts';
