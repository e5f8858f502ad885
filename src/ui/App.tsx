import { lazy, Suspense, useEffect } from 'react';
import { useSession } from '../store/session.ts';
import { PatientBanner } from './banner/PatientBanner.tsx';
import { RiskView } from './risk/RiskView.tsx';
import { StatusPage } from './StatusPage.tsx';

// The facts panel sits below the risk view: its code loads after the first paint of the risk numbers, so it does not
// count against the first-load JS (the risk view's "Enter …" fields load with it).
const FactsPanel = lazy(() => import('./facts/index.ts').then((m) => ({ default: m.FactsPanel })));
// The plan view (and the plan engine) between them, loaded the same way.
const PlanPanel = lazy(() => import('./plan/PlanPanel.tsx'));

export function App({ today = new Date() }: { today?: Date }) {
  const state = useSession((s) => s.state);
  const start = useSession((s) => s.start);
  useEffect(() => {
    void start();
  }, [start]);

  switch (state.status) {
    case 'starting':
      return (
        <StatusPage title="Tailor" kind="starting">
          <p role="status">Opening the patient's chart…</p>
        </StatusPage>
      );
    case 'no-launch':
      return (
        <StatusPage title="Open Tailor from your EHR" kind="no-launch">
          <p>Tailor works on the chart of the patient you have open. Start it from the patient's chart in your EHR.</p>
          <p>
            Developers and testers can also <a href="launch/">sign in directly (standalone launch)</a> and pick a patient.
          </p>
        </StatusPage>
      );
    case 'launch-error':
      return (
        <StatusPage title="The EHR could not sign you in" kind="launch-error">
          <p>{state.message}</p>
          {state.detail && <p className="detail">The EHR said: {state.detail}</p>}
        </StatusPage>
      );
    case 'expired':
      return (
        <StatusPage title="Your session has ended" kind="expired">
          <p>{state.message}</p>
        </StatusPage>
      );
    case 'missing-permission':
      return (
        <StatusPage title="Tailor needs a permission" kind="missing-permission">
          <p>{state.message}</p>
        </StatusPage>
      );
    case 'failed':
      return (
        <StatusPage title="Tailor could not start" kind="failed">
          <p>{state.message}</p>
        </StatusPage>
      );
    case 'ready':
      return (
        <div className="app" data-status="ready">
          <PatientBanner session={state.session} today={today} />
          <main className="app-main">
            <h1 className="visually-hidden">Tailor: risks and care plan</h1>
            <RiskView />
            <Suspense fallback={<p className="app-loading">Loading the care plan…</p>}>
              <PlanPanel session={state.session} today={today} />
            </Suspense>
            <Suspense fallback={<p className="app-loading">Loading the chart facts…</p>}>
              <FactsPanel />
            </Suspense>
          </main>
        </div>
      );
  }
}
