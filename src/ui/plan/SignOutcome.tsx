/** What signing is doing and what came of it: progress while writing, "Saved to chart", or the failure and a retry. */
import type { WriteProgress } from '../../fhir/writeBack/index.ts';
import { nounFor } from '../../fhir/writeBack/failure.ts';
import type { SignAttempt, SignedPlan } from '../../store/signRecord.ts';

/** "2026-03-10 14:30 UTC": the same form as the draft's last change. */
export const chartTime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function progressWords(progress: WriteProgress | { step: 'starting' }, ehr: string): string {
  switch (progress.step) {
    case 'starting':
      return 'Preparing the plan…';
    case 'looking-up':
      return `Looking in ${ehr} for this plan signed before…`;
    case 'writing':
      return progress.resourceType === 'Bundle'
        ? `Writing the plan to ${ehr} (one transaction)…`
        : `Writing the ${nounFor(progress.resourceType)} (${progress.index + 1} of ${progress.total}) to ${ehr}…`;
    case 'retrying': {
      const why = progress.reason === 'no-answer' ? 'did not answer' : progress.reason === 'busy' ? 'is busy' : 'had a problem';
      // `attempt` is already the try about to be made (sendReliably reports the first retry as attempt 2).
      return `${ehr} ${why}; trying again in ${Math.ceil(progress.waitMs / 1000)} s (try ${progress.attempt}). The plan is kept and will not be saved twice.`;
    }
    case 'refreshing-token':
      return `Renewing the session with ${ehr}…`;
    case 'reading-back':
      return 'Reading the care plan back from the chart…';
  }
}

export function SignProgress({ progress, ehr }: { progress: WriteProgress | { step: 'starting' } | undefined; ehr: string }) {
  return (
    <p className="sign-progress" role="status" data-testid="sign-progress">
      {progress ? progressWords(progress, ehr) : ''}
    </p>
  );
}

export function SignedNotice({ signed, changed }: { signed: SignedPlan; changed: boolean }) {
  const what = signed.resourceType === 'CarePlan' ? 'care plan' : 'clinical note';
  const when = signed.lastUpdated ?? signed.savedAt;
  return (
    <div className="sign-saved" data-testid="sign-saved">
      <p>
        <strong>{signed.path ? 'Saved to chart' : 'In the chart'}</strong>: {what} <code data-testid="sign-saved-id">{`${signed.resourceType}/${signed.id}`}</code>
        {signed.versionId ? <>, version <span data-testid="sign-saved-version">{signed.versionId}</span></> : null}
        {when ? <>, {chartTime(when)}</> : null}
        {signed.planStatus ? <> ({signed.planStatus === 'active' ? 'active plan' : 'draft plan'})</> : null}.
      </p>
      {!signed.path ? <p className="plan-note">This draft was signed before (in another tab or session); signing again updates that plan.</p> : null}
      {changed && signed.path ? <p className="plan-note" data-testid="sign-changed">You changed the plan after signing it: update the signed plan to put the changes in the chart.</p> : null}
    </div>
  );
}

export function SignFailure({ attempt, onRetry, disabled }: { attempt: SignAttempt; onRetry: () => void; disabled: boolean }) {
  const failure = attempt.failure;
  if (attempt.status !== 'failed' || !failure) return null;
  return (
    <div className="sign-failed" role="alert" data-testid="sign-failed">
      <p>
        <strong>Not saved.</strong> {failure.message}
      </p>
      {failure.kind === 'expired' ? (
        <p>Open the patient's chart in the EHR and launch Tailor again: this plan is kept in this browser tab and will be here, ready to sign.</p>
      ) : failure.retryable ? (
        <button type="button" onClick={onRetry} disabled={disabled} data-testid="sign-retry">
          Retry
        </button>
      ) : null}
    </div>
  );
}
