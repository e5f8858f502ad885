import { useId } from 'react';
import type { GoalDraft, GoalKind } from '../../store/planDraft.ts';
import type { GoalRow } from './goalRows.ts';

const PLACEHOLDERS: Partial<Record<GoalKind, string>> = { ldl: 'e.g. LDL-C < 70 mg/dL', bp: 'e.g. BP < 130/80 mmHg', hba1c: 'e.g. HbA1c < 7 %' };

/** The goals: a checkbox to set each, and its text (a date for the quit date), prefilled from the suggestions. */
export function PlanGoals({ rows, onChange }: { rows: readonly GoalRow[]; onChange(kind: GoalKind, goal: GoalDraft): void }) {
  const id = useId();
  return (
    <fieldset className="plan-goals" data-testid="plan-goals">
      <legend>Goals</legend>
      {rows.map((row) => (
        <GoalField key={row.kind} row={row} base={`${id}-${row.kind}`} onChange={(goal) => onChange(row.kind, goal)} />
      ))}
    </fieldset>
  );
}

function GoalField({ row, base, onChange }: { row: GoalRow; base: string; onChange(goal: GoalDraft): void }) {
  const isDate = row.kind === 'quit-date';
  return (
    <div className="plan-goal" data-testid={`plan-goal-${row.kind}`} data-set={row.goal.set}>
      <input type="checkbox" id={`${base}-set`} checked={row.goal.set} onChange={(e) => onChange({ ...row.goal, set: e.target.checked })} />
      <label htmlFor={`${base}-set`}>{row.label}</label>
      <label htmlFor={`${base}-text`} className="visually-hidden">
        {row.label} goal{isDate ? ' (date)' : ''}
      </label>
      <input
        id={`${base}-text`}
        type={isDate ? 'date' : 'text'}
        value={row.goal.text}
        placeholder={PLACEHOLDERS[row.kind]}
        onChange={(e) => onChange({ set: row.goal.set || e.target.value !== '', text: e.target.value })}
        aria-describedby={row.suggested && row.suggested !== row.goal.text ? `${base}-suggested` : undefined}
      />
      {row.suggested && row.suggested !== row.goal.text ? (
        <span id={`${base}-suggested`} className="plan-note">
          Suggested: {row.suggested}
        </span>
      ) : null}
    </div>
  );
}
