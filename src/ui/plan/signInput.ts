/**
 * The plan as the physician signs it (PlanToSign), from what is on screen: the draft's ticked suggestions with their
 * edits, own activities and goals set; the risk results shown with their cards and input provenance; the Conditions
 * behind the chart facts the plan treats; who signs, for which patient and encounter; and Tailor's version. When the
 * plan cannot be signed yet, the reasons say why, in words.
 */
import { name as appName, version as appVersion } from '../../../package.json';
import type { ChartFacts, FactKey } from '../../chart/types.ts';
import { goalToSign, type ChartReference, type GoalToSign, type ModelResultSeen, type PlanItemToSign, type PlanToSign } from '../../plan/toFhir/index.ts';
import type { Suggestion } from '../../plan/types.ts';
import type { ModelCard } from '../../risk/card.ts';
import { MODEL_IDS, type ModelId } from '../../risk/types.ts';
import type { TherapyImpact } from '../../risk/viewModel.ts';
import type { PlanOwner } from '../../store/plan.ts';
import type { PlanDraft } from '../../store/planDraft.ts';
import type { CurrentRisk } from '../../store/risk.ts';
import type { PlanStatus } from '../../store/signRecord.ts';
import type { GoalRow } from './goalRows.ts';

const PLAN_TITLE = 'Cardiovascular risk reduction plan';

/** The chart facts whose Conditions a cardiovascular risk plan treats: the diagnoses that set its risk and targets. */
const TREATED: readonly FactKey[] = ['ascvd', 'familialHypercholesterolaemia', 'hypertension', 'diabetes', 'ckdStage'];

export interface SignSource {
  owner: PlanOwner;
  draft: PlanDraft;
  /** The engine's suggestions in their order (the ticked ones are signed). */
  suggestions: readonly Suggestion[];
  goals: readonly GoalRow[];
  current: CurrentRisk;
  cards: Partial<Record<ModelId, ModelCard>>;
  therapy: TherapyImpact | undefined;
  facts: ChartFacts;
  encounterId: string | undefined;
  status: PlanStatus;
  signedAt: Date;
}

/** The plan as it would be signed now, and why it cannot be yet (empty when it can); copy and print need no more than the plan. */
export interface SignReadiness {
  plan: PlanToSign;
  reasons: string[];
}

const PRACTITIONER = /^(Practitioner|PractitionerRole)\/[A-Za-z0-9\-.]{1,64}$/;

/** The Conditions behind the treated diagnoses the chart holds (a diagnosis entered in Tailor has none to name). */
function conditionsAddressed(facts: ChartFacts): ChartReference[] {
  const seen = new Map<string, ChartReference>();
  for (const key of TREATED) {
    const fact = facts[key];
    if (fact.state !== 'known' || fact.value === false || fact.value === null) continue;
    for (const s of fact.sources) {
      if (s.resourceType === 'Condition' && !seen.has(s.id)) seen.set(s.id, { resourceType: 'Condition', id: s.id, ...(s.display ? { display: s.display } : {}) });
    }
  }
  return [...seen.values()];
}

/** A set goal as signed; a quit date not agreed yet is signed as such rather than as an empty goal. */
function goalsToSign(rows: readonly GoalRow[]): GoalToSign[] {
  return rows.flatMap((row) => {
    if (!row.goal.set) return [];
    if (row.kind === 'quit-date' && row.goal.text.trim() === '') return [goalToSign(row.kind, { set: true, text: 'Quit smoking on a date agreed with the patient' })];
    return row.goal.text.trim() === '' ? [] : [goalToSign(row.kind, row.goal)];
  });
}

/** The guideline reasons of the ticked suggestions, for the CarePlan's note. */
function rationaleOf(ticked: readonly Suggestion[]): string {
  return ticked.map((s) => `${s.title}: ${s.recommendation} (${s.citation.guideline}, ${s.citation.where}; class ${s.strength.cor}, level ${s.strength.loe})`).join('\n');
}

export function planToSignFrom(src: SignSource): SignReadiness {
  const { owner, draft, current } = src;
  const reasons: string[] = [];
  const practitioner = owner.practitioner;
  if (!practitioner || !PRACTITIONER.test(practitioner)) {
    reasons.push('The EHR did not say which practitioner is signed in (no fhirUser naming a Practitioner), so the plan would have no author. Copy or print it instead.');
  }
  if (current.provisional) reasons.push('The chart is still loading: sign once every record has arrived, so the plan rests on the whole chart.');

  const tickedIds = new Set(draft.ticked);
  const ticked = src.suggestions.filter((s) => tickedIds.has(s.id));
  const items: PlanItemToSign[] = [
    ...ticked.map((suggestion): PlanItemToSign => ({ kind: 'suggestion', suggestion, edit: draft.edits[suggestion.id] ?? {} })),
    ...draft.added.map((a): PlanItemToSign => ({ kind: 'added', id: a.id, text: a.text, timing: a.timing })),
  ];
  if (items.length === 0) reasons.push('Nothing is in the plan yet: tick a suggestion or add an activity.');

  const models: ModelResultSeen[] = [];
  for (const id of MODEL_IDS) {
    const result = current.results[id];
    const card = src.cards[id];
    if (result && card) models.push({ result, card });
    else if (result?.applicable) reasons.push(`The ${id.toUpperCase()} model card has not loaded, so its risk assessment cannot name its method yet.`);
  }

  return {
    reasons,
    plan: {
      draftId: draft.id,
      status: src.status,
      title: PLAN_TITLE,
      patientId: owner.patientId,
      ...(src.encounterId ? { encounterId: src.encounterId } : {}),
      practitioner: practitioner ?? '',
      createdAt: draft.createdAt,
      signedAt: src.signedAt.toISOString(),
      items,
      goals: goalsToSign(src.goals),
      models,
      inputs: current.chartInputs,
      ...(src.therapy ? { therapyBaseline: src.therapy.baseline.model } : {}),
      addresses: conditionsAddressed(src.facts),
      rationale: rationaleOf(ticked),
      app: { name: appName, version: appVersion },
    },
  };
}
