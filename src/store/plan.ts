/**
 * The plan being composed (issue 8): ticks, edits, added activities and goals, in a zustand store written to
 * sessionStorage on every change. A draft belongs to one FHIR server, patient and practitioner: it survives a reload
 * and a new launch for the same patient, and is never shown under another. The frame also remembers which patient it
 * showed last, so when the EHR relaunches Tailor in the same frame or window for someone else, the view says so.
 */
import { createStore, type StoreApi } from 'zustand';
import { EDIT_FIELDS, emptyDraft, parseDraft, type GoalDraft, type GoalKind, type ItemEdit, type PlanDraft } from './planDraft.ts';
import { isRecord } from '../chart/codes.ts';

/** Whose draft: the server and patient of the launch, and the signed-in user (fhirUser), when the EHR named one. */
export interface PlanOwner {
  server: string;
  patientId: string;
  practitioner?: string;
  /** For the switch notice only; never part of the key. */
  patientName: string;
}

/** The previous patient this frame showed, when it was someone else. */
export interface PatientSwitch {
  from: string;
  to: string;
}

export interface PlanState {
  owner?: PlanOwner;
  draft?: PlanDraft;
  switched?: PatientSwitch;
  /** What could not be read back or written, in words: shown, never swallowed. */
  storageProblems: string[];
  /** Shows this owner's draft (read from storage, or a new one). Any other draft leaves the screen first. */
  open(owner: PlanOwner): void;
  setTicked(suggestionId: string, ticked: boolean): void;
  /** Merges the fields given (an empty string is kept: the physician may clear a field to retype it). */
  edit(suggestionId: string, edit: ItemEdit): void;
  /** Back to the engine's wording, dose and no timing. */
  resetEdit(suggestionId: string): void;
  addActivity(text: string, timing: string): void;
  removeActivity(id: string): void;
  setGoal(kind: GoalKind, goal: GoalDraft): void;
  dismissSwitch(): void;
}

export interface PlanStoreDeps {
  storage: () => Storage | undefined;
  newId: () => string;
  now: () => Date;
}

const DRAFT_PREFIX = 'tailor.plan.draft.';
const SHOWN_KEY = 'tailor.plan.shown';
/** Where an unreadable draft is moved before a new one takes its key, so nothing the physician wrote is destroyed. */
const UNREADABLE_SUFFIX = '.unreadable';

/** The sessionStorage key of an owner's draft. JSON keeps the three parts apart whatever characters they hold. */
export function planStorageKey(owner: Pick<PlanOwner, 'server' | 'patientId' | 'practitioner'>): string {
  return DRAFT_PREFIX + JSON.stringify([owner.server, owner.patientId, owner.practitioner ?? null]);
}

const samePatient = (a: { server: string; patientId: string }, b: { server: string; patientId: string }) => a.server === b.server && a.patientId === b.patientId;

function readItem(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function readShown(storage: Storage): { server: string; patientId: string; patientName: string } | undefined {
  try {
    const v: unknown = JSON.parse(readItem(storage, SHOWN_KEY) ?? 'null');
    return isRecord(v) && typeof v.server === 'string' && typeof v.patientId === 'string' && typeof v.patientName === 'string'
      ? { server: v.server, patientId: v.patientId, patientName: v.patientName }
      : undefined;
  } catch {
    return undefined;
  }
}

export function createPlanStore(deps: PlanStoreDeps): StoreApi<PlanState> {
  const write = (key: string, value: string): string | undefined => {
    try {
      deps.storage()?.setItem(key, value);
      return undefined;
    } catch (e) {
      // Storage full or blocked (embedded browsers): the draft still lives in memory for this page.
      return `The plan draft could not be saved in this browser tab (${e instanceof Error ? e.message : String(e)}): it will not survive a reload`;
    }
  };

  return createStore<PlanState>()((set, get) => {
    /** Applies a change to the open draft and writes it. */
    const change = (update: (d: PlanDraft) => PlanDraft) => {
      const { owner, draft } = get();
      if (!owner || !draft) return;
      const next = { ...update(draft), updatedAt: deps.now().toISOString() };
      const problem = write(planStorageKey(owner), JSON.stringify(next));
      set((s) => ({ draft: next, storageProblems: problem ? [...new Set([...s.storageProblems, problem])] : s.storageProblems }));
    };

    return {
      storageProblems: [],

      open(owner) {
        const current = get().owner;
        if (current && planStorageKey(current) === planStorageKey(owner)) return;
        const storage = deps.storage();
        const key = planStorageKey(owner);
        const problems: string[] = [];
        let draft: PlanDraft | undefined;
        const raw = readItem(storage, key);
        if (raw) {
          const read = parseDraft(raw, deps.newId, deps.now());
          draft = read.draft;
          problems.push(...read.problems);
          if (!draft) {
            const kept = write(key + UNREADABLE_SUFFIX, raw);
            problems.push(kept ?? `a new draft was started; the unreadable one is kept under "${key + UNREADABLE_SUFFIX}"`);
          }
        }
        draft ??= emptyDraft(deps.newId(), deps.now());
        const saved = write(key, JSON.stringify(draft));
        if (saved) problems.push(saved);

        // The previous patient: the one open in this store (same page), else the one this frame showed last.
        const before = current ?? (storage ? readShown(storage) : undefined);
        const switched = before && !samePatient(before, owner) ? { from: before.patientName, to: owner.patientName } : undefined;
        write(SHOWN_KEY, JSON.stringify({ server: owner.server, patientId: owner.patientId, patientName: owner.patientName }));
        set({ owner, draft, storageProblems: problems, switched });
      },

      setTicked(id, ticked) {
        change((d) => ({ ...d, ticked: ticked ? [...new Set([...d.ticked, id])] : d.ticked.filter((t) => t !== id) }));
      },

      edit(id, edit) {
        change((d) => {
          const merged: ItemEdit = { ...d.edits[id] };
          for (const field of EDIT_FIELDS) if (edit[field] !== undefined) merged[field] = edit[field];
          return { ...d, edits: { ...d.edits, [id]: merged } };
        });
      },

      resetEdit(id) {
        change((d) => {
          const edits = { ...d.edits };
          delete edits[id];
          return { ...d, edits };
        });
      },

      addActivity(text, timing) {
        const trimmed = text.trim();
        if (trimmed === '') return;
        change((d) => ({ ...d, added: [...d.added, { id: deps.newId(), text: trimmed, timing: timing.trim() }] }));
      },

      removeActivity(id) {
        change((d) => ({ ...d, added: d.added.filter((a) => a.id !== id) }));
      },

      setGoal(kind, goal) {
        change((d) => ({ ...d, goals: { ...d.goals, [kind]: goal } }));
      },

      dismissSwitch() {
        set({ switched: undefined });
      },
    };
  });
}

/** The app's plan store: this tab's sessionStorage, UUIDs from the browser, the wall clock. */
export const planStore = createPlanStore({
  storage: () => globalThis.sessionStorage,
  newId: () => crypto.randomUUID(),
  now: () => new Date(),
});
