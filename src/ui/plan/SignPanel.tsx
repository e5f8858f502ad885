/**
 * Signing the plan into the chart (issue 9): the physician picks draft or active, the button says exactly what will
 * be written and to which EHR (decided before it is offered, from the CapabilityStatement and the granted scopes),
 * a path the EHR does not allow is explained with the next best offered, and the outcome stays on screen: progress,
 * "Saved to chart" with the CarePlan's id, version and time, or the failure in plain words with a retry. Copy and
 * print are always there.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CapabilityStatement } from 'fhir/r4';
import { planWritePath, type MissingForWrite, type WritePathPlan, type WriteRequester } from '../../fhir/writeBack/index.ts';
import { planClipboardText } from '../../plan/toFhir/index.ts';
import type { Suggestion } from '../../plan/types.ts';
import { useChartStore } from '../../store/chart.ts';
import { planStorageKey, type PlanOwner } from '../../store/plan.ts';
import type { PlanDraft } from '../../store/planDraft.ts';
import { planWrites, revisesCarePlan, signedUnchanged, signFingerprint } from '../../store/sign.ts';
import type { PlanStatus } from '../../store/signRecord.ts';
import { useRisk } from '../risk/riskStoreContext.ts';
import type { GoalRow } from './goalRows.ts';
import { planToSignFrom } from './signInput.ts';
import { SignHistory } from './SignHistory.tsx';
import { SignedNotice, SignFailure, SignProgress } from './SignOutcome.tsx';
import { useSign, useSignStore } from './signStoreContext.ts';
import './SignPanel.css';

/** What signing needs from the launch: who to write to, what it allows, and the open encounter. */
export interface SignSession {
  requester: WriteRequester;
  capability: CapabilityStatement | undefined;
  grantedScopes: string;
  encounterId: string | undefined;
}

