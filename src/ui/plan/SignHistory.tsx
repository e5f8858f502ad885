/** This patient's care plans written by Tailor, newest first, this draft's marked: what was signed before. */
import type { HistoryState } from '../../store/sign.ts';
import { chartTime } from './SignOutcome.tsx';

export function SignHistory({ history, draftId, patientName }: { history: HistoryState; draftId: string; patientName: string }) {
  if (history.status === 'idle') return null;
  return (
    <details className="sign-history" data-testid="sign-history" open={history.status === 'loaded' && history.plans.length > 0 ? true : undefined}>
      <summary>
        Tailor care plans in {patientName}'s chart
        {history.status === 'loaded' ? ` (${history.plans.length})` : ''}
      </summary>
      {history.status === 'loading' ? <p role="status">Looking up earlier plans…</p> : null}
      {history.status === 'failed' ? <p className="plan-caution">The earlier plans could not be listed: {history.message}</p> : null}
      {history.status === 'loaded' && history.plans.length === 0 ? <p className="plan-note">None yet.</p> : null}
      {history.status === 'loaded' && history.plans.length > 0 ? (
        <ul>
          {history.plans.map((p) => (
            <li key={p.id} data-testid={`sign-history-${p.id}`}>
              {p.title ?? 'Care plan'} · {p.status}
              {p.created ? ` · created ${chartTime(p.created)}` : ''}
              {p.lastUpdated ? ` · saved ${chartTime(p.lastUpdated)}` : ''} · <code>CarePlan/{p.id}</code>
              {p.versionId ? ` version ${p.versionId}` : ''}
              {p.identifier === draftId.toLowerCase() ? <strong> (this plan)</strong> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
