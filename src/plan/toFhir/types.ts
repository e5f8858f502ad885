/**
 * What the physician signs (the input of planToFhir) and what Tailor writes for it (its output): plain data, so the
 * EHR write layer (src/fhir/writeBack) only sends it and the Sign view only shows it.
 */
import type { Bundle, CarePlan, Goal, Identifier, Observation, Provenance, RiskAssessment } from 'fhir/r4';
import type { ModelCard } from '../../risk/card.ts';
import type { ModelId, ScoreResult } from '../../risk/types.ts';
import type { ChartInputs } from '../../risk/viewModel.ts';
import type { GoalKind, ItemEdit } from '../../store/planDraft.ts';
import type { Code, Suggestion } from '../types.ts';

/** A chart resource by type and id (a chart fact's SourceRef fits), with the display the chart gave it. */
export interface ChartReference {
  resourceType: string;
  id: string;
  display?: string;
}

/** One activity of the plan: a ticked suggestion with the physician's edits, or an activity the physician wrote. */
export type PlanItemToSign =
  | { kind: 'suggestion'; suggestion: Suggestion; edit: ItemEdit }
  | { kind: 'added'; id: string; text: string; timing: string };

/** A numeric target of a goal: the LOINC test it is measured by and the bound, in UCUM. */
export interface GoalTarget {
  measure: Code;
  comparator?: '<' | '<=' | '>=' | '>';
  value: number;
  /** UCUM code, e.g. "mg/dL", "mm[Hg]", "%". */
  ucum: string;
  /** The unit as clinicians write it, e.g. "mmHg". */
  unit: string;
}

export interface GoalToSign {
  kind: GoalKind;
  /** As the physician wrote it, e.g. "LDL-C < 70 mg/dL". */
  text: string;
  /** Empty when the goal has no number (e.g. "≥ 150 min/week of moderate activity" stays text). */
  targets: GoalTarget[];
  /** For a quit date: the date agreed (YYYY-MM-DD). */
  dueDate?: string;
}

/** A model result the physician saw, with the card of the model that produced it (models/<id>/card.json). */
export interface ModelResultSeen {
  result: ScoreResult;
  card: Pick<ModelCard, 'id' | 'name' | 'version' | 'citations' | 'inputs' | 'risks'>;
}

export interface PlanToSign {
  /** The draft's UUID (PlanDraft.id), minted when the draft was created: the CarePlan's identifier. */
  draftId: string;
  /** What the physician chose: a draft plan, or one in force. */
  status: 'draft' | 'active';
  title: string;
  patientId: string;
  encounterId?: string;
  /** The signed-in user's fhirUser, e.g. "Practitioner/dr-okafor". */
  practitioner: string;
  /** When the draft was created (PlanDraft.createdAt): CarePlan.created. */
  createdAt: string;
  /** When the physician signed: the time of the assessments, the Provenance and the note. */
  signedAt: string;
  items: PlanItemToSign[];
  /** The goals the physician set (unset goals are not written). */
  goals: GoalToSign[];
  models: ModelResultSeen[];
  /** Where each model input came from (chart, derived, entered by hand). */
  inputs: ChartInputs;
  /** The model whose result the therapy-impact table started from: the reason of every suggestion ranked by it. */
  therapyBaseline?: ModelId;
  /** The Conditions the plan treats (from the chart facts' sources). */
  addresses: ChartReference[];
  rationale: string;
  /** The app, as the Provenance names it (package.json name and version). */
  app: { name: string; version: string };
  /** Re-signing a plan already in the chart: the CarePlan is updated (PUT with If-Match), never created again. */
  revise?: { carePlanId: string; versionId: string };
}

export type WrittenResource = RiskAssessment | Observation | Goal | CarePlan | Provenance;

/** How the write layer sends one resource: a conditional create, or the update of the signed CarePlan. */
export type WriteRequest =
  | { method: 'POST'; url: WrittenResource['resourceType']; ifNoneExist: string }
  | { method: 'PUT'; url: string; ifMatch: string };

export interface WriteStep {
  /** The resource's local name in the Bundle ("urn:uuid:…"): what other resources reference until it is created. */
  fullUrl: string;
  resource: WrittenResource;
  request: WriteRequest;
  identifier: Identifier;
  /** The urn:uuid references inside this resource, each the fullUrl of an earlier step (replace them before a one-by-one create). */
  references: string[];
}

export interface PlanFhir {
  /** Everything in one transaction, for servers that support it. */
  transaction: Bundle;
  /** The same resources in dependency order, for servers without transactions. */
  steps: WriteStep[];
  /** The CarePlan's identifier and the search that finds it (or this patient's earlier Tailor plans). */
  carePlanIdentifier: Identifier;
}
