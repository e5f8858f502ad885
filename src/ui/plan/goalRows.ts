/**
 * The goals the plan view offers: LDL-C, BP, HbA1c and a quit date always, and any other kind a suggestion carries.
 * A goal the physician has not touched is prefilled from the default goal of a ticked suggestion (else of any
 * suggestion, unset), so no target is made up here.
 */
import type { Suggestion } from '../../plan/types.ts';
import type { GoalDraft, GoalKind, PlanDraft } from '../../store/planDraft.ts';

export interface GoalRow {
  kind: GoalKind;
  label: string;
  goal: GoalDraft;
  /** The suggestion's default goal this row was (or can be) prefilled from, in words. */
  suggested?: string;
  /** Whether the physician has changed this goal (it no longer follows the ticks). */
  edited: boolean;
}

export const GOAL_LABELS: Record<GoalKind, string> = {
  ldl: 'LDL-C',
  'ldl-reduction': 'LDL-C lowering',
  bp: 'Blood pressure',
  hba1c: 'HbA1c',
  'quit-date': 'Quit date',
  activity: 'Physical activity',
  weight: 'Weight',
  alcohol: 'Alcohol',
};

const ALWAYS: readonly GoalKind[] = ['ldl', 'bp', 'hba1c', 'quit-date'];
const ORDER: readonly GoalKind[] = ['ldl', 'ldl-reduction', 'bp', 'hba1c', 'quit-date', 'activity', 'weight', 'alcohol'];

export function goalRows(suggestions: readonly Suggestion[], draft: PlanDraft): GoalRow[] {
  const ticked = new Set(draft.ticked);
  const carried = new Set(suggestions.flatMap((s) => (s.goal ? [s.goal.kind] : [])));
  return ORDER.filter((kind) => ALWAYS.includes(kind) || carried.has(kind) || draft.goals[kind]).map((kind) => {
    const withGoal = suggestions.filter((s) => s.goal?.kind === kind);
    const fromTicked = withGoal.find((s) => ticked.has(s.id))?.goal;
    const suggested = (fromTicked ?? withGoal[0]?.goal)?.text;
    const own = draft.goals[kind];
    // A quit date is a date the patient agrees to: the suggestion's goal says so, it cannot prefill the date.
    const prefill = kind === 'quit-date' ? '' : (suggested ?? '');
    return {
      kind,
      label: GOAL_LABELS[kind],
      goal: own ?? { set: fromTicked !== undefined, text: prefill },
      ...(suggested ? { suggested } : {}),
      edited: own !== undefined,
    };
  });
}
