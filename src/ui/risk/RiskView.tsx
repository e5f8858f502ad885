import { lazy, Suspense, useEffect, useId, type ComponentType, type LazyExoticComponent } from 'react';
import { MODEL_IDS } from '../../risk/types.ts';
import { firstScreenShown, useChartStore } from '../../store/chart.ts';
import type { CurrentRisk } from '../../store/risk.ts';
import { GuidelineNotes } from './GuidelineNotes.tsx';
import { InputsUsed } from './InputsUsed.tsx';
import { KfreCard, KfreNotShown, PceCard, PreventCard, showsKfre } from './ModelCards.tsx';
import { markOnce } from './pageMarks.ts';
import { useRisk, useRiskStore } from './riskStoreContext.ts';
import { RiskTabs, type RiskTab } from './RiskTabs.tsx';
import { therapyExpected } from './therapyExpected.ts';
import './RiskView.css';

// Each tab's code (recharts, the what-if controls, the therapy table) is fetched when its tab is first opened, so
// none of it is in the first-load JS; the numbers above the tabs do not wait for it.
const RiskDrivers = lazy(() => import('./RiskDrivers.tsx'));
const RiskTrajectory = lazy(() => import('./RiskTrajectory.tsx'));
const RiskWhatIf = lazy(() => import('./RiskWhatIf.tsx'));
const RiskTherapy = lazy(() => import('./RiskTherapy.tsx'));

/**
 * The patient's risks: the scores first (PREVENT, PCE, KFRE for CKD G3–G5) with the guideline statements beside
 * them and a one-line "Based on", then one tab set for what drives them, their course, what-if and therapy impact.
 * Reads the risk store, which follows the chart store; mount it once the chart load has started.
 */
export function RiskView() {
  const store = useRiskStore();
  useEffect(() => store.getState().connect(), [store]);
  const current = useRisk((s) => s.current);
  const scoring = useRisk((s) => s.scoring);
  const error = useRisk((s) => s.error);
  const facts = useChartStore((s) => s.facts);
  const headingId = useId();
  usePageMarks(current);

  return (
    <section className="risk-view" aria-labelledby={headingId} data-testid="risk-view" aria-busy={scoring}>
      <h2 id={headingId}>Risk estimates</h2>
      <p className="risk-status" role="status">
        {error ?? (current ? (current.provisional ? 'Chart still loading: estimates so far.' : '') : 'Computing the risk estimates…')}
      </p>
      {current ? (
        <>
          <div className="risk-cards">
            <PreventCard current={current} />
            <PceCard current={current} />
            <KfreCard current={current} facts={facts} />
          </div>
          <KfreNotShown current={current} facts={facts} />
          <GuidelineNotes notes={current.notes} />
          <InputsUsed ci={current.chartInputs} withKfre={showsKfre(current, facts)} />
          <RiskTabs label="Explain the risk" tabs={riskTabs(current)} defaultTab={therapyExpected(current.results) ? 'therapy' : 'drivers'} />
        </>
      ) : null}
    </section>
  );
}

/**
 * Therapy impact opens first when there is a baseline to project on: it answers the physician's next question
 * ("what would lower it, by how much, for how many treated") with the evidence beside it. Without one (secondary
 * prevention, or no PCE/PREVENT number) the drivers open first.
 */
function riskTabs(current: CurrentRisk): RiskTab[] {
  const panel = (Panel: LazyExoticComponent<ComponentType<{ current: CurrentRisk }>>) => () => (
    <Suspense fallback={<p className="risk-pending">Loading…</p>}>
      <Panel current={current} />
    </Suspense>
  );
  return [
    { id: 'therapy', label: 'Therapy impact', render: panel(RiskTherapy) },
    { id: 'drivers', label: 'Drivers', render: panel(RiskDrivers) },
    { id: 'trajectory', label: 'Over time', render: panel(RiskTrajectory) },
    { id: 'what-if', label: 'What if', render: panel(RiskWhatIf) },
  ];
}

/** The bench's marks: the first number or final "not applicable" reason on screen, and every model answered. */
function usePageMarks(current: CurrentRisk | undefined) {
  useEffect(() => {
    if (!current) return;
    const results = MODEL_IDS.map((m) => current.results[m]);
    const shown = results.some((r) => r && (r.applicable ? Object.keys(r.risks).length > 0 : !current.provisional));
    if (shown) {
      markOnce('tailor:first-risk');
      firstScreenShown();
    }
    if (!current.provisional && results.every((r) => r !== undefined)) markOnce('tailor:risk-view-ready');
  }, [current]);
}
