import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { startChartLoad, useChartStore } from '../../src/store/chart.ts';
import { createRiskStore, type RiskState } from '../../src/store/risk.ts';
import type { StoreApi } from 'zustand';
import { MODEL_IDS } from '../../src/risk/types.ts';
import { pceRisk, preventRisk } from '../risk/reference.ts';
import { fakeEhr, fetchRequester } from '../fhir/fakeEhr.ts';
import { ckdEpi2021 as labEgfr } from '../../sandbox/data/egfr.ts';
import { engineClient, NOW, patientResources, type TestClient } from '../ui/risk/riskHarness.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let disconnect: (() => void) | undefined;
afterEach(() => disconnect?.());

function riskStore(client: TestClient): StoreApi<RiskState> {
  const store = createRiskStore({ client, chart: useChartStore, kfreRegion: 'north-america', now: () => NOW });
  disconnect = store.getState().connect();
  return store;
}

async function load(patientId: string): Promise<void> {
  server.use(...fakeEhr({ resources: patientResources(patientId) }));
  await startChartLoad(fetchRequester, patientId);
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

/** Hand-written from sandbox/data/patients.ts (smoker-diabetic); the BMI the sandbox records is 101 kg / 1.78² to one decimal. */
const smokerDiabeticPce = { age: 61, sex: 'male', race: 'white', totalCholesterol: 236, hdl: 36, systolicBP: 152, onBPTreatment: true, smoker: true, diabetes: true } as const;

describe('risk store', () => {
  it('scores the four models in one batch with explanations, and equals the published equations', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('smoker-diabetic');
    await until(() => store.getState().current?.provisional === false && store.getState().trajectory !== undefined);
    const { current } = store.getState();
    const firstBatch = client.calls.find((c) => c.length === 4 && c.every((r) => r.explain));
    expect(firstBatch?.map((r) => r.model)).toEqual([...MODEL_IDS]);
    const pce = current?.results.pce;
    expect(pce?.applicable && pce.risks.ascvd_10y).toBeCloseTo(pceRisk(smokerDiabeticPce), 3);
    const prevent = current?.results.prevent;
    const preventInputs = { ...smokerDiabeticPce, onStatin: false, bmi: 31.9, egfr: labEgfr(1.02, 61, 'male'), uacr: 42, hba1c: 8.2 };
    expect(prevent?.applicable && prevent.risks.cvd_10y).toBeCloseTo(preventRisk(preventInputs, 'cvd', 10), 3);
    expect(prevent?.applicable && prevent.explanation).toBeTruthy();
  });

  it('re-scores only when the inputs change, not on every facts change', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('smoker-diabetic');
    await until(() => store.getState().therapy !== undefined && store.getState().trajectory !== undefined);
    const explained = () => client.calls.filter((c) => c.some((r) => r.explain)).length;
    const before = explained();
    // LDL is no model input: the facts change, the inputs do not.
    useChartStore.getState().enterFact('ldl', { value: 99, unit: 'mg/dL' });
    await new Promise((r) => setTimeout(r, 20));
    expect(explained()).toBe(before);
    useChartStore.getState().enterFact('systolicBP', { value: 120, unit: 'mm[Hg]' });
    await until(() => explained() === before + 1);
    await until(() => store.getState().current?.chartInputs.inputs.systolicBP === 120);
    const pce = store.getState().current?.results.pce;
    expect(pce?.applicable && pce.risks.ascvd_10y).toBeCloseTo(pceRisk({ ...smokerDiabeticPce, systolicBP: 120 }), 3);
    useChartStore.getState().clearEntry('systolicBP');
    useChartStore.getState().clearEntry('ldl');
  });

  it('therapy starts from PCE 10-year ASCVD, or PREVENT when the PCE does not apply (age 35)', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('smoker-diabetic');
    await until(() => store.getState().therapy !== undefined);
    expect(store.getState().therapy?.baseline).toMatchObject({ model: 'pce', risk: 'ascvd_10y', label: 'PCE 10-year ASCVD' });
    await load('age-35');
    await until(() => store.getState().therapy !== undefined);
    expect(store.getState().therapy?.baseline).toMatchObject({ model: 'prevent', risk: 'ascvd_10y', label: 'PREVENT 10-year ASCVD' });
  });

  it('plans the trajectory after the chart has loaded and scores its points in one batch', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('ldl-190');
    await until(() => store.getState().trajectory !== undefined);
    const { plan, scores } = store.getState().trajectory!;
    const complete = plan.points.filter((p) => p.gaps.length === 0);
    expect(complete.length).toBeGreaterThan(1);
    const batch = client.calls.find((c) => c.length === complete.length * MODEL_IDS.length);
    expect(batch).toBeDefined();
    plan.points.forEach((p, i) => expect(scores[i] === undefined).toBe(p.gaps.length > 0));
  });

  it('drops an answer for facts that have since changed', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('smoker-diabetic');
    await until(() => store.getState().current?.provisional === false);
    client.hold();
    useChartStore.getState().enterFact('systolicBP', { value: 170, unit: 'mm[Hg]' });
    useChartStore.getState().enterFact('systolicBP', { value: 130, unit: 'mm[Hg]' });
    await client.release('newest-first');
    await until(() => store.getState().current?.chartInputs.inputs.systolicBP === 130);
    await new Promise((r) => setTimeout(r, 20));
    const pce = store.getState().current?.results.pce;
    expect(store.getState().current?.chartInputs.inputs.systolicBP).toBe(130);
    expect(pce?.applicable && pce.risks.ascvd_10y).toBeCloseTo(pceRisk({ ...smokerDiabeticPce, systolicBP: 130 }), 3);
    useChartStore.getState().clearEntry('systolicBP');
  });

  it('coalesces what-if moves to one request in flight, the latest winning', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('smoker-diabetic');
    await until(() => store.getState().current?.provisional === false);
    const base = store.getState().current!.chartInputs.inputs;
    const sent = client.calls.length;
    client.hold();
    for (const sbp of [150, 140, 130, 120]) store.getState().tryInputs({ ...base, systolicBP: sbp });
    expect(client.calls.length).toBe(sent + 1);
    expect(store.getState().whatIf?.pending).toBe(true);
    await client.release();
    await until(() => client.calls.length === sent + 2);
    await client.release();
    await until(() => store.getState().whatIf?.pending === false);
    expect(client.calls[sent + 1]?.[0]?.inputs.systolicBP).toBe(120);
    expect(client.calls[sent + 1]?.every((r) => !r.explain)).toBe(true);
    const pce = store.getState().whatIf?.results?.pce;
    expect(pce?.applicable && pce.risks.ascvd_10y).toBeCloseTo(pceRisk({ ...smokerDiabeticPce, systolicBP: 120 }), 3);
  });

  it('never keeps one patient’s results under another, even when the old answer comes late', async () => {
    const client = engineClient();
    const store = riskStore(client);
    await load('smoker-diabetic');
    await until(() => store.getState().current?.provisional === false);
    client.hold();
    useChartStore.getState().enterFact('systolicBP', { value: 170, unit: 'mm[Hg]' });
    store.getState().tryInputs({ ...store.getState().current!.chartInputs.inputs, systolicBP: 110 });
    const next = load('age-35');
    expect(store.getState().current).toBeUndefined();
    expect(store.getState().therapy).toBeUndefined();
    expect(store.getState().trajectory).toBeUndefined();
    expect(store.getState().whatIf).toBeUndefined();
    await next;
    // The new patient's answers first, then the old patient's late ones.
    await client.release('newest-first');
    await until(() => store.getState().current?.provisional === false);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().current?.chartInputs.inputs.age).toBe(35);
    expect(store.getState().current?.results.pce?.applicable).toBe(false);
    expect(store.getState().whatIf).toBeUndefined();
    expect(store.getState().cards.pce?.id).toBe('pce');
  });
});
