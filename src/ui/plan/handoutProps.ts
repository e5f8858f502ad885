/**
 * The print view's props from the plan: the ticked suggestions (with the physician's patient-text edits) and own
 * activities in the plan's order, the goals set, and the risk now and with the ticked plan (combined impact).
 */
import type { Suggestion } from '../../plan/types.ts';
import type { TherapyImpact } from '../../risk/viewModel.ts';
import type { PlanOwner } from '../../store/plan.ts';
import type { PlanDraft } from '../../store/planDraft.ts';
import { handoutItem, plainGoal, plainRiskEvent } from '../handout/handoutItems.ts';
import type { HandoutProps } from '../handout/handoutTypes.ts';
import { horizonYears } from '../risk/riskFormat.ts';
import { combinedImpact } from './combinedImpact.ts';
import type { GoalRow } from './goalRows.ts';

export interface HandoutInput {
  owner: PlanOwner;
  draft: PlanDraft;
  ticked: readonly Suggestion[];
  goals: readonly GoalRow[];
  therapy: TherapyImpact | undefined;
  clinician: string | undefined;
  today: Date;
}

/** "April 1, 2026" for a quit date (YYYY-MM-DD), read as a calendar date, not a UTC instant. */
function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

function goalText(row: GoalRow): string | undefined {
  if (!row.goal.set) return undefined;
  if (row.kind === 'quit-date') return row.goal.text ? `Stop smoking by ${longDate(row.goal.text)}` : 'Stop smoking on a day we agree on';
  return row.goal.text.trim() ? plainGoal(row.kind, row.goal.text) : undefined;
}

export function handoutProps(input: HandoutInput): Omit<HandoutProps, 'onClose' | 'printOnOpen'> {
  const { owner, draft, ticked, goals, therapy, clinician, today } = input;
  // A suggestion has a benefit only when there is a therapy table; without one `years` is never read.
  const years = therapy ? horizonYears(therapy.baseline.risk) : 10;
  const items = [
    ...ticked.map((s) => {
      const patientText = draft.edits[s.id]?.patientText;
      return handoutItem(s, { years, ...(patientText ? { patientText } : {}) });
    }),
    ...draft.added.map((a) => ({ title: a.text, patientText: a.timing ? `When: ${a.timing}.` : '' })),
  ];
  const withPlan = therapy && ticked.length > 0 ? combinedImpact(therapy, ticked).projection?.risk : undefined;
  return {
    patientName: owner.patientName,
    date: today.toISOString(),
    items,
    risk: therapy ? { event: plainRiskEvent(therapy.baseline.risk), now: therapy.baseline.value, ...(withPlan !== undefined ? { withPlan } : {}) } : null,
    goals: goals.map(goalText).filter((g) => g !== undefined),
    ...(clinician ? { clinician } : {}),
  };
}
