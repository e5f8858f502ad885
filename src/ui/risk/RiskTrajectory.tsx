import { useChartStore } from '../../store/chart.ts';
import type { CurrentRisk, TrajectoryView } from '../../store/risk.ts';
import { followedRisk } from './followedRisk.ts';
import { useRisk } from './riskStoreContext.ts';
import { TrajectoryChart, type TrajectoryChartPoint } from './TrajectoryChart.tsx';

/** The "Over time" panel: the store's trajectory once the chart has loaded, or why there is none. */
export default function RiskTrajectory({ current }: { current: CurrentRisk }) {
  const trajectory = useRisk((s) => s.trajectory);
  const trajectoryError = useRisk((s) => s.trajectoryError);
  if (trajectoryError) return <p className="risk-note">The risk over time could not be computed: {trajectoryError}</p>;
  if (!trajectory) return <p className="risk-pending">The risk over time is computed once the whole chart has loaded…</p>;
  return <Trajectory current={current} trajectory={trajectory} />;
}

/**
 * The trajectory chart for the store's plan. A date whose inputs were complete but where the model gives no number
 * (e.g. the patient was younger than its age range then) shows the model's reason as its gap, never a carried value.
 */
function Trajectory({ current, trajectory }: { current: CurrentRisk; trajectory: TrajectoryView }) {
  const olderAvailable = useChartStore((s) => s.olderAvailable);
  const loadingOlder = useChartStore((s) => s.loadingOlder);
  const loadOlder = useChartStore((s) => s.loadOlder);
  const followed = followedRisk(current.results);
  if (!followed) return <p className="risk-note">No risk to follow over time: none of the models gives a number for this patient now.</p>;
  const points = trajectory.plan.points.map((p, i): TrajectoryChartPoint => {
    const r = trajectory.scores[i]?.[followed.model];
    if (p.gaps.length > 0 || !r) return { date: p.date, why: p.why, gaps: p.gaps };
    if (!r.applicable) return { date: p.date, why: p.why, gaps: [r.reason] };
    const risk = r.risks[followed.risk];
    return risk === undefined ? { date: p.date, why: p.why, gaps: [r.reason || 'not given at that date'] } : { date: p.date, why: p.why, gaps: [], risk };
  });
  return (
    <div data-testid="trajectory-chart">
      <TrajectoryChart
        points={points}
        riskLabel={followed.label}
        {...(trajectory.plan.historyFrom ? { historyFrom: trajectory.plan.historyFrom } : {})}
        complete={trajectory.plan.complete && !olderAvailable}
        onLoadOlder={() => void loadOlder()}
        loadingOlder={loadingOlder}
      />
    </div>
  );
}
