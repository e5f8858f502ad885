import { lazy, Suspense, useEffect, useId } from 'react';
import { MODEL_IDS } from '../../risk/types.ts';
import { useChartStore } from '../../store/chart.ts';
import type { CurrentRisk } from '../../store/risk.ts';
import { comparedRisks } from './comparedRisks.ts';
import { GuidelineNotes } from './GuidelineNotes.tsx';
import { InputsUsed } from './InputsUsed.tsx';
import { KfreCard, KfreNotShown, PceCard, PreventCard } from './ModelCards.tsx';
import { markOnce } from './pageMarks.ts';
import { useRisk, useRiskStore } from './riskStoreContext.ts';
import './RiskView.css';

// Below the first screen: loaded after it, so neither recharts nor these panels are in the first-load JS.
const RiskDrivers = lazy(() => import('./RiskDrivers.tsx'));
const RiskTrajectory = lazy(() => import('./RiskTrajectory.tsx'));
const WhatIfPanel = lazy(() => import('./WhatIfPanel.tsx').then((m) => ({ default: m.WhatIfPanel })));
const TherapyImpactTable = lazy(() => import('./TherapyImpactTable.tsx').then((m) => ({ default: m.TherapyImpactTable })));

/**
 * The patient's risks: the scores first (PREVENT, PCE, KFRE for CKD G3–G5) with the guideline statements beside
 * them and the inputs they are based on, then what drives them, their course, what-if and therapy impact. Reads the
 * risk store, which follows the chart store; mount it once the chart load has started.
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
          <InputsUsed ci={current.chartInputs} />
          {/* Each below-the-fold panel loads on its own, so the what-if does not wait for the chart library. */}
          <Suspense fallback={<Loading />}>
            <RiskDrivers current={current} />
          </Suspense>
          <Suspense fallback={<Loading />}>
            <Trajectory current={current} />
          </Suspense>
          <Suspense fallback={<Loading />}>
            <WhatIf current={current} />
          </Suspense>
          <Suspense fallback={<Loading />}>
            <Therapy />
          </Suspense>
        </>
      ) : null}
    </section>
  );
}

function Loading() {
  return <p className="risk-pending">Loading…</p>;
}

function Trajectory({ current }: { current: CurrentRisk }) {
  const trajectory = useRisk((s) => s.trajectory);
  const trajectoryError = useRisk((s) => s.trajectoryError);
  if (trajectoryError) return <p className="risk-note">The risk over time could not be computed: {trajectoryError}</p>;
  return trajectory ? <RiskTrajectory current={current} trajectory={trajectory} /> : null;
}

function WhatIf({ current }: { current: CurrentRisk }) {
  const store = useRiskStore();
  const whatIf = useRisk((s) => s.whatIf);
  return (
    <WhatIfPanel
      base={current.chartInputs.inputs}
      current={comparedRisks(current.results)}
      whatIf={whatIf?.results ? comparedRisks(whatIf.results) : null}
      onChange={(inputs) => store.getState().tryInputs(inputs)}
      busy={whatIf?.pending ?? false}
    />
  );
}

function Therapy() {
  const therapy = useRisk((s) => s.therapy);
  const therapyError = useRisk((s) => s.therapyError);
  const headingId = useId();
  if (!therapy && !therapyError) return null;
  return (
    <section className="risk-therapy" aria-labelledby={headingId} data-testid="therapy-table">
      <h3 id={headingId}>Therapy impact{therapy ? `: ${therapy.baseline.label}` : ''}</h3>
      {therapy ? <TherapyImpactTable impact={therapy} /> : <p>{therapyError}</p>}
    </section>
  );
}

/** The bench's marks: the first number or final "not applicable" reason on screen, and every model answered. */
function usePageMarks(current: CurrentRisk | undefined) {
  useEffect(() => {
    if (!current) return;
    const results = MODEL_IDS.map((m) => current.results[m]);
    const shown = results.some((r) => r && (r.applicable ? Object.keys(r.risks).length > 0 : !current.provisional));
    if (shown) markOnce('tailor:first-risk');
    if (!current.provisional && results.every((r) => r !== undefined)) markOnce('tailor:risk-view-ready');
  }, [current]);
}
