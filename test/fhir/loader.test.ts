// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import FHIR from 'fhirclient';
import type { Resource } from 'fhir/r4';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { readCapabilities } from '../../src/fhir/chart-loader/capabilities.ts';
import { loadSource, toChartData, type SourceOutcome } from '../../src/fhir/chart-loader/loadChart.ts';
import type { FhirRequester } from '../../src/fhir/chart-loader/requester.ts';
import { fhirclientRequester } from '../../src/fhir/chart-loader/fhirclientRequester.ts';
import { planChartSearches, type SourceId } from '../../src/fhir/chart-loader/searchPlan.ts';
import type { CapabilityStatement } from 'fhir/r4';
import { BASE, capability, fakeEhr, requests, type FakeEhrOptions } from './fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  requests.length = 0;
});

const NOW = new Date();
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const cat = (code: string) => [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] }];
const lab = (id: string, code: string, value: number, unit: string, days: number): Resource => ({
  resourceType: 'Observation', id, status: 'final', category: cat('laboratory'), code: { coding: [{ system: 'http://loinc.org', code }] },
  effectiveDateTime: day(days), valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
} as Resource);

const PATIENT: Resource = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1965-04-02' } as Resource;
const BASE_RESOURCES: Resource[] = [
  PATIENT,
  lab('tc', '2093-3', 210, 'mg/dL', 30),
  lab('hdl', '2085-9', 48, 'mg/dL', 30),
  lab('noise', '718-7', 13, 'g/dL', 30),
  {
    resourceType: 'Observation', id: 'bp', status: 'final', category: cat('vital-signs'), code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] }, effectiveDateTime: day(5),
    component: [{ code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 141, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } }],
  } as Resource,
  { resourceType: 'Observation', id: 'smk', status: 'final', category: cat('social-history'), code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }] }, effectiveDateTime: day(5), valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '449868002' }] } } as Resource,
  { resourceType: 'Condition', id: 'htn', clinicalStatus: { coding: [{ code: 'active' }] }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' }] } } as Resource,
  { resourceType: 'MedicationRequest', id: 'mr', status: 'active', intent: 'order', medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '314076', display: 'lisinopril 10 MG Oral Tablet' }] } } as Resource,
  { resourceType: 'AllergyIntolerance', id: 'al', code: { coding: [{ system: 'http://snomed.info/sct', code: '372912004' }] } } as Resource,
];

// The adapter the app uses, over the real fhirclient.
const requester: FhirRequester = fhirclientRequester(FHIR.client(BASE));

async function loadAll(opts: FakeEhrOptions, cap?: CapabilityStatement, limits = { maxPages: 5, timeoutMs: 5000 }) {
  server.use(...fakeEhr(opts));
  const specs = planChartSearches('p1', readCapabilities(cap), { pageSize: 50 });
  const outcomes = await Promise.all(specs.map((s) => loadSource(s, requester, limits)));
  const byId = Object.fromEntries(outcomes.map((o) => [o.state.id, o])) as Record<SourceId, SourceOutcome>;
  return { byId, specs, facts: buildFacts(toChartData(byId), NOW) };
}

