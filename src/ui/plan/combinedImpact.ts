/**
 * What the ticked plan would do to the baseline risk: the ticked suggestions mapped to the therapy table's options
 * and projected together with src/risk/therapy.ts's `project` (relative risks multiplied, floored at the
 * optimal-factor risk). Pure; the view only words it.
 */
import type { Suggestion } from '../../plan/types.ts';
import { project } from '../../risk/therapy.ts';
import type { TherapyId, TherapyImpact, TherapyOption, TherapyProjection } from '../../risk/viewModel.ts';

export interface CountedItem {
  suggestionId: string;
  option: TherapyOption;
}

export interface UncountedItem {
  suggestionId: string;
  title: string;
  why: string;
}

export interface CombinedImpact {
  baseline: TherapyImpact['baseline'];
  optimalRisk: number;
  /** Absent when no ticked item has a relative risk in the therapy table. */
  projection?: TherapyProjection;
  counted: CountedItem[];
  uncounted: UncountedItem[];
}

const STATIN_OPTIONS: readonly TherapyId[] = ['statin-moderate', 'statin-high'];

/**
 * The therapy option a suggestion stands for. A statin counts at the intensity actually suggested (a genotype or
 * intolerance may have lowered it below the rule's), anything else by the engine's `benefit`.
 */
function therapyOf(s: Suggestion): TherapyId | undefined {
  const { activity } = s;
  if (activity.drugClass === 'statin' && activity.action !== 'avoid' && activity.action !== 'stop') {
    return activity.intensity === 'high' ? 'statin-high' : activity.intensity === 'moderate' ? 'statin-moderate' : undefined;
  }
  return s.benefit?.therapy;
}

export function combinedImpact(therapy: TherapyImpact, ticked: readonly Suggestion[]): CombinedImpact {
  const counted: CountedItem[] = [];
  const uncounted: UncountedItem[] = [];
  const skip = (s: Suggestion, why: string) => uncounted.push({ suggestionId: s.id, title: s.title, why });
  for (const s of ticked) {
    const id = therapyOf(s);
    const option = id ? therapy.options.find((o) => o.id === id) : undefined;
    if (!option) {
      skip(s, 'no relative risk for it in the therapy table');
      continue;
    }
    if (option.status !== 'available') {
      skip(s, option.detail);
      continue;
    }
    const same = counted.find((c) => c.option.id === option.id);
    if (same) {
      skip(s, `counted once, with ${ticked.find((t) => t.id === same.suggestionId)?.title ?? same.suggestionId}`);
      continue;
    }
    // The therapy table's statins are alternatives, never combined: the stronger one counts.
    const otherStatin = STATIN_OPTIONS.includes(option.id) ? counted.findIndex((c) => STATIN_OPTIONS.includes(c.option.id)) : -1;
    const other = otherStatin >= 0 ? counted[otherStatin] : undefined;
    if (other) {
      const [keep, drop] = option.relativeRisk < other.option.relativeRisk ? [{ suggestionId: s.id, option }, other] : [other, { suggestionId: s.id, option }];
      counted[otherStatin] = keep;
      const dropped = ticked.find((t) => t.id === drop.suggestionId);
      if (dropped) skip(dropped, `one statin counts: ${keep.option.label} is the stronger`);
      continue;
    }
    counted.push({ suggestionId: s.id, option });
  }
  const options = counted.map((c) => c.option);
  return {
    baseline: therapy.baseline,
    optimalRisk: therapy.optimalRisk,
    ...(options.length > 0 ? { projection: project(therapy.baseline.value, therapy.optimalRisk, options) } : {}),
    counted,
    uncounted,
  };
}
