/**
 * The physician's plan draft as it is kept in sessionStorage, and how a stored one is read back: field by field, so
 * a malformed part is dropped (and named) without losing the rest of the draft.
 */
import { isRecord } from '../chart/codes.ts';
import type { Goal } from '../plan/types.ts';

/** The physician's changes to one suggestion; absent fields keep the engine's text and dose. */
export interface ItemEdit {
  /** The physician's text (the plan as the clinician reads it). */
  text?: string;
  /** The plain-language text for the patient (the handout). */
  patientText?: string;
  dose?: string;
  timing?: string;
}

/** A free-text activity the physician added. */
export interface AddedItem {
  id: string;
  text: string;
  timing: string;
}

export type GoalKind = Goal['kind'];

/** A goal the physician set or changed; a kind absent from the draft shows the ticked suggestion's default goal. */
export interface GoalDraft {
  set: boolean;
  /** The goal as written, e.g. "LDL-C < 70 mg/dL"; for a quit date, the date (YYYY-MM-DD). */
  text: string;
}

export interface PlanDraft {
  /** Minted when the draft is created (crypto.randomUUID); issue 9 writes it as the CarePlan identifier. */
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Suggestion ids (Suggestion.id) the physician ticked. */
  ticked: string[];
  edits: Record<string, ItemEdit>;
  added: AddedItem[];
  goals: Partial<Record<GoalKind, GoalDraft>>;
}

export const GOAL_KINDS: readonly GoalKind[] = ['ldl', 'ldl-reduction', 'bp', 'hba1c', 'quit-date', 'activity', 'weight', 'alcohol'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isGoalKind = (k: string): k is GoalKind => (GOAL_KINDS as readonly string[]).includes(k);

export function emptyDraft(id: string, now: Date): PlanDraft {
  const at = now.toISOString();
  return { id, createdAt: at, updatedAt: at, ticked: [], edits: {}, added: [], goals: {} };
}

export const EDIT_FIELDS = ['text', 'patientText', 'dose', 'timing'] as const;

function readEdit(v: unknown): ItemEdit | undefined {
  if (!isRecord(v)) return undefined;
  const edit: ItemEdit = {};
  for (const field of EDIT_FIELDS) {
    const value = v[field];
    if (typeof value === 'string') edit[field] = value;
    else if (value !== undefined) return undefined;
  }
  return edit;
}

function readAdded(v: unknown): AddedItem | undefined {
  return isRecord(v) && typeof v.id === 'string' && typeof v.text === 'string' && v.text.trim() !== '' && typeof v.timing === 'string' ? { id: v.id, text: v.text, timing: v.timing } : undefined;
}

function readGoal(v: unknown): GoalDraft | undefined {
  return isRecord(v) && typeof v.set === 'boolean' && typeof v.text === 'string' ? { set: v.set, text: v.text } : undefined;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Reads a stored draft. Whatever is valid is kept; each dropped part is named in `problems`. A draft whose id is not
 * a UUID gets `newId` (its ticks and edits are kept); one that is not a JSON object cannot be read at all.
 */
export function parseDraft(raw: string, newId: () => string, now: Date): { draft?: PlanDraft; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problems: ['The stored plan draft is not readable (not JSON)'] };
  }
  if (!isRecord(json)) return { problems: ['The stored plan draft is not readable (not an object)'] };
  const problems: string[] = [];
  const drop = (what: string) => problems.push(`dropped ${what}`);

  const idOk = typeof json.id === 'string' && UUID.test(json.id);
  if (!idOk) drop('its id, which was not a UUID: the draft has a new id');
  const draft = emptyDraft(idOk && typeof json.id === 'string' ? json.id : newId(), now);
  if (isIsoDate(json.createdAt)) draft.createdAt = json.createdAt;
  if (isIsoDate(json.updatedAt)) draft.updatedAt = json.updatedAt;

  const ticked = Array.isArray(json.ticked) ? json.ticked : [];
  if (json.ticked !== undefined && !Array.isArray(json.ticked)) drop('the ticked items (not a list)');
  draft.ticked = [...new Set(ticked.filter((t): t is string => typeof t === 'string'))];
  const badTicks = ticked.filter((t) => typeof t !== 'string').length;
  if (badTicks > 0) drop(plural(badTicks, 'ticked item that was not an id', 'ticked items that were not ids'));

  const edits = isRecord(json.edits) ? Object.entries(json.edits) : [];
  if (json.edits !== undefined && !isRecord(json.edits)) drop('the edits (not an object)');
  for (const [id, value] of edits) {
    const edit = readEdit(value);
    if (edit) draft.edits[id] = edit;
    else drop(`the edit of "${id}" (not text)`);
  }

  const added = Array.isArray(json.added) ? json.added : [];
  if (json.added !== undefined && !Array.isArray(json.added)) drop('the added activities (not a list)');
  draft.added = added.map(readAdded).filter((a) => a !== undefined);
  if (draft.added.length < added.length) drop(plural(added.length - draft.added.length, 'added activity that was malformed', 'added activities that were malformed'));

  const goals = isRecord(json.goals) ? Object.entries(json.goals) : [];
  if (json.goals !== undefined && !isRecord(json.goals)) drop('the goals (not an object)');
  for (const [kind, value] of goals) {
    const goal = readGoal(value);
    if (goal && isGoalKind(kind)) draft.goals[kind] = goal;
    else drop(`the goal "${kind}" (malformed or unknown)`);
  }
  return { draft, problems: problems.length > 0 ? [`The stored plan draft was partly malformed: ${problems.join('; ')}`] : [] };
}
