/**
 * Renders the plan view the way the app composes it: a sandbox patient's chart served by the fake EHR, the real Node
 * risk engine behind the risk store, and a plan store over jsdom's sessionStorage (a "page load" is a fresh store).
 */
import { act, render } from '@testing-library/react';
import { listPatients } from '../../../sandbox/data/index.ts';
import { startChartLoad, useChartStore } from '../../../src/store/chart.ts';
import { createPlanStore, type PlanOwner } from '../../../src/store/plan.ts';
import { createRiskStore } from '../../../src/store/risk.ts';
import { PlanView } from '../../../src/ui/plan/PlanView.tsx';
import { PlanStoreContext } from '../../../src/ui/plan/planStoreContext.ts';
import { RiskStoreContext } from '../../../src/ui/risk/riskStoreContext.ts';
import { BASE, fakeEhr, fetchRequester } from '../../fhir/fakeEhr.ts';
import { engineClient, NOW, patientResources } from '../risk/riskHarness.ts';
import type { SetupServer } from 'msw/node';

export { NOW };

export function ownerOf(patientId: string, practitioner = 'Practitioner/dr-okafor'): PlanOwner {
  const p = listPatients().find((x) => x.id === patientId);
  if (!p) throw new Error(`no sandbox patient ${patientId}`);
  return { server: BASE, patientId, practitioner, patientName: p.name };
}

export async function loadChart(server: SetupServer, patientId: string): Promise<void> {
  server.use(...fakeEhr({ resources: patientResources(patientId) }));
  await act(() => startChartLoad(fetchRequester, patientId));
}

let uuidCount = 0;
/** One page load: fresh risk and plan stores (the plan store over this tab's sessionStorage). */
export function renderPlan(owner: PlanOwner) {
  const risk = createRiskStore({ client: engineClient(), chart: useChartStore, kfreRegion: 'north-america', now: () => NOW });
  const plan = createPlanStore({
    storage: () => sessionStorage,
    newId: () => `00000000-0000-4000-8000-${String(++uuidCount).padStart(12, '0')}`,
    now: () => NOW,
  });
  // The risk view connects the risk store to the chart in the app; here it is connected directly.
  const disconnect = risk.getState().connect();
  const view = render(
    <RiskStoreContext.Provider value={risk}>
      <PlanStoreContext.Provider value={plan}>
        <PlanView owner={owner} today={NOW} />
      </PlanStoreContext.Provider>
    </RiskStoreContext.Provider>,
  );
  return { ...view, risk, plan, unmount: () => { view.unmount(); disconnect(); } };
}
