import type { TherapyImpact, TherapyOption, TherapyProjection } from '../../risk/viewModel.ts';
import { formatRisk, horizonYears } from './riskFormat.ts';
import { assumptionParts, citedSources, fullCombination } from './therapyRows.ts';
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
 * Therapy impact on the baseline risk: each therapy alone, then all available ones together (the other combinations
 * one click away), with projected risk, absolute risk reduction and number needed to treat over the baseline's
 * horizon. Each source is cited once, under the table, and rows carry its number; the arithmetic behind each
 * relative risk is in "How the relative risks are worked out". The figures come computed (src/risk/therapy.ts);
 * this table only words them, including why a therapy is not offered and when the floor applied.
 */
export function TherapyImpactTable({ impact }: TherapyImpactTableProps) {
  const years = horizonYears(impact.baseline.risk);
  const optionOf = new Map(impact.options.map((o) => [o.id, o]));
  const sources = citedSources(impact.options);
  const refsOf = (options: readonly TherapyOption[]) => [...new Set(options.map((o) => sources.indexOf(o.source) + 1))].filter((n) => n > 0);
  const single = (o: TherapyOption) => impact.projections.find((p) => p.therapies.length === 1 && p.therapies[0] === o.id);
  const full = fullCombination(impact.projections);
  const others = impact.projections.filter((p) => p.therapies.length > 1 && p !== full);
  const floor = formatRisk(impact.optimalRisk);
  const partsOf = (p: TherapyProjection) => p.therapies.map((id) => optionOf.get(id)).filter((o) => o !== undefined);
  const head = (
    <thead>
      <tr>
        <th scope="col">Therapy</th>
        <th scope="col">Projected {years}-year risk</th>
        <th scope="col">Absolute reduction (points)</th>
        <th scope="col">NNT over {years} years</th>
        <th scope="col">What is assumed</th>
      </tr>
    </thead>
  );
  const combinationRow = (p: TherapyProjection) => (
    <CombinationRow key={p.therapies.join('+')} projection={p} parts={partsOf(p)} refs={refsOf(partsOf(p))} />
  );
  return (
    <div className="therapy">
      <table className="risk-table therapy-table" data-testid="therapy-impact">
        <caption>
          From the patient's {formatRisk(impact.baseline.value)} now; reductions in percentage points; NNT, number needed to treat. Relative
          risks are multiplied, never added, and no projection goes below {floor}, the risk with optimal factors.
        </caption>
        {head}
        <tbody>
          {impact.options.map((option) => {
            const projection = option.status === 'available' ? single(option) : undefined;
            const { assumed } = option.status === 'available' ? assumptionParts(option.detail) : { assumed: option.detail };
            return (
              <tr key={option.id} data-testid={`therapy-${option.id}`} data-status={option.status}>
                <th scope="row">{option.label}</th>
                {projection ? (
                  <ProjectionCells projection={projection} />
                ) : (
                  <td colSpan={3} className="therapy-status">
                    {option.status === 'available' ? 'Not projected' : STATUS_WORDS[option.status]}
                  </td>
                )}
                <td>
                  {assumed}
                  {projection ? <Refs numbers={refsOf([option])} /> : null}
                  {projection?.harm ? <div className="therapy-harm">Harm: {projection.harm}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
        {full ? (
          <tbody>
            <tr>
              <th scope="colgroup" colSpan={5} className="therapy-group">
                All available together
              </th>
            </tr>
            {combinationRow(full)}
          </tbody>
        ) : null}
      </table>
      {others.length > 0 ? (
        <details className="risk-alt" data-testid="therapy-other-combinations">
          <summary>Other combinations ({others.length})</summary>
          <table className="risk-table therapy-table">
            <caption className="visually-hidden">Other combinations of the available therapies</caption>
            {head}
            <tbody>{others.map(combinationRow)}</tbody>
          </table>
        </details>
      ) : null}
      {sources.length > 0 ? (
        <ol className="therapy-refs" aria-label="Sources of the relative risks" data-testid="therapy-sources">
          {sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      ) : null}
      <Arithmetic options={impact.options} />
    </div>
  );
}

/** "[1, 2]": the numbers of the sources under the table (plain text: one tab stop less per row). */
function Refs({ numbers }: { numbers: number[] }) {
  return numbers.length === 0 ? null : <span className="therapy-ref"> [{numbers.join(', ')}]</span>;
}

function CombinationRow({ projection, parts, refs }: { projection: TherapyProjection; parts: TherapyOption[]; refs: number[] }) {
  return (
    <tr data-testid={`therapy-${projection.therapies.join('+')}`}>
      <th scope="row">{projection.label}</th>
      <ProjectionCells projection={projection} />
      <td>
        Relative risks multiplied: {parts.map((o) => relativeRiskText(o.relativeRisk)).join(' × ')}
        <Refs numbers={refs} />
        {projection.harm ? <div className="therapy-harm">Harm: as for low-dose aspirin alone</div> : null}
      </td>
    </tr>
  );
}

function ProjectionCells({ projection }: { projection: TherapyProjection }) {
  return (
    <>
      <td className="num">
        {formatRisk(projection.risk)}
        {projection.floored ? <span className="risk-sub"> (at the floor)</span> : null}
      </td>
      <td className="num">{(projection.absoluteReduction * 100).toFixed(1)}</td>
      <td className="num">{projection.numberNeededToTreat === null ? 'none (no reduction)' : projection.numberNeededToTreat}</td>
    </>
  );
}

/** The arithmetic behind each available therapy's relative risk, one click away. */
function Arithmetic({ options }: { options: readonly TherapyOption[] }) {
  const worked = options.flatMap((o) => {
    if (o.status !== 'available') return [];
    const { arithmetic } = assumptionParts(o.detail);
    return arithmetic ? [{ id: o.id, label: o.label, arithmetic }] : [];
  });
  if (worked.length === 0) return null;
  return (
    <details className="risk-alt" data-testid="therapy-arithmetic">
      <summary>How the relative risks are worked out</summary>
      <ul className="therapy-arithmetic">
        {worked.map((w) => (
          <li key={w.id}>
            <strong>{w.label}:</strong> {w.arithmetic}
          </li>
        ))}
      </ul>
    </details>
  );
}
