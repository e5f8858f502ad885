import type { TherapyImpact, TherapyOption, TherapyProjection } from '../../risk/viewModel.ts';
import { formatRisk, horizonYears } from './riskFormat.ts';
import './charts.css';

export interface TherapyImpactTableProps {
  impact: TherapyImpact;
}

const STATUS_WORDS: Record<Exclude<TherapyOption['status'], 'available'>, string> = {
  already: 'Already in place',
  'not-applicable': 'Not applicable',
};

const relativeRiskText = (rr: number): string => `RR ${rr.toFixed(2)}`;

/**
 * Therapy impact on the baseline risk: each therapy alone, then combinations, with projected risk, absolute risk
 * reduction and number needed to treat over the baseline's horizon. The figures come computed (src/risk therapy
 * projection); this table only words them, including why a therapy is not offered and when the floor applied.
 */
export function TherapyImpactTable({ impact }: TherapyImpactTableProps) {
  const years = horizonYears(impact.baseline.risk);
  const optionOf = new Map(impact.options.map((o) => [o.id, o]));
  const single = (o: TherapyOption) => impact.projections.find((p) => p.therapies.length === 1 && p.therapies[0] === o.id);
  const combinations = impact.projections.filter((p) => p.therapies.length > 1);
  const floor = formatRisk(impact.optimalRisk);
  return (
    <table className="risk-table therapy-table" data-testid="therapy-impact">
      <caption>
        Therapy impact on {impact.baseline.label}: the patient's {formatRisk(impact.baseline.value)} now, projected with each therapy. Effects are
        combined by multiplying relative risks (never adding them) and cannot go below the risk with optimal factors, {floor}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Therapy</th>
          <th scope="col">What is assumed</th>
          <th scope="col">Projected {years}-year risk</th>
          <th scope="col">Absolute risk reduction (percentage points)</th>
          <th scope="col">Number needed to treat for {years} years</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {impact.options.map((option) => {
          const projection = option.status === 'available' ? single(option) : undefined;
          return (
            <tr key={option.id} data-testid={`therapy-${option.id}`} data-status={option.status}>
              <th scope="row">{option.label}</th>
              <td>
                {option.detail}
                {projection?.harm ? <div className="therapy-harm">Harm: {projection.harm}</div> : null}
              </td>
              {projection ? (
                <ProjectionCells projection={projection} floor={floor} />
              ) : (
                <td colSpan={3} className="therapy-status">
                  {option.status === 'available' ? 'Not projected' : STATUS_WORDS[option.status]}
                </td>
              )}
              <td className="risk-sub">{option.source}</td>
            </tr>
          );
        })}
      </tbody>
      {combinations.length > 0 ? (
        <tbody>
          <tr>
            <th scope="colgroup" colSpan={6} className="therapy-group">
              Combinations
            </th>
          </tr>
          {combinations.map((projection) => {
            const parts = projection.therapies.map((id) => optionOf.get(id)).filter((o) => o !== undefined);
            return (
              <tr key={projection.therapies.join('+')} data-testid={`therapy-${projection.therapies.join('+')}`}>
                <th scope="row">{projection.label}</th>
                <td>
                  Relative risks multiplied: {parts.map((o) => relativeRiskText(o.relativeRisk)).join(' × ')}
                  {projection.harm ? <div className="therapy-harm">Harm: {projection.harm}</div> : null}
                </td>
                <ProjectionCells projection={projection} floor={floor} />
                <td className="risk-sub">{[...new Set(parts.map((o) => o.source))].join('; ')}</td>
              </tr>
            );
          })}
        </tbody>
      ) : null}
    </table>
  );
}

function ProjectionCells({ projection, floor }: { projection: TherapyProjection; floor: string }) {
  return (
    <>
      <td className="num">
        {formatRisk(projection.risk)}
        {projection.floored ? <div className="risk-sub">cannot go below the risk with optimal factors, {floor}</div> : null}
      </td>
      <td className="num">{(projection.absoluteReduction * 100).toFixed(1)}</td>
      <td className="num">{projection.numberNeededToTreat === null ? 'none (no reduction)' : projection.numberNeededToTreat}</td>
    </>
  );
}
