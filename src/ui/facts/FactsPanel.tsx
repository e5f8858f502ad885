import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useChartStore } from '../../store/chart.ts';
import type { ChartFacts, Fact, FactKey, FactValue, KnownFact, SourceRef, Staleness, UnknownFact } from '../../chart/types.ts';
import { RECORD_LABEL } from '../../chart/recordGaps.ts';
import { recordOf } from '../../fhir/chart-loader/recordGaps.ts';
import { UNIT_LABEL } from '../../risk/inputDisplay.ts';
import { formatValue, modelsNeeding, parseChoice, PANEL_ROWS, recordedText, type FactRow } from './factFormat.ts';
import { SourceProgress } from './SourceProgress.tsx';
import './FactsPanel.css';

/**
 * "What we used": every model input with its value, when and where it was recorded, and how current it is. A value
 * whose records are still loading or failed says so (never "missing"); a missing one the models need says which
 * model needs it and offers a field to enter it. Values no applicable model needs for this patient are folded away
 * under "Other values". Reads the chart store; mount it anywhere after startChartLoad().
 */
export function FactsPanel({ rows = PANEL_ROWS }: { rows?: readonly FactRow[] }) {
  const facts = useChartStore((s) => s.facts);
  const siteCodeErrors = useChartStore((s) => s.siteCodeErrors);
  const headingId = useId();
  const placed = rows.map((row) => ({ row, notNeeded: row.notNeededBecause?.(facts) }));
  const main = placed.filter((p) => p.notNeeded === undefined);
  const other = placed.filter((p) => p.notNeeded !== undefined);
  return (
    <section className="facts-panel" aria-labelledby={headingId} data-testid="facts-panel">
      <h2 id={headingId}>What we used</h2>
      <SourceProgress />
      {siteCodeErrors.length > 0 ? (
        <div className="source-warning" data-testid="site-code-errors">
          The site's code file (config/site-codes.json) has problems; those local codes are not used: {siteCodeErrors.join('; ')}
        </div>
      ) : null}
      <MissingSummary rows={main.map((p) => p.row)} facts={facts} />
      <FactsTable caption="Chart values used by the risk models. You can enter or override any value for this session." rows={main} facts={facts} />
      {other.length > 0 ? (
        <details className="facts-other" data-testid="facts-other">
          <summary>Other values ({other.length}): not needed by the models that apply to this patient</summary>
          <FactsTable caption="Values recorded for other patients' models, with why this patient does not need them." rows={other} facts={facts} />
        </details>
      ) : null}
    </section>
  );
}

function FactsTable({ caption, rows, facts }: { caption: string; rows: { row: FactRow; notNeeded: string | undefined }[]; facts: ChartFacts }) {
  return (
    <table className="facts-table">
      <caption className="facts-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col">Value</th>
          <th scope="col">Recorded</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ row, notNeeded }) => (
          <FactRowView key={row.key} row={row} fact={facts[row.key]} detail={row.detail ? facts[row.detail] : undefined} notNeeded={notNeeded} />
        ))}
      </tbody>
    </table>
  );
}

/** Unknown inputs a model needs and nothing is loading for: which model needs which value. */
function MissingSummary({ rows, facts }: { rows: FactRow[]; facts: ChartFacts }) {
  const needed = rows.flatMap((row) => {
    const fact = facts[row.key];
    const models = modelsNeeding(row.key);
    return fact.state === 'unknown' && !fact.gap && row.input.kind !== 'none' && models.length > 0 ? [{ row, models }] : [];
  });
  if (needed.length === 0) return null;
  return (
    <p className="facts-missing-summary" data-testid="facts-missing-summary">
      Missing for the risk models: {needed.map(({ row, models }) => `${row.label} (${models.join(', ')})`).join('; ')}.
    </p>
  );
}

/** How a row reads at a glance; also its data-origin, which tests and styles key on. */
type RowKind = KnownFact<unknown>['origin'] | 'none-recorded' | NonNullable<UnknownFact['gap']>['status'] | 'missing' | 'not-needed' | 'not-recorded';

