import type { Suggestion } from '../../plan/types.ts';
import type { TherapyImpact } from '../../risk/viewModel.ts';
import { formatRisk, horizonYears } from '../risk/riskFormat.ts';
import { combinedImpact } from './combinedImpact.ts';

export interface PlanImpactProps {
  therapy: TherapyImpact | undefined;
  /** Why there is no therapy table, when there is none (from the risk store, or "computing"). */
  noTherapy: string;
  ticked: readonly Suggestion[];
}

/** Every option says the same thing when none can be projected (secondary prevention): that sentence, once. */
function sharedReason(therapy: TherapyImpact): string | undefined {
  const details = new Set(therapy.options.filter((o) => o.status !== 'available').map((o) => o.detail));
  return therapy.options.every((o) => o.status !== 'available') && details.size === 1 ? [...details][0] : undefined;
}

/**
 * The combined impact of the ticked plan on the named baseline: projected risk, absolute reduction and NNT over its
 * horizon, relative risks multiplied and floored (src/risk/therapy.ts). Announced politely as ticks change it.
 */
export function PlanImpact({ therapy, noTherapy, ticked }: PlanImpactProps) {
  return (
    <div className="plan-impact" data-testid="plan-impact" aria-live="polite">
      <ImpactText therapy={therapy} noTherapy={noTherapy} ticked={ticked} />
    </div>
  );
}

function ImpactText({ therapy, noTherapy, ticked }: PlanImpactProps) {
  if (!therapy) return <p>{noTherapy}</p>;
  const years = horizonYears(therapy.baseline.risk);
  const baseline = `${therapy.baseline.label} ${formatRisk(therapy.baseline.value)}`;
  const none = sharedReason(therapy);
  if (none) return <p>Combined impact: no projection on {baseline} ({none}).</p>;
  if (ticked.length === 0) return <p>Tick suggestions to see their combined impact on {baseline}.</p>;
  const impact = combinedImpact(therapy, ticked);
  const p = impact.projection;
  return (
    <>
      {p ? (
        <p data-testid="plan-impact-result">
          <strong>With the ticked plan:</strong> {therapy.baseline.label} from {formatRisk(therapy.baseline.value)} to{' '}
          <strong data-testid="plan-impact-risk">{formatRisk(p.risk)}</strong>
          {p.floored ? ` (at the floor, ${formatRisk(impact.optimalRisk)}: the risk with optimal factors)` : ''}; absolute reduction{' '}
          <span data-testid="plan-impact-arr">{(p.absoluteReduction * 100).toFixed(1)}</span> points, NNT{' '}
          <span data-testid="plan-impact-nnt">{p.numberNeededToTreat ?? 'none (no reduction)'}</span> over {years} years.{' '}
          <span className="plan-note">
            {impact.counted.map((c) => `${c.option.label} RR ${c.option.relativeRisk.toFixed(2)}`).join(' × ')}, multiplied
            {impact.counted.length > 1 ? ', never added' : ''}.
          </span>
          {p.harm ? <span className="plan-caution"> Harm: {p.harm}.</span> : null}
        </p>
      ) : (
        <p>The ticked items have no projection on {baseline}.</p>
      )}
      {impact.uncounted.length > 0 ? (
        <p className="plan-note" data-testid="plan-impact-uncounted">
          Not in the projection: {impact.uncounted.map((u) => `${u.title} (${u.why})`).join('; ')}.
        </p>
      ) : null}
    </>
  );
}
