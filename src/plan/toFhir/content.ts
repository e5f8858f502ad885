/**
 * The signed plan in words: one wording for the CarePlan's activity descriptions, its narrative, the fallback note
 * and the copy-to-clipboard text, so the chart and the clipboard never say different things.
 */
import type { RiskKey } from '../../risk/types.ts';
import { fhirText } from './text.ts';
import type { ModelResultSeen, PlanItemToSign, PlanToSign } from './types.ts';

export interface PlanContent {
  title: string;
  status: string;
  signedBy: string;
  signedAt: string;
  risks: string[];
  items: string[];
  goals: string[];
  addresses: string[];
  rationale?: string;
}

/** The dose as signed: the physician's, else the engine's. */
export function signedDose(item: PlanItemToSign): string | undefined {
  return item.kind === 'suggestion' ? (fhirText(item.edit.dose) ?? fhirText(item.suggestion.activity.dose)) : undefined;
}

export function signedTiming(item: PlanItemToSign): string | undefined {
  return fhirText(item.kind === 'suggestion' ? item.edit.timing : item.timing);
}

/**
 * One activity as the physician reads it: their text (else the engine's), the dose when they changed it (the
 * engine's text already names its own), and when.
 */
export function itemDescription(item: PlanItemToSign): string {
  const text = (item.kind === 'suggestion' ? (fhirText(item.edit.text) ?? fhirText(item.suggestion.physicianText)) : fhirText(item.text)) ?? 'Activity without text';
  const editedDose = item.kind === 'suggestion' ? fhirText(item.edit.dose) : undefined;
  const dose = editedDose !== undefined && editedDose !== fhirText(item.kind === 'suggestion' ? item.suggestion.activity.dose : undefined) ? editedDose : undefined;
  const timing = signedTiming(item);
  const sentence = /[.!?]$/.test(text) || (!dose && !timing) ? text : `${text}.`;
  return [sentence, dose && `Dose: ${dose}.`, timing && `When: ${timing}.`].filter(Boolean).join(' ');
}

const HORIZON_WORDS: Record<RiskKey, string> = {
  ascvd_10y: '10-year ASCVD', cvd_10y: '10-year total CVD', hf_10y: '10-year heart failure',
  ascvd_30y: '30-year ASCVD', cvd_30y: '30-year total CVD', hf_30y: '30-year heart failure',
  kidney_failure_2y: '2-year kidney failure', kidney_failure_5y: '5-year kidney failure',
};

/** The risks a model gave, in the order its card lists them, only those it gave (never a made-up zero). */
export function risksOf(seen: ModelResultSeen): [RiskKey, number][] {
  if (!seen.result.applicable) return [];
  const risks = seen.result.risks;
  return seen.card.risks.flatMap((key) => {
    const value = risks[key];
    return value === undefined ? [] : [[key, value] as [RiskKey, number]];
  });
}

export const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

export function planContent(plan: PlanToSign): PlanContent {
  const rationale = fhirText(plan.rationale);
  return {
    title: fhirText(plan.title) ?? 'Care plan',
    status: plan.status === 'active' ? 'Active plan' : 'Draft plan',
    signedBy: plan.practitioner,
    signedAt: plan.signedAt,
    risks: plan.models.flatMap((seen) => {
      const risks = risksOf(seen);
      return risks.length === 0 ? [] : [`${seen.card.name} (version ${seen.card.version}): ${risks.map(([key, value]) => `${HORIZON_WORDS[key]} ${percent(value)}`).join('; ')}`];
    }),
    items: plan.items.map(itemDescription),
    goals: plan.goals.map((g) => {
      const text = fhirText(g.text) ?? g.kind;
      return g.dueDate && !text.includes(g.dueDate) ? `${text} by ${g.dueDate}` : text;
    }),
    addresses: plan.addresses.map((c) => fhirText(c.display) ?? `${c.resourceType}/${c.id}`),
    ...(rationale ? { rationale } : {}),
  };
}
