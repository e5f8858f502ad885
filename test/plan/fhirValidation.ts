/**
 * The sandbox FHIR server's write check (sandbox/fhir/server.ts `validate`): @medplum/core's validateResource against
 * the R4 StructureDefinitions that sandbox/fhir/schema.ts loads, errors and fatals only (bindings are not checked).
 */
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { loadFhirSchema } from '../../sandbox/fhir/schema.ts';

/** The problems the sandbox would refuse a write for, as "path: text"; empty when the resource validates. */
export function validationErrors(resource: object): string[] {
  loadFhirSchema();
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    issues = err.outcome.issue ?? [];
  }
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
}
