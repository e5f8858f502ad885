import { useId } from 'react';
import { drugText } from '../../plan/drugs.ts';
import type { Activity, Suggestion } from '../../plan/types.ts';
import type { ItemEdit } from '../../store/planDraft.ts';

export interface SuggestionItemProps {
  suggestion: Suggestion;
  ticked: boolean;
  edit: ItemEdit | undefined;
  onTick(ticked: boolean): void;
  onEdit(edit: ItemEdit): void;
  onResetEdit(): void;
}

/** "Class I, LOE A" for the ACC/AHA; other graders' grades as printed ("1, A", "strong, CPIC classification"). */
export const strengthText = (s: Suggestion['strength']) => `${s.cor}, ${s.loe}`;

const ACTION_WORDS: Record<Activity['action'], string> = {
  start: 'Start', intensify: 'Intensify to', add: 'Add', switch: 'Switch to', rechallenge: 'Try', stop: 'Stop', avoid: 'Avoid', order: 'Order', refer: 'Refer', counsel: 'Counsel',
};

/** "Start atorvastatin 40 mg once daily (high intensity)": what ticking it plans, with the physician's dose. */
function activityText(a: Activity, dose: string | undefined): string {
  if (a.kind !== 'medication') return `${ACTION_WORDS[a.action]}: ${a.code.display}`;
  return `${ACTION_WORDS[a.action]} ${drugText({ ...a, ...(dose !== undefined ? { dose } : {}) })}`;
}

const benefitText = (b: NonNullable<Suggestion['benefit']>) =>
  `alone: ARR ${(b.absoluteReduction * 100).toFixed(1)} points${b.numberNeededToTreat === null ? '' : `, NNT ${b.numberNeededToTreat}`}`;

/**
 * One suggestion: a checkbox with the title, its class and level, what it plans, the patient's numbers behind it and
 * the citation. Once ticked, its full text, patient text, dose and timing can be edited (the engine's until then).
 */
export function SuggestionItem({ suggestion: s, ticked, edit, onTick, onEdit, onResetEdit }: SuggestionItemProps) {
  const id = useId();
  const detailId = `${id}-detail`;
  return (
    <li className={`plan-item${ticked ? ' plan-item-ticked' : ''}`} data-testid={`plan-item-${s.id}`} data-ticked={ticked}>
      <div className="plan-item-head">
        <input type="checkbox" id={id} checked={ticked} onChange={(e) => onTick(e.target.checked)} aria-describedby={detailId} />
        <label htmlFor={id} className="plan-item-title">
          {s.title}
        </label>
        <span className="plan-strength" data-testid="plan-strength">
          <span className="visually-hidden">Class and level: </span>
          {strengthText(s.strength)}
        </span>
        {s.sharedDecision ? (
          <span className="plan-badge plan-badge-sdm" data-testid="plan-shared-decision">
            Shared decision
          </span>
        ) : null}
        {s.benefit ? <span className="plan-benefit">{benefitText(s.benefit)}</span> : null}
      </div>
      <div id={detailId} className="plan-item-detail">
        <p className="plan-item-text" data-testid="plan-activity">
          {activityText(s.activity, edit?.dose)}
          {edit?.timing ? `, ${edit.timing}` : ''}
        </p>
        <p className="plan-triggers" data-testid="plan-triggers">
          <span className="plan-key">Because:</span> {[...new Set(s.triggers)].join('; ')}
        </p>
        {s.personalisation.length > 0 ? <p className="plan-note">{s.personalisation.join('; ')}</p> : null}
        {s.cautions.length > 0 ? <p className="plan-caution">Could not check: {s.cautions.join('; ')}</p> : null}
        <p className="plan-cite">
          {s.citation.guideline}, {s.citation.where}
          {s.verification.status === 'not-verified' ? ' (figures not verified in a second source)' : ''}
          {s.alsoSupportedBy.length > 0 ? `. Also supported by: ${s.alsoSupportedBy.join('; ')}` : ''}
        </p>
      </div>
      {ticked ? <ItemEditor suggestion={s} edit={edit} onEdit={onEdit} onReset={onResetEdit} /> : null}
    </li>
  );
}

function ItemEditor({ suggestion: s, edit, onEdit, onReset }: { suggestion: Suggestion; edit: ItemEdit | undefined; onEdit(edit: ItemEdit): void; onReset(): void }) {
  const id = useId();
  return (
    <div className="plan-edit" role="group" aria-label={`Edit: ${s.title}`}>
      <label htmlFor={`${id}-text`}>Plan text</label>
      <textarea id={`${id}-text`} rows={2} value={edit?.text ?? s.physicianText} onChange={(e) => onEdit({ text: e.target.value })} />
      <label htmlFor={`${id}-patient`}>For the patient</label>
      <textarea id={`${id}-patient`} rows={2} value={edit?.patientText ?? s.patientText} onChange={(e) => onEdit({ patientText: e.target.value })} />
      {s.activity.kind === 'medication' ? (
        <>
          <label htmlFor={`${id}-dose`}>Dose</label>
          <input id={`${id}-dose`} type="text" value={edit?.dose ?? s.activity.dose ?? ''} onChange={(e) => onEdit({ dose: e.target.value })} />
        </>
      ) : null}
      <label htmlFor={`${id}-timing`}>Timing</label>
      <input id={`${id}-timing`} type="text" placeholder="e.g. start today, review in 6 weeks" value={edit?.timing ?? ''} onChange={(e) => onEdit({ timing: e.target.value })} />
      {edit ? (
        <button type="button" className="plan-reset" onClick={onReset}>
          Back to the suggested wording
        </button>
      ) : null}
    </div>
  );
}
