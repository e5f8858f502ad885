import { useId } from 'react';
import { INPUT_LABEL, INPUT_NAMES, inRunningText } from '../../risk/inputDisplay.ts';
import type { ChartInputs, InputProvenance } from '../../risk/viewModel.ts';
import { capitalise } from './text.ts';

/**
 * "Based on": every input the numbers above were computed from, with its value and unit, date, origin (entered and
 * derived values say so) and staleness; the FHIR resource ids are one click away. Unknown inputs are listed with
 * the chart layer's reason. The KFRE region is a site setting, not a chart value.
 */
export function InputsUsed({ ci }: { ci: ChartInputs }) {
  const headingId = useId();
  const known = INPUT_NAMES.flatMap((n) => (ci.provenance[n] ? [ci.provenance[n]] : []));
  const missing = INPUT_NAMES.flatMap((n) => (ci.missing[n] ? [ci.missing[n]] : []));
  return (
    <section className="risk-inputs" aria-labelledby={headingId} data-testid="risk-inputs">
      <h3 id={headingId}>Based on</h3>
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
          {known.map((p) => (
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
          {missing.map((m) => (
            <tr key={m.input} className="risk-input-missing" data-testid={`risk-input-${m.input}`} data-origin="missing">
              <th scope="row">{capitalise(INPUT_LABEL[m.input])}</th>
              <td colSpan={3}>unknown: {inRunningText(m.reason)}</td>
            </tr>
          ))}
          {ci.inputs.region ? (
            <tr data-testid="risk-input-region" data-origin="site">
              <th scope="row">KFRE calibration</th>
              <td colSpan={3}>{ci.inputs.region === 'north-america' ? 'North America' : 'outside North America'} (site setting)</td>
            </tr>
          ) : null}
        </tbody>
      </table>
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