function rowKind(fact: Fact<unknown>, informational: boolean, notNeeded: string | undefined): RowKind {
  if (fact.state === 'known') return fact.origin !== 'entered' && fact.noneRecorded ? 'none-recorded' : fact.origin;
  if (fact.gap) return fact.gap.status;
  if (informational) return 'not-recorded';
  return notNeeded === undefined ? 'missing' : 'not-needed';
}

function FactRowView({ row, fact, detail, notNeeded }: { row: FactRow; fact: Fact<unknown>; detail: Fact<unknown> | undefined; notNeeded: string | undefined }) {
  const [editing, setEditing] = useState(false);
  const clearEntry = useChartStore((s) => s.clearEntry);
  const enterFact = useChartStore((s) => s.enterFact);
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
  // Rows without an entry field (home BP, SLCO1B1) are informational: unknown there means "not recorded", not a gap to fill.
  const informational = row.input.kind === 'none';
  const kind = rowKind(fact, informational, notNeeded);
  const enterable = !informational && kind !== 'loading';
  // The row's second fact (the active statin under "On statin: Yes"), which also names what the note would.
  const detailText = row.detail && detail?.state === 'known' && detail.value !== null && fact.state === 'known' && fact.value === true ? formatValue(row.detail, detail.value) : undefined;
  const shownDate = fact.state === 'known' ? (fact.date ?? (detail?.state === 'known' ? detail.date : undefined) ?? newestDate(fact.sources)) : undefined;
  return (
    <tr className={kind === 'missing' ? 'fact-missing' : kind === 'failed' ? 'fact-failed' : undefined} data-testid={`fact-${row.key}`} data-state={fact.state} data-origin={kind}>
      <th scope="row">{row.label}</th>
      <td data-testid={`fact-${row.key}-value`}>
        {fact.state === 'known' && !editing ? <strong>{kind === 'none-recorded' ? 'None recorded' : formatValue(row.key, fact.value)}</strong> : null}
        {fact.state === 'known' && kind === 'none-recorded' ? <div className="fact-sub">{fact.noneRecorded}</div> : null}
        {detailText ? <div className="fact-sub">{detailText}</div> : null}
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
        {fact.state === 'unknown' ? <UnknownText fact={fact} kind={kind} notNeeded={notNeeded} /> : null}
        {kind === 'missing' ? <NeededBy factKey={row.key} /> : null}
        {fact.note && !detailText?.includes(fact.note) ? <div className="fact-sub">{fact.note}</div> : null}
        {(kind === 'missing' || editing) && enterable ? (
          <EntryForm row={row} autoFocus={focus === 'field'} onDone={close} onCancel={editing ? close : undefined} />
        ) : null}
        {fact.state === 'known' && kind === 'none-recorded' && typeof fact.value === 'boolean' && !editing ? (
          <button type="button" className="link-button" onClick={() => enterFact(row.key, false as FactValue<FactKey>)} aria-label={`Confirm no ${row.label}`}>Confirm no</button>
        ) : null}
        {kind !== 'missing' && !editing && enterable ? (
          <button ref={changeRef} type="button" className="link-button" onClick={open} aria-label={`${fact.state === 'unknown' ? 'Enter' : 'Change'} ${row.label}`}>
            {fact.state === 'unknown' ? 'Enter' : 'Change'}
          </button>
        ) : null}
      </td>
      <td>
        {fact.state === 'known' && fact.origin === 'entered' ? <span className="fact-sub">entered </span> : null}
        {shownDate ? <time dateTime={shownDate} data-testid={`fact-${row.key}-date`}>{shownDate.slice(0, 10)}</time> : <span data-testid={`fact-${row.key}-date`}>—</span>}
        <Recorded rowKey={row.key} fact={fact} shown={{ ...(fact.state === 'known' ? { value: formatValue(row.key, fact.value) } : {}), ...(shownDate ? { date: shownDate } : {}) }} />
      </td>
      <td data-testid={`fact-${row.key}-status`}>
        <Badge fact={fact} kind={kind} />
      </td>
    </tr>
  );
}

function newestDate(sources: readonly SourceRef[]): string | undefined {
  return sources.map((s) => s.date).filter((d): d is string => d !== undefined).sort().at(-1);
}