describe('chart loader against a FHIR server (msw + fhirclient)', () => {
  it('runs one wave: Observations per category with encoded LOINC codes, newest first, with _count', async () => {
    const { byId, facts } = await loadAll({ resources: BASE_RESOURCES, requireCategory: true });
    const obsRequests = requests.filter((u) => u.pathname.endsWith('/Observation'));
    expect(obsRequests.map((u) => u.searchParams.get('category')).sort()).toEqual(['laboratory', 'laboratory', 'social-history', 'survey', 'vital-signs']);
    for (const u of obsRequests) {
      expect(u.searchParams.get('_sort')).toBe('-date');
      expect(u.searchParams.get('_count')).toBe('50');
      expect(u.searchParams.get('patient')).toBe('p1');
      expect(u.search).toContain('code=http%3A%2F%2Floinc.org%7C');
    }
    expect(Object.values(byId).map((o) => o.state.status)).toEqual(Array(12).fill('loaded'));
    expect(byId.labs.state.count).toBe(2);
    expect(facts.totalCholesterol).toMatchObject({ state: 'known', value: { value: 210, unit: 'mg/dL' }, sources: [{ resourceType: 'Observation', id: 'tc' }] });
    expect(facts.systolicBP).toMatchObject({ state: 'known', value: { value: 141 } });
    expect(facts.smoker).toMatchObject({ state: 'known', value: true });
    expect(facts.hypertension).toMatchObject({ state: 'known', value: true });
    expect(facts.onBPTreatment).toMatchObject({ state: 'known', value: true });
    expect(facts.statinIntolerance).toMatchObject({ state: 'known', value: true });
    // The fake really is Epic-like: the same search without category is refused.
    expect((await fetch(`${BASE}/Observation?patient=p1&_count=50`)).status).toBe(400);
  });

  it('follows opaque next links and reports when the page cap cuts results off', async () => {
    const many = Array.from({ length: 120 }, (_, i) => lab(`tc-${i}`, '2093-3', 150 + (i % 50), 'mg/dL', i + 1));
    const full = await loadAll({ resources: [PATIENT, ...many], pageSize: 50 });
    expect(full.byId.labs.state).toMatchObject({ status: 'loaded', count: 120, pages: 3 });
    expect(full.byId.labs.state.truncated).toBeUndefined();
    expect(full.facts.totalCholesterol).toMatchObject({ state: 'known', value: { value: 150 } });

    requests.length = 0;
    const capped = await loadAll({ resources: [PATIENT, ...many], pageSize: 50 }, undefined, { maxPages: 2, timeoutMs: 5000 });
    expect(capped.byId.labs.state).toMatchObject({ status: 'loaded', count: 100, pages: 2, truncated: 'stopped after 2 pages; older results were not loaded' });
    // Newest first: results are complete back to the oldest one loaded (day 100).
    expect(toChartData(capped.byId).completeSince).toEqual({ laboratory: day(100) });
    expect(toChartData(full.byId).completeSince).toBeUndefined();
  });

  it('does not follow a next link to another server', async () => {
    const many = Array.from({ length: 60 }, (_, i) => lab(`tc-${i}`, '2093-3', 180, 'mg/dL', i + 1));
    const { byId } = await loadAll({ resources: [PATIENT, ...many], pageSize: 50, nextBase: 'https://evil.example/fhir' });
    expect(byId.labs.state).toMatchObject({ status: 'loaded', count: 50, truncated: 'the next page link points to another server and was not followed' });
    expect(requests.some((u) => u.host === 'evil.example')).toBe(false);
  });

  it('a 500 on one resource type fails that source only, with the OperationOutcome text', async () => {
    const { byId, facts } = await loadAll({ resources: BASE_RESOURCES, fail: { Condition: { status: 500, text: 'Condition service unavailable' } } });
    expect(byId.conditions.state).toMatchObject({ status: 'failed', httpStatus: 500 });
    expect(byId.conditions.state.message).toContain('Condition service unavailable');
    expect(byId.labs.state.status).toBe('loaded');
    // Without conditions, "no hypertension" cannot be claimed.
    expect(facts.hypertension.state).toBe('unknown');
    expect(facts.totalCholesterol.state).toBe('known');
  });

  it('a 401 says the session may have expired', async () => {
    const { byId } = await loadAll({ resources: BASE_RESOURCES, fail: { MedicationRequest: { status: 401, text: 'token expired' } } });
    expect(byId.medicationRequests.state).toMatchObject({ status: 'failed', httpStatus: 401 });
    expect(byId.medicationRequests.state.message).toBe('401: not authorised: the session may have expired, relaunch Tailor from the EHR — token expired');
  });

  it('a hung server times out for that source while the others load', async () => {
    const { byId } = await loadAll({ resources: BASE_RESOURCES, hang: 'AllergyIntolerance' }, undefined, { maxPages: 5, timeoutMs: 300 });
    expect(byId.allergies.state).toMatchObject({ status: 'failed' });
    expect(byId.allergies.state.message).toContain('no answer within 0.3 s');
    expect(byId.familyHistory.state.status).toBe('loaded');
  });

  it('when the server refuses the code filter (400), loads the whole category and says so', async () => {
    const { byId, facts } = await loadAll({ resources: BASE_RESOURCES, rejectCode: true });
    expect(byId.labs.state.status).toBe('loaded');
    expect(byId.labs.state.count).toBe(3);
    expect(byId.labs.state.message).toContain('server refused the search');
    expect(byId.labs.state.message).toContain('Unsupported search parameter: code');
    expect(facts.totalCholesterol.state).toBe('known');
  });

  it('adapts to the CapabilityStatement: skips MedicationStatement and drops unlisted parameters', async () => {
    const cap = capability(['Patient', 'Observation', 'Condition', 'MedicationRequest', 'AllergyIntolerance', 'FamilyMemberHistory'], { Observation: ['patient', 'category', 'date'] });
    const { byId, facts } = await loadAll({ resources: BASE_RESOURCES }, cap);
    expect(byId.medicationStatements.state).toMatchObject({ status: 'skipped', message: 'the server does not offer MedicationStatement search' });
    expect(requests.some((u) => u.pathname.endsWith('/MedicationStatement'))).toBe(false);
    expect(requests.filter((u) => u.pathname.endsWith('/Observation')).every((u) => !u.searchParams.has('code'))).toBe(true);
    expect(byId.labs.state.message).toBe('server does not list code; searched without');
    // MedicationRequest alone is the complete medication list on such a server.
    expect(facts.onStatin).toMatchObject({ state: 'known', value: false });
    expect(facts.totalCholesterol.state).toBe('known');
  });
});
