// @vitest-environment jsdom
import FHIR from 'fhirclient';
import type { CapabilityStatement } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../sandbox/fhir/listen.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { readCapabilities } from '../../src/fhir/chart-loader/capabilities.ts';
import { fhirclientRequester } from '../../src/fhir/chart-loader/fhirclientRequester.ts';
import { loadSource, toChartData, type SourceOutcome } from '../../src/fhir/chart-loader/loadChart.ts';
import { planChartSearches, type SourceId } from '../../src/fhir/chart-loader/searchPlan.ts';
import { sandboxChart } from '../chart/fixtures.ts';

// The loader against the project's sandbox EHR (real HTTP, SMART scopes, Epic personality, 50/200 paging).
const NOW = new Date();
const RESOURCES = buildSandboxResources(NOW);
const SCOPES = ['Patient', 'Observation', 'Condition', 'MedicationRequest', 'AllergyIntolerance', 'FamilyMemberHistory'].map((t) => `patient/${t}.rs`);
const grant = (patient: string): TokenGrant => ({
  clientId: 'tailor', scopes: ['openid', ...SCOPES], patient, switches: { personality: 'epic' }, expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

let fhir: ListeningFhirServer;
let base = '';

beforeAll(async () => {
  // The sandbox types resources with @medplum/fhirtypes; the data is the same R4 JSON.
  const resources = RESOURCES as unknown as NonNullable<Parameters<typeof listenFhirServer>[0]['resources']>;
  fhir = await listenFhirServer({ resources, introspect: async (token) => grant(token) });
  base = fhir.base;
}, 60_000);
afterAll(() => fhir.close());

async function load(patientId: string) {
  const client = FHIR.client({ serverUrl: base, tokenResponse: { access_token: patientId, patient: patientId } });
  const capability = await client.request<CapabilityStatement>('metadata');
  const requester = fhirclientRequester(client);
  const specs = planChartSearches(patientId, readCapabilities(capability), { pageSize: 100 });
  const outcomes = await Promise.all(specs.map((s) => loadSource(s, requester, { maxPages: 5, timeoutMs: 30_000 })));
  const byId = Object.fromEntries(outcomes.map((o) => [o.state.id, o])) as Record<SourceId, SourceOutcome>;
  return { byId, facts: buildFacts(toChartData(byId), NOW) };
}

/** The same patient's facts built straight from the sandbox resources, without any server. */
function direct(patientId: string) {
  return buildFacts(sandboxChart(RESOURCES, patientId), NOW);
}

const KEYS = ['age', 'sex', 'totalCholesterol', 'hdl', 'ldl', 'systolicBP', 'diastolicBP', 'hba1c', 'egfr', 'bmi', 'smoker', 'diabetes', 'onBPTreatment', 'onStatin', 'statin', 'ascvd', 'familyHistoryPrematureAscvd'] as const;

describe('chart loader against the sandbox EHR (Epic personality)', () => {
  it('loads the heavy chart page by page; the latest values equal those built from the raw chart', async () => {
    const { byId, facts } = await load('heavy-chart');
    expect(byId.medicationStatements.state.status).toBe('skipped');
    for (const id of ['patient', 'labs', 'vitals', 'social', 'genomics', 'conditions', 'medicationRequests', 'allergies', 'familyHistory'] as const) {
      expect(byId[id].state.status, id).toBe('loaded');
    }
    // Ten years of monthly labs and 3-daily vitals exceed 5 pages of 100: cut off, and said so.
    expect(byId.labs.state).toMatchObject({ pages: 5, count: 500, truncated: 'stopped after 5 pages; older results were not loaded' });
    expect(byId.vitals.state.truncated).toBeDefined();
    const expected = direct('heavy-chart');
    for (const key of KEYS) {
      const got = facts[key];
      const want = expected[key];
      expect(got.state, key).toBe(want.state);
      if (got.state === 'known' && want.state === 'known') {
        expect(got.value, key).toEqual(want.value);
        expect(got.date, key).toBe(want.date);
      }
    }
    // Newest first, so the 12-month BP window was fully loaded despite the cap.
    const sbp = facts.systolicBP;
    const want = expected.systolicBP;
    expect(sbp.state === 'known' && sbp.origin === 'chart' && sbp.summary12Months).toEqual(want.state === 'known' && want.origin === 'chart' && want.summary12Months);
  }, 60_000);

  it.each(['ckd-3b', 'si-units', 'bp-panel', 'data-quality', 'slco1b1', 'statin-intolerance', 'stale-missing'])('%s: loaded facts equal facts from the raw chart', async (id) => {
    const { byId, facts } = await load(id);
    expect(Object.values(byId).filter((o) => o.state.status === 'failed').map((o) => o.state)).toEqual([]);
    const expected = direct(id);
    for (const key of [...KEYS, 'uacr', 'ckdStage', 'slco1b1', 'statinIntolerance'] as const) {
      expect(facts[key].state, `${id} ${key}`).toBe(expected[key].state);
      const [got, want] = [facts[key], expected[key]];
      if (got.state === 'known' && want.state === 'known') expect(got.value, `${id} ${key}`).toEqual(want.value);
    }
  }, 60_000);
});

describe('real-world chart shapes through the sandbox EHR (issue 13)', () => {
  it('Conditions without a category: the categorised search finds none, the uncategorised one finds both', async () => {
    const { byId, facts } = await load('uncategorised-conditions');
    expect(byId.conditions.state).toMatchObject({ status: 'loaded', count: 0 });
    expect(byId.conditionsUncategorised.state).toMatchObject({ status: 'loaded', count: 2 });
    expect(facts.ascvd).toMatchObject({ state: 'known', value: true, sources: [{ id: 'uncategorised-conditions-cond-1' }] });
    expect(facts.hypertension).toMatchObject({ state: 'known', value: true, sources: [{ id: 'uncategorised-conditions-cond-2' }] });
  });

  it('smoking status filed as a survey is found by the survey search (with a category, as Epic requires)', async () => {
    const { byId, facts } = await load('survey-smoking');
    expect(byId.social.state).toMatchObject({ status: 'loaded', count: 0 });
    expect(byId.survey.state).toMatchObject({ status: 'loaded', count: 1 });
    expect(facts.smoker).toMatchObject({ state: 'known', value: true, sources: [{ id: 'survey-smoking-obs-1' }] });
  });

  it('the other shapes read the same through the server as from the raw chart', async () => {
    for (const id of ['product-statin', 'gfr-not-indexed', 'same-time-conflict', 'deceased', 'low-hba1c']) {
      const { facts } = await load(id);
      const raw = direct(id);
      for (const key of ['statin', 'drugs', 'egfr', 'totalCholesterol', 'hdl', 'deceased', 'age', 'hba1c'] as const) expect(facts[key], `${id} ${key}`).toEqual(raw[key]);
    }
  });
});
