import { useId, useState } from 'react';
import { useChartStore } from '../../store/chart.ts';
import type { SourceState } from '../../fhir/chart-loader/loadChart.ts';

const STATUS_TEXT: Record<SourceState['status'], string> = {
  loading: 'loading…',
  loaded: 'loaded',
  failed: 'failed',
  skipped: 'not available on this server',
};

/**
 * The chart's load state in one line ("Chart loaded · 9 sources") that expands to every source; failures stay in
 * view below it, each with the server's message and a Retry button. The status text starts with "Chart loaded" once
 * every search has answered (the e2e suite and the bench wait for that).
 */
export function SourceProgress() {
  const sources = useChartStore((s) => s.sources);
  const retry = useChartStore((s) => s.retrySource);
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (sources.length === 0) return null;
  const searched = sources.filter((s) => s.status !== 'skipped');
  const pending = sources.filter((s) => s.status === 'loading').length;
  const failed = sources.filter((s) => s.status === 'failed');
  const warnings = sources.filter((s) => s.status !== 'failed' && (s.truncated !== undefined || s.olderPagesFailed !== undefined)).length;
  const status = pending > 0
    ? `Loading chart: ${sources.length - pending} of ${sources.length} sources done`
    : failed.length > 0 ? `Chart loaded with ${failed.length} source${failed.length > 1 ? 's' : ''} missing` : 'Chart loaded';
  return (
    <div className="source-progress">
      <p className="source-line">
        <span role="status" aria-live="polite" data-testid="chart-load-status">{status}</span>
        {pending > 0 ? <progress aria-label="Loading the chart" max={sources.length} value={sources.length - pending} /> : null}
        {' · '}
        <button type="button" className="link-button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
          {searched.length} source{searched.length === 1 ? '' : 's'}{warnings > 0 ? `, ${warnings} incomplete` : ''}
        </button>
      </p>
      {failed.length > 0 ? (
        <ul aria-label="Chart sources that failed" className="source-list source-failures">
          {failed.map((s) => <SourceLine key={s.id} source={s} onRetry={() => void retry(s.id)} />)}
        </ul>
      ) : null}
      <ul id={listId} aria-label="Chart sources" className="source-list" hidden={!open}>
        {sources.filter((s) => s.status !== 'failed').map((s) => <SourceLine key={s.id} source={s} />)}
      </ul>
    </div>
  );
}

function SourceLine({ source: s, onRetry }: { source: SourceState; onRetry?: () => void }) {
  return (
    <li data-testid={`source-${s.id}`} data-status={s.status} className={`source source-${s.status}`}>
      <span className="source-label">{s.label}</span>: {STATUS_TEXT[s.status]}
      {s.status === 'loaded' ? ` (${s.count})` : null}
      {s.truncated ? <span className="source-warning"> — incomplete: {s.truncated}</span> : null}
      {s.message && s.status !== 'skipped' ? <span className="source-message"> — {s.message}</span> : null}
      {s.olderPagesFailed ? <span className="source-message"> — older pages could not be loaded: {s.olderPagesFailed}</span> : null}
      {onRetry ? <button type="button" onClick={onRetry} aria-label={`Retry ${s.label}`}>Retry</button> : null}
    </li>
  );
}
