import { useId } from 'react';
import { INPUT_LABEL, inRunningText } from '../../risk/inputDisplay.ts';
import type { ChartInputs, InputProvenance } from '../../risk/viewModel.ts';
import { summariseInputs, summaryText } from './inputsSummary.ts';
import { capitalise } from './text.ts';

/**
 * "Based on": one line that counts the inputs the numbers above were computed from (chart, derived, entered, stale)
 * and names the unknown ones a model on screen needs; it opens into the list with each value, date, origin and the
 * FHIR resources one click away. Unknown inputs no model on screen reads are listed apart, not as gaps (the facts
 * panel says the same). The KFRE region is a site setting, not a chart value.
 */
export function InputsUsed({ ci, withKfre }: { ci: ChartInputs; withKfre: boolean }) {
  const headingId = useId();
  const summary = summariseInputs(ci, withKfre);
  return (
    <section className="risk-inputs" aria-labelledby={headingId} data-testid="risk-inputs">
      <h3 className="visually-hidden" id={headingId}>Inputs</h3>
      <details>
        <summary data-testid="risk-inputs-summary">
          {summaryText(summary)}
          {summary.unknown.length > 0 ? (
            <span className="risk-inputs-unknown">; unknown: {summary.unknown.map((m) => INPUT_LABEL[m.input]).join(', ')}</span>
          ) : null}
        </summary>
        <table className="risk-inputs-table">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Value</th>
              <th scope="col">Date</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {summary.used.map((p) => (
              <tr key={p.input} data-testid={`risk-input-${p.input}`} data-origin={p.origin}>
                <th scope="row">{capitalise(INPUT_LABEL[p.input])}</th>
                <td>
                  {p.display}
                  {p.staleness && p.staleness.level !== 'fresh' ? (
                    <> <span className={`badge badge-${p.staleness.level}`}>{p.staleness.level}: {p.staleness.ageDays} days</span></>
                  ) : null}
                </td>
                <td>{p.date ? <time dateTime={p.date}>{p.date.slice(0, 10)}</time> : '—'}</td>
                <td><Source p={p} /></td>
              </tr>
            ))}
            {summary.unknown.map((m) => (
              <tr key={m.input} className="risk-input-missing" data-testid={`risk-input-${m.input}`} data-origin="missing">
                <th scope="row">{capitalise(INPUT_LABEL[m.input])}</th>
                <td colSpan={3}>unknown: {inRunningText(m.reason)}</td>
              </tr>
            ))}
            {ci.inputs.region && withKfre ? (
              <tr data-testid="risk-input-region" data-origin="site">
                <th scope="row">KFRE calibration</th>
                <td colSpan={3}>{ci.inputs.region === 'north-america' ? 'North America' : 'outside North America'} (site setting)</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {summary.notNeeded.length > 0 ? (
          <p className="risk-sub" data-testid="risk-inputs-not-needed">
            Read only by the KFRE (CKD G3–G5), so not needed here:{' '}
            {summary.notNeeded.map((x) => `${INPUT_LABEL[x.input]} ${'display' in x ? x.display : 'unknown'}`).join(', ')}.
          </p>
        ) : null}
      </details>
    </section>
  );
}

function Source({ p }: { p: InputProvenance }) {
  const origin = p.origin === 'entered' ? 'entered by clinician' : p.origin === 'derived' ? `derived: ${p.method ?? 'calculated'}` : 'chart';
  const label = <span className={`risk-origin risk-origin-${p.origin}`}>{origin}</span>;
  if (p.sources.length === 0) return label;
  return (
    <details className="risk-source">
      <summary>
        {label}
        <span className="visually-hidden">, show the FHIR resources</span>
      </summary>
      <ul>
        {p.sources.map((s) => (
          <li key={`${s.resourceType}/${s.id}`}>
            {s.resourceType}/{s.id}
            {s.value ? ` · recorded ${s.value}${s.unit ? ` ${s.unit}` : ''}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