/** Why there is no value: records loading or failed (with Retry), a not-needed value, or what is missing. */
function UnknownText({ fact, kind, notNeeded }: { fact: UnknownFact; kind: RowKind; notNeeded: string | undefined }) {
  const sources = useChartStore((s) => s.sources);
  const retry = useChartStore((s) => s.retrySource);
  if (fact.gap) {
    const records = fact.gap.records.map((r) => RECORD_LABEL[r]).join(' and ');
    const failed = sources.filter((s) => s.status === 'failed' && fact.gap?.records.includes(recordOf(s.id)));
    if (fact.gap.status === 'loading') return <div className="fact-sub fact-loading">Loading {records}…</div>;
    return (
      <div className="fact-sub fact-gap">
        {fact.reason}
        {failed.length > 0 ? (
          <>
            {' — '}
            <button type="button" className="link-button" onClick={() => failed.forEach((s) => void retry(s.id))} aria-label={`Retry loading ${records}`}>Retry</button>
          </>
        ) : null}
      </div>
    );
  }
  if (notNeeded !== undefined) return <div className="fact-sub">Not needed: {notNeeded}</div>;
  return <div className="fact-sub fact-reason">{kind === 'missing' ? 'Missing: ' : 'Not recorded: '}{fact.reason}</div>;
}

function NeededBy({ factKey }: { factKey: FactKey }) {
  const models = modelsNeeding(factKey);
  return models.length > 0 ? <div className="fact-sub">Needed by {models.join(', ')}</div> : null;
}

/** Where the value was recorded, in words; the FHIR references, codes and derivation one click away. */
function Recorded({ rowKey, fact, shown }: { rowKey: FactKey; fact: Fact<unknown>; shown: { value?: string; date?: string } }) {
  const listed = fact.sources.slice(0, 2);
  // A "none recorded" says what was searched in the value cell already; its method would repeat it.
  const method = fact.state === 'known' && fact.origin === 'derived' && !fact.noneRecorded ? fact : undefined;
  return (
    <>
      {listed.map((s) => ({ s, text: recordedText(s, shown) })).filter(({ text }) => text !== '').map(({ s, text }) => (
        <div key={`${s.resourceType}/${s.id}`} className="fact-sub" data-testid={`fact-${rowKey}-recorded`}>{text}</div>
      ))}
      {fact.sources.length > listed.length ? <div className="fact-sub">+{fact.sources.length - listed.length} more</div> : null}
      {method ? <div className="fact-sub" title={method.citation}>Derived: {method.method}</div> : null}
      {fact.sources.length > 0 || fact.rejected.length > 0 ? (
        <details className="fact-details">
          <summary>Source details</summary>
          <ul className="fact-sources" data-testid={`fact-${rowKey}-source`}>
            {fact.sources.map((s) => (
              <li key={`${s.resourceType}/${s.id}`}>
                {s.resourceType}/{s.id}
                {s.code ? ` · ${s.code}` : ''}
                {s.value ? ` · recorded ${s.value}${s.unit ? ` ${s.unit}` : ''}` : ''}
                {s.siteCode ? ' · site code' : ''}
              </li>
            ))}
            {fact.rejected.map((r) => (
              <li key={`not-used-${r.source.resourceType}/${r.source.id}/${r.reason}`}>
                Not used: {r.source.resourceType}/{r.source.id} ({r.reason})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

const KIND_BADGE: Partial<Record<RowKind, { text: string; className: string }>> = {
  derived: { text: 'derived', className: 'badge-derived' },
  entered: { text: 'entered', className: 'badge-entered' },
  'none-recorded': { text: 'none recorded', className: 'badge-none' },
  loading: { text: 'loading', className: 'badge-loading' },
  failed: { text: 'failed', className: 'badge-failed' },
  unavailable: { text: 'not available', className: 'badge-none' },
  missing: { text: 'missing', className: 'badge-missing' },
  'not-needed': { text: 'not recorded', className: '' },
  'not-recorded': { text: 'not recorded', className: '' },
};

/** The row's kind, then for chart values how old they are (an entered value has no age: it is the clinician's today). */
function Badge({ fact, kind }: { fact: Fact<unknown>; kind: RowKind }) {
  const badge = KIND_BADGE[kind];
  const s = fact.state === 'known' && fact.origin !== 'entered' ? fact.staleness : undefined;
  return (
    <>
      {badge ? <span className={`badge ${badge.className}`}>{badge.text}</span> : null}
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
