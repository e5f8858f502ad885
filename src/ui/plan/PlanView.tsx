import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import type { Suggestion } from '../../plan/types.ts';
import { planStorageKey, type PlanOwner } from '../../store/plan.ts';
import type { PlanDraft } from '../../store/planDraft.ts';
import { useChartStore } from '../../store/chart.ts';
import { markOnce } from '../risk/pageMarks.ts';
import { useRisk } from '../risk/riskStoreContext.ts';
import { therapyExpected } from '../risk/therapyExpected.ts';
import { AddedActivities } from './AddedActivities.tsx';
import { goalRows } from './goalRows.ts';
import { handoutProps } from './handoutProps.ts';
import { NotSuggestedList } from './NotSuggestedList.tsx';
import { PlanGoals } from './PlanGoals.tsx';
import { PlanImpact } from './PlanImpact.tsx';
import { usePlan, usePlanStore } from './planStoreContext.ts';
import { SignPanel, type SignSession } from './SignPanel.tsx';
import { SuggestionItem } from './SuggestionItem.tsx';
import { usePlanSuggestions } from './usePlanSuggestions.ts';
import './PlanView.css';

// The print view's code loads when the physician asks for the handout.
const Handout = lazy(() => import('../handout/Handout.tsx').then((m) => ({ default: m.Handout })));

export interface PlanViewProps {
  owner: PlanOwner;
  /** The signed-in clinician, as the handout names them. */
  clinician?: string;
  today: Date;
  /** The launch's EHR to sign the plan into; without it the plan is composed and printed only. */
  sign?: SignSession;
}

/**
 * Composing the plan: the engine's suggestions by expected benefit, each with a checkbox and, once ticked, its
 * wording, dose and timing to edit; the physician's own activities; goals; the combined impact of what is ticked;
 * what was not suggested and why. The draft is this owner's only: until the plan store and the chart both hold this
 * patient, none is shown.
 */
export function PlanView({ owner, clinician, today, sign }: PlanViewProps) {
  const store = usePlanStore();
  const key = planStorageKey(owner);
  // open() does nothing for the owner already open, so a new object for the same owner is harmless.
  useEffect(() => store.getState().open(owner), [store, owner]);
  const openOwner = usePlan((s) => s.owner);
  const draft = usePlan((s) => s.draft);
  const chartPatient = useChartStore((s) => s.patientId);
  const input = usePlanSuggestions();
  const headingId = useId();

  const mine = openOwner !== undefined && planStorageKey(openOwner) === key && chartPatient === owner.patientId;
  return (
    <section className="plan-view" aria-labelledby={headingId} data-testid="plan-view">
      <h2 id={headingId}>Care plan</h2>
      <SwitchNotice />
      <StorageProblems />
      {!mine || !draft ? (
        <p className="plan-status" role="status">
          Opening {owner.patientName}'s plan…
        </p>
      ) : !input ? (
        <p className="plan-status" role="status">
          Suggestions follow the risk estimates…
        </p>
      ) : (
        <PlanBody owner={owner} draft={draft} suggestions={input.plan.suggestions} input={input} clinician={clinician} today={today} sign={sign} />
      )}
    </section>
  );
}

