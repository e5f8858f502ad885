import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useChartStore } from '../../store/chart.ts';
import type { Fact, FactKey, FactValue, SourceRef, Staleness } from '../../chart/types.ts';
import { formatValue, parseChoice, PANEL_ROWS, UNIT_LABEL, type FactRow } from './factFormat.ts';
import { SourceProgress } from './SourceProgress.tsx';
import './FactsPanel.css';

/**
 * "What we used": every model input with value, unit, date, source and staleness; missing ones highlighted with a
 * field to enter them. Reads the chart store; mount it anywhere after startChartLoad().
 */
export function FactsPanel({ rows = PANEL_ROWS }: { rows?: readonly FactRow[] }) {
  const facts = useChartStore((s) => s.facts);
  const siteCodeErrors = useChartStore((s) => s.siteCodeErrors);
  const headingId = useId();
  return (
    <section className="facts-panel" aria-labelledby={headingId} data-testid="facts-panel">
      <h2 id={headingId}>What we used</h2>
      <SourceProgress />
      {siteCodeErrors.length > 0 ? (
        <div className="source-warning" data-testid="site-code-errors">
          The site's code file (config/site-codes.json) has problems; those local codes are not used: {siteCodeErrors.join('; ')}
        </div>
      ) : null}
      <table className="facts-table">
        <caption className="facts-caption">Chart values used by the risk models. Missing values are highlighted; you can enter or override any value for this session.</caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Value</th>
            <th scope="col">Date</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <FactRowView key={row.key} row={row} fact={facts[row.key]} notNeeded={row.notNeededBecause?.(facts)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FactRowView({ row, fact, notNeeded }: { row: FactRow; fact: Fact<unknown>; notNeeded: string | undefined }) {
  const [editing, setEditing] = useState(false);
  const clearEntry = useChartStore((s) => s.clearEntry);
  // Keyboard users keep their place: the field gets focus when it opens, the Change button when it closes.
  const [focus, setFocus] = useState<'field' | 'change' | undefined>();
  const changeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus === 'change') changeRef.current?.focus();
  }, [focus]);
  const open = () => {
    setEditing(true);
    setFocus('field');
  };
  const close = () => {
    setEditing(false);
    setFocus('change');
  };
  // Rows without an entry field (statin, SLCO1B1) are informational: unknown there means "not recorded", not a gap to fill.
  const informational = row.input.kind === 'none';
  const unknownInput = fact.state === 'unknown' && !informational;
  // A gap is an unknown input this patient needs; one they do not need is shown, with the reason, but not flagged.
  const missing = unknownInput && notNeeded === undefined;
  const origin = fact.state === 'known' ? fact.origin : missing ? 'missing' : unknownInput ? 'not-needed' : 'not-recorded';
  return (
    <tr className={missing ? 'fact-missing' : undefined} data-testid={`fact-${row.key}`} data-state={fact.state} data-origin={origin}>
      <th scope="row">{row.label}</th>
      <td data-testid={`fact-${row.key}-value`}>
        {fact.state === 'known' && !editing ? <strong>{formatValue(row.key, fact.value)}</strong> : null}
        {fact.state === 'known' && fact.origin === 'chart' && fact.summary12Months ? (
          <div className="fact-sub">
            12-month mean {Math.round(fact.summary12Months.mean)} mmHg ({fact.summary12Months.count} reading{fact.summary12Months.count === 1 ? '' : 's'}
            {fact.summary12Months.complete ? '' : '; older pages not loaded, may be incomplete'})
          </div>
        ) : null}
        {fact.state === 'known' && fact.origin === 'entered' ? (
          <div className="fact-sub">
            Chart: {fact.replaces.state === 'known' ? formatValue(row.key, fact.replaces.value) : 'none'}{' '}
            <button type="button" className="link-button" onClick={() => { clearEntry(row.key); setFocus(fact.replaces.state === 'known' ? 'change' : 'field'); }} aria-label={`Undo entered ${row.label}`}>Undo</button>
          </div>
        ) : null}
        {fact.state === 'unknown' && notNeeded === undefined ? <div className="fact-sub fact-reason">{missing ? 'Missing: ' : 'Not recorded: '}{fact.reason}</div> : null}
        {unknownInput && notNeeded !== undefined ? <div className="fact-sub">Not needed: {notNeeded}</div> : null}
        {fact.note ? <div className="fact-sub">{fact.note}</div> : null}
        {(missing || editing) && row.input.kind !== 'none' ? (
          <EntryForm row={row} autoFocus={focus === 'field'} onDone={close} onCancel={editing ? close : undefined} />
        ) : null}
        {!missing && !editing && row.input.kind !== 'none' ? (
          <button ref={changeRef} type="button" className="link-button" onClick={open} aria-label={`${unknownInput ? 'Enter' : 'Change'} ${row.label}`}>
            {unknownInput ? 'Enter' : 'Change'}
          </button>
        ) : null}
      </td>
      <td data-testid={`fact-${row.key}-date`}>{fact.state === 'known' && fact.date ? <time dateTime={fact.date}>{fact.date.slice(0, 10)}</time> : '—'}</td>
      <td data-testid={`fact-${row.key}-source`}>
        <Sources sources={fact.sources} />
        {fact.state === 'known' && fact.origin === 'derived' ? <div className="fact-sub" title={fact.citation}>Derived: {fact.method}</div> : null}
        {fact.rejected.length > 0 ? <div className="fact-sub">{fact.rejected.length} not used ({fact.rejected[0]?.reason})</div> : null}
      </td>
      <td data-testid={`fact-${row.key}-status`}>
        <Badge fact={fact} informational={informational || notNeeded !== undefined} />
      </td>
    </tr>
  );
}

