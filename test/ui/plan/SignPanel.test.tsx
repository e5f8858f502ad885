// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Bundle, CapabilityStatement, CarePlan, DocumentReference, Goal } from 'fhir/r4';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LaunchSwitches, TokenGrant } from '../../../sandbox/contracts.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../../sandbox/fhir/listen.ts';
import { requestedScopes } from '../../../src/fhir/scopes.ts';
import { httpWriteRequester } from '../../../src/fhir/writeBack/index.ts';
import { useChartStore } from '../../../src/store/chart.ts';
import { createPlanStore } from '../../../src/store/plan.ts';
import { createRiskStore } from '../../../src/store/risk.ts';
import { createSignStore } from '../../../src/store/sign.ts';
import { PlanView } from '../../../src/ui/plan/PlanView.tsx';
import { PlanStoreContext } from '../../../src/ui/plan/planStoreContext.ts';
import type { SignSession } from '../../../src/ui/plan/SignPanel.tsx';
import { SignStoreContext } from '../../../src/ui/plan/signStoreContext.ts';
import { RiskStoreContext } from '../../../src/ui/risk/riskStoreContext.ts';
import { engineClient, NOW } from '../risk/riskHarness.ts';
import { loadChart, ownerOf } from './planHarness.tsx';

/**
 * The sign panel in the plan view: a sandbox patient's chart from the fake EHR (as the plan view tests), signed into
 * the sandbox EHR over HTTP (its CapabilityStatement, scopes, R4 validation and compartment), read back unconfined.
 */
const scopes = requestedScopes('ehr', 'v2');
const EHR = 'Tailor sandbox FHIR server (@medplum/fhir-router 4.5.2, in-memory)';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const grants = new Map<string, TokenGrant>([['admin', { clientId: 'tailor', scopes: ['user/*.cruds'], switches: {}, expiresAt: inAnHour() }]]);

let fhir: ListeningFhirServer;
const server = setupServer();
beforeAll(async () => {
  fhir = await listenFhirServer({ introspect: async (token) => grants.get(token) });
  // The chart comes from the fake EHR's handlers; the sandbox's requests are let through.
  server.listen({ onUnhandledRequest: 'bypass' });
}, 30_000);
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await fhir.close();
});
beforeEach(() => sessionStorage.clear());

let tokens = 0;
/** A launch's token for the patient with these switches, and the sign session the app would build from it. */
async function signSession(patientId: string, switches: LaunchSwitches = {}, granted = scopes): Promise<SignSession> {
  const token = `t${++tokens}`;
  grants.set(token, { clientId: 'tailor', scopes: granted.split(' '), patient: patientId, practitioner: 'dr-okafor', switches, expiresAt: inAnHour() });
  const capability = (await (await fetch(`${fhir.base}/metadata`, { headers: { Authorization: `Bearer ${token}` } })).json()) as CapabilityStatement;
  const requester = httpWriteRequester({ baseUrl: fhir.base, authorization: async () => `Bearer ${token}`, refreshToken: async () => false });
  return { requester, capability, grantedScopes: granted, encounterId: `${patientId}-visit-today` };
}

let uuids = 0;
async function ready(patientId: string, session: SignSession) {
  const risk = createRiskStore({ client: engineClient(), chart: useChartStore, kfreRegion: 'north-america', now: () => NOW });
  const plan = createPlanStore({ storage: () => sessionStorage, newId: () => `9a8b7c6d-0000-4000-8000-${String(++uuids).padStart(12, '0')}`, now: () => NOW });
  const sign = createSignStore({ storage: () => sessionStorage, now: () => NOW, policy: { sleep: async () => undefined } });
  const disconnect = risk.getState().connect();
  const owner = ownerOf(patientId);
  const view = render(
    <RiskStoreContext.Provider value={risk}>
      <PlanStoreContext.Provider value={plan}>
        <SignStoreContext.Provider value={sign}>
          <PlanView owner={owner} today={NOW} sign={session} />
        </SignStoreContext.Provider>
      </PlanStoreContext.Provider>
    </RiskStoreContext.Provider>,
  );
  await loadChart(server, patientId);
  await screen.findByTestId('sign-panel');
  await waitFor(() => expect(screen.getByRole('heading', { name: /^Suggestions, by expected benefit/ })).not.toHaveTextContent('chart still loading'));
  return { ...view, plan, sign, unmount: () => { view.unmount(); disconnect(); } };
}

const box = (id: string) => within(screen.getByTestId(`plan-item-${id}`)).getByRole('checkbox');
const signButton = () => screen.getByTestId('sign-button');
const draftId = () => screen.getByTestId('plan-draft-id').textContent ?? '';

