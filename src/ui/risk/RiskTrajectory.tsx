import { useChartStore } from '../../store/chart.ts';
import type { CurrentRisk, TrajectoryView } from '../../store/risk.ts';
import { followedRisk } from './followedRisk.ts';
import { TrajectoryChart, type TrajectoryChartPoint } from './TrajectoryChart.tsx';

/**
 * The trajectory chart for the store's plan. A date whose inputs were complete but where the model gives no number
 * (e.g. the patient was younger than its age range then) shows the model's reason as its gap, never a carried value.
 */
export default function RiskTrajectory({ current, trajectory }: { current: CurrentRisk; trajectory: TrajectoryView }) {
  const olderAvailable = useChartStore((s) => s.olderAvailable);
  const loadingOlder = useChartStore((s) => s.loadingOlder);
  const loadOlder = useChartStore((s) => s.loadOlder);
  const followed = followedRisk(current.results);
  if (!followed) return null;
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