export interface SignPanelProps {
  owner: PlanOwner;
  draft: PlanDraft;
  suggestions: readonly Suggestion[];
  goals: readonly GoalRow[];
  session: SignSession;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export function SignPanel({ owner, draft, suggestions, goals, session }: SignPanelProps) {
  const store = useSignStore();
  const draftKey = planStorageKey(owner);
  useEffect(() => store.getState().open(draftKey), [store, draftKey]);
  const openKey = useSign((s) => s.draftKey);
  const record = useSign((s) => s.record);
  const writing = useSign((s) => s.writing);
  const history = useSign((s) => s.history);
  const storageProblems = useSign((s) => s.storageProblems);
  const current = useRisk((s) => s.current);
  const cards = useRisk((s) => s.cards);
  const therapy = useRisk((s) => s.therapy);
  const facts = useChartStore((s) => s.facts);
  const [chosen, setChosen] = useState<PlanStatus>();
  const headingId = useId();

  const { requester } = session;
  useEffect(() => {
    if (openKey === draftKey) void store.getState().loadHistory(requester, owner.patientId, draft.id);
  }, [store, openKey, draftKey, requester, owner.patientId, draft.id]);

  const status = chosen ?? record.attempt?.planStatus ?? record.signed?.planStatus;
  const signing = useMemo(
    () => (current ? planToSignFrom({ owner, draft, suggestions, goals, current, cards, therapy, facts, encounterId: session.encounterId, status: status ?? 'draft', signedAt: new Date(draft.updatedAt) }) : undefined),
    [owner, draft, suggestions, goals, current, cards, therapy, facts, session.encounterId, status],
  );
  const revising = revisesCarePlan(record);
  const path = useMemo(() => {
    if (!signing || signing.reasons.length > 0) return undefined;
    return planWritePath(session.capability, session.grantedScopes, planWrites(signing.plan), { revising });
  }, [signing, session.capability, session.grantedScopes, revising]);

  if (openKey !== draftKey || !signing) return null;
  const fingerprint = signFingerprint(signing.plan);
  const unchanged = status !== undefined && signedUnchanged(record, fingerprint);
  const canWrite = path !== undefined && path.path !== 'none';
  const sign = () => {
    if (!path || !status || !canWrite) return;
    void store.getState().sign({ requester, plan: { ...signing.plan, status }, path: path.path });
  };
  const buttonText = path && revising && path.path !== 'document-reference' ? `Update the signed plan: ${lowerFirst(path.label)}` : path?.label;

  return (
    <section className="sign-panel" aria-labelledby={headingId} data-testid="sign-panel">
      <h3 id={headingId}>Sign into the chart</h3>
      {storageProblems.length > 0 ? (
        <ul className="plan-problems">
          {storageProblems.map((p) => (
            <li key={p}>{p}.</li>
          ))}
        </ul>
      ) : null}
      {record.signed ? <SignedNotice signed={record.signed} changed={!unchanged} /> : null}
      {signing.reasons.length > 0 ? (
        <ul className="sign-reasons" data-testid="sign-not-ready">
          {signing.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {path ? <PathExplanation path={path} /> : null}
      {canWrite ? (
        <div className="sign-actions">
          <fieldset className="sign-status">
            <legend>Status in the chart</legend>
            {(['draft', 'active'] as const).map((s) => (
              <label key={s}>
                <input type="radio" name={`${headingId}-status`} value={s} checked={status === s} onChange={() => setChosen(s)} data-testid={`sign-status-${s}`} />{' '}
                {s === 'draft' ? 'Draft (proposed, not yet in force)' : 'Active (in force now)'}
              </label>
            ))}
          </fieldset>
          <button type="button" className="sign-button" onClick={sign} disabled={!status || writing !== undefined || unchanged} data-testid="sign-button">
            {buttonText}
          </button>
          {!status ? <p className="plan-note">Choose draft or active to sign.</p> : null}
          {unchanged ? <p className="plan-note">The chart holds this plan as signed; change it to update it.</p> : null}
        </div>
      ) : null}
      <SignProgress progress={writing} ehr={path?.ehr ?? 'the EHR'} />
      {record.attempt && !writing ? <SignFailure attempt={record.attempt} onRetry={sign} disabled={!status} /> : null}
      <PlanTextActions text={planClipboardText(signing.plan)} disabled={signing.plan.items.length === 0} />
      <SignHistory history={history} draftId={draft.id} patientName={owner.patientName} />
    </section>
  );
}

/** Why the better paths are closed: not in the EHR's CapabilityStatement, or a scope it did not grant. */
function PathExplanation({ path }: { path: WritePathPlan }) {
  const reasons = path.missing.filter((m) => m.resourceType !== 'Bundle');
  const lead =
    path.path === 'document-reference'
      ? `${path.ehr} cannot take the care plan from Tailor, so Tailor writes it as a clinical note instead:`
      : path.path === 'none'
        ? `${path.ehr} takes neither a care plan nor a clinical note from Tailor, so the plan can only be copied or printed:`
        : undefined;
  if (!lead && reasons.length === 0) return null;
  return (
    <div className="sign-path" data-testid="sign-path-why">
      {lead ? <p>{lead}</p> : null}
      {reasons.length > 0 ? (
        <ul>
          {uniqueMessages(reasons).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const uniqueMessages = (missing: readonly MissingForWrite[]) => [...new Set(missing.map((m) => m.message))];

/** Copy to the clipboard, and print the same text alone on the page. */
function PlanTextActions({ text, disabled }: { text: string; disabled: boolean }) {
  const [copied, setCopied] = useState<string>();
  const [printing, setPrinting] = useState(false);
  const printed = useCallback(() => setPrinting(false), []);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('The plan text is on the clipboard.'),
      () => setCopied('The browser did not allow copying: print the plan instead.'),
    );
  return (
    <div className="sign-text-actions">
      <button type="button" onClick={() => void copy()} disabled={disabled} data-testid="sign-copy">
        Copy the plan text
      </button>
      <button type="button" onClick={() => setPrinting(true)} disabled={disabled} data-testid="sign-print">
        Print the plan text
      </button>
      <span role="status" className="plan-note">
        {copied}
      </span>
      {printing ? <PlanTextPrint text={text} onDone={printed} /> : null}
    </div>
  );
}

/** The plan text alone in the printout: SignPanel.css hides the rest of the page while it is in <body>. */
function PlanTextPrint({ text, onDone }: { text: string; onDone: () => void }) {
  useEffect(() => {
    window.addEventListener('afterprint', onDone);
    window.print();
    return () => window.removeEventListener('afterprint', onDone);
  }, [onDone]);
  return createPortal(<pre className="sign-print-root">{text}</pre>, document.body);
}