async function read<T>(path: string): Promise<T> {
  return (await (await fetch(`${fhir.base}/${path}`, { headers: { Authorization: 'Bearer admin' } })).json()) as T;
}
const carePlansOf = async (draft: string) => ((await read<Bundle>(`CarePlan?identifier=urn:tailor:plan|${draft}`)).entry ?? []).map((e) => e.resource as CarePlan);
const conditionId = async (patientId: string, snomed: string) => (await read<Bundle>(`Condition?patient=${patientId}&code=http://snomed.info/sct|${snomed}`)).entry?.[0]?.resource?.id;

describe('SignPanel', () => {
  it('smoker-diabetic: says what it writes and where, signs as chosen, shows "Saved to chart" as read back, and updates it after an edit', async () => {
    const user = userEvent.setup();
    const view = await ready('smoker-diabetic', await signSession('smoker-diabetic'));
    await user.click(box('bp-intensify-high-risk'));
    await user.click(box('statin-diabetes-high'));
    const goalsSet = screen.getAllByTestId(/^plan-goal-/).filter((g) => g.dataset.set === 'true').length;
    // PCE (61, in 40–79) and PREVENT (30–79) give numbers; KFRE needs eGFR < 60 (creatinine 1.02 mg/dL gives about 82).
    expect(signButton()).toHaveTextContent(`Write 1 care plan, 2 risk assessments, 1 observation, ${goalsSet} goals and a provenance record to ${EHR}`);
    expect(signButton()).toBeDisabled();
    expect(screen.getByTestId('sign-panel')).toHaveTextContent('Choose draft or active to sign.');
    expect(screen.queryByTestId('sign-path-why')).toBeNull();

    await user.click(screen.getByTestId('sign-status-active'));
    await user.click(signButton());
    const saved = await screen.findByTestId('sign-saved');
    const [inChart, ...more] = await carePlansOf(draftId());
    expect(more).toEqual([]);
    expect(saved).toHaveTextContent(`Saved to chart: care plan CarePlan/${inChart?.id}, version ${inChart?.meta?.versionId}, ${inChart?.meta?.lastUpdated?.slice(0, 16).replace('T', ' ')} UTC (active plan).`);
    expect(inChart).toMatchObject({
      status: 'active', intent: 'plan', subject: { reference: 'Patient/smoker-diabetic' }, encounter: { reference: 'Encounter/smoker-diabetic-visit-today' },
      author: { reference: 'Practitioner/dr-okafor' }, identifier: [{ system: 'urn:tailor:plan', value: draftId() }],
    });
    expect(inChart?.activity).toHaveLength(2);
    expect(inChart?.goal).toHaveLength(goalsSet);
    // The plan treats the diabetes and the hypertension on the problem list (SNOMED CT 44054006, 38341003), not the obesity.
    expect(inChart?.addresses?.map((a) => a.reference).sort()).toEqual(
      [`Condition/${await conditionId('smoker-diabetic', '44054006')}`, `Condition/${await conditionId('smoker-diabetic', '38341003')}`].sort(),
    );
    const goal = await read<Goal>(inChart?.goal?.[0]?.reference ?? '');
    expect(goal.lifecycleStatus).toBe('active');
    // The history lists it, marked; the same plan is not offered again.
    expect(await screen.findByTestId(`sign-history-${inChart?.id}`)).toHaveTextContent('(this plan)');
    expect(signButton()).toBeDisabled();
    expect(screen.getByTestId('sign-panel')).toHaveTextContent('The chart holds this plan as signed; change it to update it.');

    // An edit after signing: the same CarePlan is updated, never a second one.
    await user.click(box('bp-intensify-high-risk'));
    expect(screen.getByTestId('sign-changed')).toBeInTheDocument();
    // What is sent again (found by its identifier when unchanged) is named; the care plan itself is updated.
    expect(signButton()).toHaveTextContent(`Update the signed plan: update the care plan and write 2 risk assessments, 1 observation, ${goalsSet - 1} goal and a provenance record to ${EHR}`);
    await user.click(signButton());
    await waitFor(async () => expect((await carePlansOf(draftId()))[0]?.meta?.versionId).not.toBe(inChart?.meta?.versionId));
    const [updated, ...others] = await carePlansOf(draftId());
    expect(others).toEqual([]);
    expect(updated?.id).toBe(inChart?.id);
    expect(updated?.activity).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('sign-saved-version')).toHaveTextContent(updated?.meta?.versionId ?? '?'));
    view.unmount();
  });

  it('carePlanWriteUnsupported: says why, offers the clinical note and writes it', async () => {
    const user = userEvent.setup();
    const view = await ready('ckd-3b', await signSession('ckd-3b', { carePlanWriteUnsupported: true }));
    await user.click(box('statin-primary-intermediate'));
    expect(signButton()).toHaveTextContent(`Write a clinical note to ${EHR}`);
    const why = screen.getByTestId('sign-path-why');
    expect(why).toHaveTextContent(`${EHR} cannot take the care plan from Tailor, so Tailor writes it as a clinical note instead:`);
    expect(why).toHaveTextContent(`${EHR} does not support create of CarePlan (its CapabilityStatement does not list it).`);
    expect(why).toHaveTextContent(`${EHR} does not support create of RiskAssessment (its CapabilityStatement does not list it).`);
    await user.click(screen.getByTestId('sign-status-draft'));
    await user.click(signButton());
    const saved = await screen.findByTestId('sign-saved');
    const id = screen.getByTestId('sign-saved-id').textContent?.replace('DocumentReference/', '');
    expect(saved).toHaveTextContent('Saved to chart: clinical note DocumentReference/');
    const note = await read<DocumentReference>(`DocumentReference/${id}`);
    expect(note.subject?.reference).toBe('Patient/ckd-3b');
    expect(note.type?.coding?.[0]?.code).toBe('11506-3');
    expect(await carePlansOf(draftId())).toEqual([]);
    view.unmount();
  });

  it('a scope the EHR did not grant is named before anything is sent; with neither plan nor note, copy and print only', async () => {
    const user = userEvent.setup();
    const withoutCarePlanWrite = scopes.split(' ').filter((s) => s !== 'patient/CarePlan.cu').join(' ');
    const first = await ready('ldl-190', await signSession('ldl-190', {}, withoutCarePlanWrite));
    await user.click(box('statin-ldl-190'));
    expect(screen.getByTestId('sign-path-why')).toHaveTextContent(`${EHR} did not grant Tailor permission to create CarePlan (scope patient/CarePlan.c); ask your EHR administrator to allow it, then launch Tailor again.`);
    expect(signButton()).toHaveTextContent('Write a clinical note to');
    first.unmount();

    sessionStorage.clear();
    const view = await ready('ldl-190', await signSession('ldl-190', { carePlanWriteUnsupported: true, noteWriteUnsupported: true }));
    await user.click(box('statin-ldl-190'));
    expect(screen.queryByTestId('sign-button')).toBeNull();
    expect(screen.getByTestId('sign-path-why')).toHaveTextContent(`${EHR} takes neither a care plan nor a clinical note from Tailor, so the plan can only be copied or printed:`);
    await user.click(screen.getByTestId('sign-copy'));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('Cardiovascular risk reduction plan');
    expect(copied).toContain('atorvastatin');
    expect(screen.getByTestId('sign-panel')).toHaveTextContent('The plan text is on the clipboard.');
    view.unmount();
  });

  it('a refusal shows the EHR’s words and no retry; a server that keeps failing offers Retry, which saves one CarePlan', async () => {
    const user = userEvent.setup();
    const view = await ready('smoker-diabetic', await signSession('smoker-diabetic'));
    await user.click(box('statin-diabetes-high'));
    await user.click(screen.getByTestId('sign-status-draft'));
    server.use(
      http.post(fhir.base, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'a plan for this encounter is being edited' }] }, { status: 409 }), { once: true }),
    );
    await user.click(signButton());
    const refused = await screen.findByTestId('sign-failed');
    expect(refused).toHaveTextContent('Not saved. The plan in the chart changed while you were signing (someone else may have edited it), so Tailor did not overwrite it. The EHR said: a plan for this encounter is being edited. Your plan is kept: reopen the chart and sign again.');
    expect(screen.queryByTestId('sign-retry')).toBeNull();

    // Four 503s: the write layer's tries are spent, the failure says so and offers a retry.
    let failures = 0;
    server.use(http.post(fhir.base, () => (++failures <= 4 ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }, { status: 503 }) : passthrough())));
    await user.click(signButton());
    await waitFor(() => expect(screen.getByTestId('sign-failed')).toHaveTextContent('The EHR had a problem saving the plan (HTTP 503).'));
    expect(await carePlansOf(draftId())).toEqual([]);
    await user.click(screen.getByTestId('sign-retry'));
    await screen.findByTestId('sign-saved');
    expect(screen.queryByTestId('sign-failed')).toBeNull();
    expect((await carePlansOf(draftId())).map((p) => p.status)).toEqual(['draft']);
    view.unmount();
  });

  it('a reload after signing: "Saved to chart" again, the plan not offered as new', async () => {
    const user = userEvent.setup();
    const session = await signSession('typical-woman');
    const first = await ready('typical-woman', session);
    await user.type(screen.getByLabelText('Activity'), 'Walk 30 minutes a day{Enter}');
    await user.click(screen.getByTestId('sign-status-active'));
    await user.click(signButton());
    await screen.findByTestId('sign-saved');
    const shown = screen.getByTestId('sign-saved').textContent;
    first.unmount();
    await act(async () => undefined);

    const second = await ready('typical-woman', session);
    expect(screen.getByTestId('sign-saved').textContent).toBe(shown);
    expect(signButton()).toBeDisabled();
    expect(await carePlansOf(draftId())).toHaveLength(1);
    second.unmount();
  });
});
