/**
 * Plain words for the handout from the plan engine's suggestions: a heading per action (the rule titles are for the
 * physician), the benefit as people out of 100, and what a risk key means. Pure, so the plan view and the tests share it.
 */
import type { Suggestion } from '../../plan/types.ts';
import type { RiskKey } from '../../risk/types.ts';
import { horizonYears } from '../risk/riskFormat.ts';
import type { HandoutItem } from './handoutTypes.ts';

/** The plain heading of a suggestion: what the patient will do, by its topic (and, where a topic has several, its kind). */
export function plainTitle(s: Pick<Suggestion, 'topic' | 'activity' | 'goal'>): string {
  switch (s.topic) {
    case 'cholesterol':
      return 'Lower your cholesterol';
    case 'blood-pressure':
      return s.activity.kind === 'medication' ? 'Lower your blood pressure' : 'Check your blood pressure at home';
    case 'smoking':
      return s.activity.kind === 'medication' ? 'Medicine to help you stop smoking' : 'Stop smoking';
    case 'aspirin':
      return 'Talk about aspirin';
    case 'diabetes':
      return 'Keep your blood sugar in range';
    case 'kidney':
      return s.activity.kind === 'referral' ? 'See a kidney doctor' : 'Protect your kidneys';
    case 'pharmacogenomics':
      return 'Your genes and your medicines';
    case 'repeat-test':
      return 'A test we need';
    case 'lifestyle':
      return LIFESTYLE_TITLES[s.goal?.kind ?? 'diet'] ?? 'Eat for your heart';
  }
}

const LIFESTYLE_TITLES: Partial<Record<string, string>> = {
  activity: 'Move more',
  weight: 'Lose some weight',
  alcohol: 'Drink less alcohol',
  diet: 'Eat for your heart',
};

/**
 * A handout item from a ticked suggestion. `patientText` is the physician's edit when there is one. The why is the
 * suggestion's own therapy-impact benefit (absolute risk reduction over the baseline's horizon, `years`), in whole
 * people out of 100; without a benefit the patient text already says why, and no why is added.
 */
export function handoutItem(s: Pick<Suggestion, 'topic' | 'activity' | 'goal' | 'patientText' | 'benefit'>, options: { patientText?: string; years: number }): HandoutItem {
  const item: HandoutItem = { title: plainTitle(s), patientText: options.patientText ?? s.patientText };
  return s.benefit ? { ...item, why: benefitSentence(s.benefit.absoluteReduction, options.years) } : item;
}

/** "Out of 100 people like you, this could keep about 3 from having a heart attack or stroke in the next 10 years." */
export function benefitSentence(absoluteReduction: number, years: number): string {
  const people = wholePeople(absoluteReduction);
  const howMany = people === 0 ? 'fewer than 1' : `about ${people}`;
  return `Out of 100 people like you, this could keep ${howMany} from having a heart attack or stroke in the next ${years} years.`;
}

/** A risk (fraction 0–1) in whole people out of 100, as the icon arrays show it. */
export function wholePeople(fraction: number): number {
  return Math.min(100, Math.max(0, Math.round(fraction * 100)));
}

/**
 * What a risk counts, completing "About 12 in 100 people like you will …". The events follow each model's outcome
 * (../shared/reference/risk-models.md: §1 PCE hard ASCVD = heart attack or stroke; §2 PREVENT total CVD = ASCVD plus
 * heart failure; §3 KFRE = kidney failure needing dialysis or a transplant).
 */
export function plainRiskEvent(risk: RiskKey): string {
  const years = `in the next ${horizonYears(risk)} years`;
  if (risk.startsWith('ascvd_')) return `have a heart attack or stroke ${years}`;
  if (risk.startsWith('cvd_')) return `have a heart attack, a stroke or heart failure ${years}`;
  if (risk.startsWith('hf_')) return `have heart failure ${years}`;
  return `have kidney failure and need dialysis or a new kidney ${years}`;
}

type GoalKind = NonNullable<Suggestion['goal']>['kind'];

/** The first number after a "<" or "≥" in a goal as the physician wrote it ("LDL-C < 70 mg/dL" → 70). */
function bound(text: string, sign: '<' | '≥'): string | undefined {
  return new RegExp(`${sign}\\s*(\\d+(?:\\.\\d+)?(?:\\s*/\\s*\\d+)?)`).exec(text)?.[1]?.replace(/\s+/g, '');
}

/**
 * A goal in the patient's words. The physician's goal text ("LDL-C < 70 mg/dL", "BP < 130/80 mmHg") keeps its
 * numbers, never its abbreviations or units; a text whose numbers cannot be read gives the goal without a number,
 * so the handout never prints clinical shorthand.
 */
export function plainGoal(kind: Exclude<GoalKind, 'quit-date'>, text: string): string {
  const below = bound(text, '<');
  const atLeast = bound(text, '≥');
  switch (kind) {
    case 'ldl':
      return below ? `Bring your "bad" cholesterol under ${below}.` : 'Lower your "bad" cholesterol.';
    case 'ldl-reduction':
      return atLeast === '50' ? 'Cut your "bad" cholesterol at least in half.' : 'Lower your "bad" cholesterol.';
    case 'bp': {
      const [top, bottom] = below?.split('/') ?? [];
      return top ? `Keep your blood pressure under ${top}${bottom ? ` over ${bottom}` : ''}.` : 'Keep your blood pressure down.';
    }
    case 'hba1c':
      return below ? `Keep your long-term blood sugar test under ${below}.` : 'Keep your blood sugar in range.';
    case 'activity':
      return atLeast ? `Be active at least ${atLeast} minutes a week, like a brisk walk.` : 'Be active most days of the week.';
    case 'weight': {
      const kg = /about\s*(\d+(?:\.\d+)?)\s*kg/.exec(text)?.[1];
      return kg ? `Lose about ${kg} kilograms.` : 'Lose some weight.';
    }
    case 'alcohol':
      return 'Drink less alcohol.';
  }
}
