import { useChartStore } from '../../store/chart.ts';
import type { SourceState } from '../../fhir/chart-loader/loadChart.ts';

const STATUS_TEXT: Record<SourceState['status'], string> = {
  loading: 'loading…',
  loaded: 'loaded',
  failed: 'failed',
  skipped: 'not available on this server',
};

/** Per-source load progress, failures with the server's message, and a retry button per failed source. */
export function SourceProgress() {
  const sources = useChartStore((s) => s.sources);
  const retry = useChartStore((s) => s.retrySource);
  if (sources.length === 0) return null;
  const pending = sources.filter((s) => s.status === 'loading').length;
  const failed = sources.filter((s) => s.status === 'failed').length;
  return (
    <div className="source-progress">
      <p role="status" aria-live="polite" data-testid="chart-load-status">
        {pending > 0 ? `Loading chart: ${sources.length - pending} of ${sources.length} sources done` : failed > 0 ? `Chart loaded with ${failed} source${failed > 1 ? 's' : ''} missing` : 'Chart loaded'}
      </p>
      <ul aria-label="Chart sources" className="source-list">
        {sources.map((s) => (
          <li key={s.id} data-testid={`source-${s.id}`} data-status={s.status} className={`source source-${s.status}`}>
            <span className="source-label">{s.label}</span>: {STATUS_TEXT[s.status]}
            {s.status === 'loaded' ? ` (${s.count})` : null}
            {s.status === 'loading' ? <progress aria-label={`Loading ${s.label}`} /> : null}
            {s.truncated ? <span className="source-warning"> — incomplete: {s.truncated}</span> : null}
            {s.message && s.status !== 'skipped' ? <span className="source-message"> — {s.message}</span> : null}
            {s.olderPagesFailed ? <span className="source-message"> — older pages could not be loaded: {s.olderPagesFailed}</span> : null}
            {s.status === 'failed' ? (
              <button type="button" onClick={() => void retry(s.id)} aria-label={`Retry ${s.label}`}>Retry</button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
