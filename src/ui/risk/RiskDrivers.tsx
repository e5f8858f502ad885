import { drivers, driverSentence } from '../../risk/drivers.ts';
import type { CurrentRisk } from '../../store/risk.ts';
import { DriversChart } from './DriversChart.tsx';
import { followedRisk } from './followedRisk.ts';
import { useRisk } from './riskStoreContext.ts';

/** What drives the followed risk: the engine's Shapley contributions against the model's stated reference profile. */
export default function RiskDrivers({ current }: { current: CurrentRisk }) {
  const followed = followedRisk(current.results);
  const reference = useRisk((s) => (followed ? s.cards[followed.model]?.explanation.reference : undefined));
  const result = followed ? current.results[followed.model] : undefined;
  const explanation = result?.applicable ? result.explanation : undefined;
  if (!followed || !explanation) return <p className="risk-note">No drivers to show: none of the models gives a number for this patient now.</p>;
  const list = drivers(explanation, followed.risk, current.chartInputs);
  return (
    <DriversChart drivers={list} sentence={driverSentence(list)} riskLabel={followed.label} referenceDescription={reference ?? 'the model’s reference profile (see its model card)'} />
  );
}