function Sources({ sources }: { sources: SourceRef[] }) {
  if (sources.length === 0) return <>—</>;
  const shown = sources.slice(0, 2);
  return (
    <ul className="fact-sources">
      {shown.map((s) => (
        <li key={`${s.resourceType}/${s.id}`} title={s.code}>
          {s.resourceType}/{s.id}
          {s.value ? <span className="fact-recorded"> · recorded {s.value}{s.unit ? ` ${s.unit}` : ''}</span> : null}
          {s.siteCode ? <span className="fact-recorded"> · site code</span> : null}
        </li>
      ))}
      {sources.length > shown.length ? <li>+{sources.length - shown.length} more</li> : null}
    </ul>
  );
}

function Badge({ fact, informational }: { fact: Fact<unknown>; informational: boolean }) {
  if (fact.state === 'unknown') return informational ? <span className="badge">not recorded</span> : <span className="badge badge-missing">missing</span>;
  const labels: string[] = [];
  if (fact.origin !== 'chart') labels.push(fact.origin);
  const s = fact.staleness;
  return (
    <>
      {labels.map((l) => (
        <span key={l} className={`badge badge-${l}`}>{l}</span>
      ))}
      {s ? (
        <span className={`badge badge-${s.level}`} title={stalenessText(s)}>
          {s.level}
          <span className="visually-hidden"> ({stalenessText(s)})</span>
        </span>
      ) : null}
    </>
  );
}

function stalenessText(s: Staleness): string {
  return `${s.ageDays} days old; fresh ≤ ${s.freshDays} days, old ≤ ${s.oldDays} days, stale beyond`;
}

/** The entry field for one fact (also used by the risk view, next to a "not applicable" reason). */
export function EntryForm({ row, autoFocus, onDone, onCancel }: { row: FactRow; autoFocus: boolean; onDone: () => void; onCancel?: (() => void) | undefined }) {
  const enterFact = useChartStore((s) => s.enterFact);
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();
  const input = row.input;
  if (input.kind === 'none') return null;
  const label = input.kind === 'quantity' ? `Enter ${row.label} (${UNIT_LABEL[input.unit]})` : `Enter ${row.label}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input.kind === 'quantity') {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < input.min || value > input.max) {
        setError(`Enter a number from ${input.min} to ${input.max} ${UNIT_LABEL[input.unit]}`);
        return;
      }
      enterFact(row.key, { value, unit: input.unit } as FactValue<FactKey>);
    } else {
      const value = parseChoice(row.key, raw);
      if (value === undefined) {
        setError('Choose a value');
        return;
      }
      enterFact(row.key, value as FactValue<FactKey>);
    }
    setError(undefined);
    onDone();
  };

  return (
    <form className="entry-form" onSubmit={submit} noValidate data-testid={`fact-${row.key}-entry`}>
      <label htmlFor={inputId} className="visually-hidden">{label}</label>
      {input.kind === 'quantity' ? (
        <input
          id={inputId} autoFocus={autoFocus} type="number" inputMode="decimal" step={input.step} min={input.min} max={input.max} value={raw}
          onChange={(e) => setRaw(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}
        />
      ) : (
        <select id={inputId} autoFocus={autoFocus} value={raw} onChange={(e) => setRaw(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
          <option value="">Choose…</option>
          {input.options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
      {input.kind === 'quantity' ? <span className="entry-unit">{UNIT_LABEL[input.unit]}</span> : null}
      <button type="submit">Use</button>
      {onCancel ? <button type="button" onClick={onCancel}>Cancel</button> : null}
      {error ? <span id={errorId} role="alert" className="entry-error">{error}</span> : null}
    </form>
  );
}