function SwitchNotice() {
  const switched = usePlan((s) => s.switched);
  const dismiss = usePlan((s) => s.dismissSwitch);
  if (!switched) return null;
  return (
    <div className="plan-switch" role="alert" data-testid="plan-patient-switch">
      <p>
        The EHR switched patients in this window: this was <strong>{switched.from}</strong>, now <strong>{switched.to}</strong>. You see{' '}
        {switched.to}'s own plan; {switched.from}'s draft is not shown here.
      </p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

function StorageProblems() {
  const problems = usePlan((s) => s.storageProblems);
  if (problems.length === 0) return null;
  return (
    <ul className="plan-problems" data-testid="plan-storage-problems">
      {problems.map((p) => (
        <li key={p}>{p}.</li>
      ))}
    </ul>
  );
}

interface PlanBodyProps {
  owner: PlanOwner;
  draft: PlanDraft;
  suggestions: Suggestion[];
  input: NonNullable<ReturnType<typeof usePlanSuggestions>>;
  clinician: string | undefined;
  today: Date;
  sign: SignSession | undefined;
}

function PlanBody({ owner, draft, suggestions, input, clinician, today, sign }: PlanBodyProps) {
  const store = usePlanStore();
  const actions = store.getState();
  const current = useRisk((s) => s.current);
  const therapy = useRisk((s) => s.therapy);
  const therapyError = useRisk((s) => s.therapyError);
  const [handoutOpen, setHandoutOpen] = useState(false);
  const listId = useId();
  const { plan, provisional } = input;
  // The bench's mark: the first suggestions (or the word that there are none) are on screen.
  useEffect(() => markOnce('tailor:suggestions-shown'), []);

  const tickedSet = new Set(draft.ticked);
  const ticked = suggestions.filter((s) => tickedSet.has(s.id));
  const gone = draft.ticked.filter((id) => !suggestions.some((s) => s.id === id));
  const goals = useMemo(() => goalRows(suggestions, draft), [suggestions, draft]);
  const noTherapy =
    therapyError ?? (current && therapyExpected(current.results) ? 'Computing the combined impact…' : 'Combined impact: no projection, neither the PCE nor PREVENT gives a 10-year ASCVD risk for this patient.');

  return (
    <>
      {plan.configErrors.length > 0 ? (
        <div className="plan-problems" role="alert" data-testid="plan-config-errors">
          <p>The site's plan rule file (config/plan-rules.json) has problems; those entries are not applied:</p>
          <ul>
            {plan.configErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="plan-toolbar">
        <PlanImpact therapy={therapy} noTherapy={noTherapy} ticked={ticked} />
        <button type="button" onClick={() => setHandoutOpen(true)} data-testid="plan-handout-button">
          Patient handout
        </button>
      </div>
      <h3 id={listId}>
        Suggestions, by expected benefit ({suggestions.length}){provisional ? <span className="plan-note"> (chart still loading)</span> : null}
      </h3>
      {suggestions.length === 0 ? <p className="plan-note">No guideline rule suggests anything for this patient's chart.</p> : null}
      <ol className="plan-list" aria-labelledby={listId} data-testid="plan-suggestions">
        {suggestions.map((s) => (
          <SuggestionItem
            key={s.id}
            suggestion={s}
            ticked={tickedSet.has(s.id)}
            edit={draft.edits[s.id]}
            onTick={(on) => actions.setTicked(s.id, on)}
            onEdit={(edit) => actions.edit(s.id, edit)}
            onResetEdit={() => actions.resetEdit(s.id)}
          />
        ))}
      </ol>
      {gone.length > 0 ? (
        <div className="plan-gone" data-testid="plan-no-longer-suggested">
          Ticked earlier, not suggested for the chart as it is now:{' '}
          {gone.map((id) => (
            <button key={id} type="button" className="plan-link" onClick={() => actions.setTicked(id, false)}>
              Untick {id}
            </button>
          ))}
        </div>
      ) : null}
      <NotSuggestedList items={plan.notSuggested} />
      <div className="plan-columns">
        <AddedActivities added={draft.added} onAdd={actions.addActivity} onRemove={actions.removeActivity} />
        <PlanGoals rows={goals} onChange={actions.setGoal} />
      </div>
      {sign ? <SignPanel owner={owner} draft={draft} suggestions={suggestions} goals={goals} session={sign} /> : null}
      <p className="plan-draft-id">
        Draft <code data-testid="plan-draft-id">{draft.id}</code>, kept in this browser tab for {owner.patientName}
        {owner.practitioner ? ` and ${owner.practitioner}` : ''}; last change {draft.updatedAt.slice(0, 16).replace('T', ' ')} UTC.
      </p>
      {handoutOpen ? (
        <Suspense fallback={<p role="status">Preparing the handout…</p>}>
          <Handout {...handoutProps({ owner, draft, ticked, goals, therapy, clinician, today })} onClose={() => setHandoutOpen(false)} printOnOpen />
        </Suspense>
      ) : null}
    </>
  );
}
