/**
 * The server's CapabilityStatement. fhirclient reads `rest.resource[].searchParam` to learn how to search by patient
 * (without it `client.patient.request()` fails, ehr-notes.md §1b), and apps read `interaction` to decide whether a
 * write (e.g. CarePlan create) is possible, so both must say exactly what the server does.
 */
import { getSearchParameters } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from '@medplum/fhirtypes';
import type { LaunchSwitches } from '../contracts.ts';
import { SEARCHABLE_PARAM_TYPES } from './repository.ts';

/** Resource types the sandbox serves; everything else is a 404. */
export const SUPPORTED_TYPES = [
  'Patient',
  'Practitioner',
  'Encounter',
  'Observation',
  'Condition',
  'MedicationRequest',
  'AllergyIntolerance',
  'FamilyMemberHistory',
  'CarePlan',
  'RiskAssessment',
  'Goal',
  'DocumentReference',
  'Provenance',
] as const;

/**
 * Types a launch's switches make read-only (create and update refused and not advertised): CarePlan and
 * RiskAssessment as at Epic and Oracle Health (ehr-notes.md "What can be written"), DocumentReference on request.
 */
export function readOnlyTypes(switches: Pick<LaunchSwitches, 'carePlanWriteUnsupported' | 'noteWriteUnsupported'> | undefined): ReadonlySet<string> {
  return new Set([
    ...(switches?.carePlanWriteUnsupported ? ['CarePlan', 'RiskAssessment'] : []),
    ...(switches?.noteWriteUnsupported ? ['DocumentReference'] : []),
  ]);
}

export interface CapabilityOptions {
  baseUrl: string;
  /** When this server started (the statement's date). */
  startedAt: Date;
  /** Types whose create/update are left out (readOnlyTypes of the token's switches). */
  readOnly?: ReadonlySet<string>;
  /** SMART endpoints for the `oauth-uris` extension, when the authorization server tells us them. */
  oauth?: { authorize: string; token: string };
}

export function searchParamsFor(resourceType: string): CapabilityStatementRestResourceSearchParam[] {
  return Object.entries(getSearchParameters(resourceType) ?? {})
    .filter(([, p]) => SEARCHABLE_PARAM_TYPES.has(p.type ?? ''))
    .map(([name, p]) => ({ name, definition: p.url, type: p.type, documentation: p.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function capabilityStatement(opts: CapabilityOptions): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = SUPPORTED_TYPES.map((type) => {
    const writable = !opts.readOnly?.has(type);
    const codes = ['read', 'vread', 'search-type', 'history-instance', ...(writable ? ['create', 'update', 'delete'] : [])];
    return {
      type,
      interaction: codes.map((code) => ({ code })) as CapabilityStatementRestResource['interaction'],
      versioning: 'versioned',
      readHistory: true,
      updateCreate: false,
      conditionalCreate: writable,
      conditionalUpdate: writable,
      conditionalDelete: writable ? 'single' : 'not-supported',
      searchParam: searchParamsFor(type),
    };
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: opts.startedAt.toISOString(),
    publisher: 'Tailor sandbox',
    kind: 'instance',
    software: { name: 'Tailor sandbox FHIR server (@medplum/fhir-router 4.5.2, in-memory)' },
    implementation: { description: 'Local SMART on FHIR development EHR', url: opts.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: opts.oauth
            ? [
                {
                  url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                  extension: [
                    { url: 'authorize', valueUri: opts.oauth.authorize },
                    { url: 'token', valueUri: opts.oauth.token },
                  ],
                },
              ]
            : undefined,
        },
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
