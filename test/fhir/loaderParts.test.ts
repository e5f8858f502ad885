import { describe, expect, it } from 'vitest';
import { describeFailure, outcomeText } from '../../src/fhir/operationOutcome.ts';
import { readCapabilities } from '../../src/fhir/chart-loader/capabilities.ts';
import { sameServer } from '../../src/fhir/chart-loader/fetchPages.ts';
import { planChartSearches, tokenList } from '../../src/fhir/chart-loader/searchPlan.ts';
import { capability } from './fakeEhr.ts';

const OO = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required', diagnostics: 'category is required' }, { severity: 'error', code: 'invalid', details: { text: 'bad date' } }] };

describe('describeFailure', () => {
  it('joins OperationOutcome issue texts', () => {
    expect(outcomeText(OO)).toBe('category is required; bad date');
    expect(outcomeText({ resourceType: 'Patient' })).toBeUndefined();
  });
  it('reads a fetch Response that was thrown', async () => {
    const response = new Response(JSON.stringify(OO), { status: 400, headers: { 'content-type': 'application/fhir+json' } });
    expect(await describeFailure(response)).toEqual({ status: 400, message: '400: the server refused the search — category is required; bad date' });
  });
  it('reads an HttpError-like object with .status and an unread .response', async () => {
    const error = Object.assign(new Error('500 Server Error'), { status: 503, response: new Response(JSON.stringify(OO), { status: 503 }) });
    expect(await describeFailure(error)).toEqual({ status: 503, message: '503: the server had an error — category is required; bad date' });
  });
  it('describes plain errors, strings and aborts', async () => {
    expect(await describeFailure(new Error('Failed to fetch\nstack'))).toEqual({ message: 'Failed to fetch' });
    expect(await describeFailure('boom')).toEqual({ message: 'boom' });
    expect(await describeFailure(new DOMException('aborted', 'AbortError'))).toEqual({ message: 'the request was cancelled or timed out' });
    expect(await describeFailure(undefined)).toEqual({ message: 'request failed' });
  });
});

describe('capabilities and the search plan', () => {
  it('without a CapabilityStatement every search is planned', () => {
    const specs = planChartSearches('p 1', readCapabilities(undefined), { pageSize: 100 });
    expect(specs.map((s) => s.id)).toEqual(['patient', 'labs', 'vitals', 'social', 'survey', 'genomics', 'conditions', 'conditionsUncategorised', 'medicationRequests', 'medicationStatements', 'allergies', 'familyHistory']);
    expect(specs.every((s) => s.url !== undefined)).toBe(true);
    expect(specs[0]?.url).toBe('Patient/p%201');
    const vitals = specs.find((s) => s.id === 'vitals')?.url ?? '';
    expect(vitals).toMatch(/^Observation\?patient=p%201&category=vital-signs&code=.*&_sort=-date&_count=100$/);
    expect(decodeURIComponent(vitals)).toContain('http://loinc.org|85354-9');
    expect(decodeURIComponent(vitals)).toContain('http://loinc.org|55284-4');
    expect(specs.find((s) => s.id === 'conditions')?.url).toBe('Condition?patient=p%201&category=problem-list-item,encounter-diagnosis&_count=100');
    expect(specs.find((s) => s.id === 'medicationRequests')).toMatchObject({
      url: 'MedicationRequest?patient=p%201&status=active,on-hold,completed&_include=MedicationRequest:medication&_count=100',
      fallbackUrl: 'MedicationRequest?patient=p%201&_count=100',
    });
    expect(specs.find((s) => s.id === 'labs')?.fallbackUrl).toBe('Observation?patient=p%201&category=laboratory&_count=100');
    expect(specs.find((s) => s.id === 'conditions')?.fallbackUrl).toBe('Condition?patient=p%201&_count=100');
    expect(specs.find((s) => s.id === 'allergies')?.fallbackUrl).toBeUndefined();
  });
  it('uses subject= when the server lists subject but not patient', () => {
    const caps = readCapabilities(capability(['Observation'], { Observation: ['subject', 'category', 'code'] }));
    const labs = planChartSearches('p1', caps, { pageSize: 10 }).find((s) => s.id === 'labs');
    expect(labs?.url?.startsWith('Observation?subject=Patient/p1&category=laboratory&code=')).toBe(true);
  });
  it('asks for _include only when the CapabilityStatement lists it', () => {
    const without = planChartSearches('p1', readCapabilities(capability(['MedicationRequest'])), { pageSize: 10 });
    expect(without.find((s) => s.id === 'medicationRequests')?.url).not.toContain('_include');
  });
  it('skips resources the server does not list', () => {
    const specs = planChartSearches('p1', readCapabilities(capability(['Patient', 'Observation'])), { pageSize: 10 });
    expect(specs.filter((s) => s.skipped).map((s) => s.id)).toEqual(['conditions', 'conditionsUncategorised', 'medicationRequests', 'medicationStatements', 'allergies', 'familyHistory']);
  });
  it('encodes system|code tokens and keeps commas between them', () => {
    expect(tokenList([{ system: 'http://loinc.org', code: '2093-3' }, { system: 'http://loinc.org', code: '2093-3' }, { system: 'urn:oid:1.2', code: 'A B' }])).toBe('http%3A%2F%2Floinc.org%7C2093-3,urn%3Aoid%3A1.2%7CA%20B');
  });
  it('sameServer accepts only links under the FHIR base', () => {
    expect(sameServer('https://ehr.example/fhir/Observation?page=2', 'https://ehr.example/fhir')).toBe(true);
    expect(sameServer('https://ehr.example/fhir2/Observation', 'https://ehr.example/fhir')).toBe(false);
    expect(sameServer('https://other.example/fhir/Observation', 'https://ehr.example/fhir')).toBe(false);
    expect(sameServer('not a url ::', 'also not')).toBe(false);
  });
});
