/**
 * Signing the plan into the chart (issue 9), in one place: the attempt is recorded next to the draft before anything
 * is sent, the write layer writes it, and the record says what the chart now holds (or why it does not). Nothing is
 * ever deleted here: the draft stays in sessionStorage whatever happens, so a failed write, a reload or a relaunch
 * for the same patient finds the plan and its signing state again, and a plan signed once is updated, never
 * written again as new.
 */
import { createStore, type StoreApi } from 'zustand';
import { listTailorCarePlans, writePlan, type PlanWrites, type RetryPolicy, type TailorCarePlanSummary, type WriteProgress, type WriteRequester, type WriteResult, type WritePath } from '../fhir/writeBack/index.ts';
import { planClipboardText, planNote, planToFhir, TAILOR_IDENTIFIER_SYSTEM, type PlanToSign } from '../plan/toFhir/index.ts';
import { contentDigest } from '../plan/toFhir/identifiers.ts';
import { INTERRUPTED, parseSignRecord, type SignAttempt, type SignedPlan, type SignRecord, type StoredFailure } from './signRecord.ts';

export type HistoryState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; plans: TailorCarePlanSummary[] }
  | { status: 'failed'; message: string };

export interface SignJob {
  requester: WriteRequester;
  /** The plan as it would be signed now; the store sets its signing time and, for a signed plan, what it revises. */
  plan: PlanToSign;
  path: WritePath;
}

export interface SignState {
  /** The storage key of the draft whose signing this is. */
  draftKey?: string;
  record: SignRecord;
  /** The write in flight and its latest progress. */
  writing?: WriteProgress | { step: 'starting' };
  history: HistoryState;
  storageProblems: string[];
  /** Shows this draft's signing state (an attempt left pending by a closed tab is read as interrupted). */
  open(draftKey: string): void;
  /** Writes the plan; a second call while one is in flight does nothing. */
  sign(job: SignJob): Promise<WriteResult | undefined>;
  /** This patient's Tailor care plans in the chart; one with this draft's identifier means the draft was signed. */
  loadHistory(requester: WriteRequester, patientId: string, draftId: string): Promise<void>;
}

export interface SignStoreDeps {
  storage: () => Storage | undefined;
  now: () => Date;
  /** The write layer's retry policy (tests shorten its waits). */
  policy?: Partial<RetryPolicy>;
}

export const signStorageKey = (draftKey: string): string => `${draftKey}.sign`;

/** What the physician signs, without when: an edit after signing changes it, signing the same plan again does not. */
export function signFingerprint(plan: PlanToSign): string {
  const { signedAt: _signedAt, revise: _revise, ...content } = plan;
  return contentDigest(content);
}

/** The signed plan the chart holds, when this draft was signed and not yet changed. */
export const signedUnchanged = (record: SignRecord, fingerprint: string): boolean => record.signed !== undefined && record.signed.fingerprint === fingerprint;

/** Whether signing updates a care plan already in the chart. */
export const revisesCarePlan = (record: SignRecord): boolean => record.signed?.resourceType === 'CarePlan';

/** Everything the write layer may send for the plan: the resources, the fallback note and the text to copy. */
export function planWrites(plan: PlanToSign): PlanWrites {
  const { transaction, steps } = planToFhir(plan);
  return { transaction, steps, note: planNote(plan), text: planClipboardText(plan) };
}

function signedFrom(result: Extract<WriteResult, { status: 'saved' }>, attempt: SignAttempt, savedAt: string): SignedPlan {
  const saved = result.path === 'document-reference' ? result.note : result.carePlan;
  return {
    resourceType: result.path === 'document-reference' ? 'DocumentReference' : 'CarePlan',
    id: saved.id,
    ...(saved.versionId ? { versionId: saved.versionId } : {}),
    ...(saved.lastUpdated ? { lastUpdated: saved.lastUpdated } : {}),
    path: result.path,
    savedAt,
    planStatus: attempt.planStatus,
    fingerprint: attempt.fingerprint,
  };
}

const storedFailure = ({ kind, message, retryable, detail, status }: StoredFailure): StoredFailure => ({ kind, message, retryable, ...(detail ? { detail } : {}), ...(status ? { status } : {}) });

export function createSignStore(deps: SignStoreDeps): StoreApi<SignState> {
  const read = (key: string): string | null => {
    try {
      return deps.storage()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  /** Writes the record; a storage that refuses is reported (the record lives on in memory for this page). */
  const write = (draftKey: string, record: SignRecord): string | undefined => {
    try {
      deps.storage()?.setItem(signStorageKey(draftKey), JSON.stringify(record));
      return undefined;
    } catch (e) {
      return `The signing state could not be saved in this browser tab (${e instanceof Error ? e.message : String(e)}): after a reload, Tailor asks the chart what was signed`;
    }
  };

  return createStore<SignState>()((set, get) => {
    /** Stores a record for a draft, and shows it if that draft is still the one open. */
    const keep = (draftKey: string, record: SignRecord, shown: Partial<SignState> = {}) => {
      const problem = write(draftKey, record);
      if (get().draftKey !== draftKey) return;
      set((s) => ({ record, ...shown, storageProblems: problem ? [...new Set([...s.storageProblems, problem])] : s.storageProblems }));
    };

    return {
      record: {},
      history: { status: 'idle' },
      storageProblems: [],

      open(draftKey) {
        if (get().draftKey === draftKey) return;
        const raw = read(signStorageKey(draftKey));
        const { record, problems } = raw ? parseSignRecord(raw) : { record: {}, problems: [] };
        const interrupted = record.attempt?.status === 'pending' ? { ...record, attempt: { ...record.attempt, status: 'failed' as const, failure: INTERRUPTED } } : undefined;
        set({ draftKey, record: interrupted ?? record, writing: undefined, history: { status: 'idle' }, storageProblems: problems });
        if (interrupted) keep(draftKey, interrupted);
      },

      async sign({ requester, plan, path }) {
        const { draftKey, record: before, writing } = get();
        if (!draftKey || writing) return undefined;
        const fingerprint = signFingerprint(plan);
        // A retry of the same content is the same signing: same time, so the same resources are sent.
        const signedAt = before.attempt?.fingerprint === fingerprint ? before.attempt.signedAt : deps.now().toISOString();
        const { signed } = before;
        const revise = signed?.resourceType === 'CarePlan' && signed.versionId ? { carePlanId: signed.id, versionId: signed.versionId } : undefined;
        const attempt: SignAttempt = { status: 'pending', signedAt, planStatus: plan.status, fingerprint };
        // Recorded before anything is sent: a tab closed mid-write is then seen as interrupted, never as unsigned.
        keep(draftKey, { ...before, attempt }, { writing: { step: 'starting' } });

        let result: WriteResult;
        try {
          const built = planWrites({ ...plan, signedAt, ...(revise ? { revise } : {}) });
          result = await writePlan(requester, built, path, {
            ...(deps.policy ? { policy: deps.policy } : {}),
            onProgress: (progress) => get().draftKey === draftKey && set({ writing: progress }),
          });
        } catch (e) {
          // planToFhir refuses input it cannot write (checked before the button is offered): reported, not thrown.
          const detail = e instanceof Error ? e.message : String(e);
          result = { status: 'failed', path, written: [], failure: { kind: 'unexpected', retryable: false, detail, message: `Tailor could not prepare the plan for the chart (${detail}). Your plan is kept.` } };
        }

        if (result.status === 'saved') {
          keep(draftKey, { signed: signedFrom(result, attempt, deps.now().toISOString()) }, { writing: undefined });
          if (result.path !== 'document-reference') void get().loadHistory(requester, plan.patientId, plan.draftId);
        } else if (result.status === 'failed') {
          keep(draftKey, { ...before, attempt: { ...attempt, status: 'failed', failure: storedFailure(result.failure) } }, { writing: undefined });
        } else {
          keep(draftKey, before, { writing: undefined });
        }
        return result;
      },

      async loadHistory(requester, patientId, draftId) {
        const { draftKey } = get();
        if (!draftKey) return;
        set({ history: { status: 'loading' } });
        const listed = await listTailorCarePlans(requester, patientId, TAILOR_IDENTIFIER_SYSTEM, deps.policy ? { policy: deps.policy } : {});
        if (get().draftKey !== draftKey) return;
        if (!listed.ok) {
          set({ history: { status: 'failed', message: listed.failure.message } });
          return;
        }
        set({ history: { status: 'loaded', plans: listed.value } });
        // This draft in the chart, though this tab does not remember signing it (another tab, lost storage): it is
        // signed, and the next signing updates it.
        const mine = listed.value.find((p) => p.identifier === draftId.toLowerCase());
        const { record } = get();
        if (mine && record.signed?.resourceType !== 'CarePlan') {
          keep(draftKey, {
            ...record,
            signed: { resourceType: 'CarePlan', id: mine.id, ...(mine.versionId ? { versionId: mine.versionId } : {}), ...(mine.lastUpdated ? { lastUpdated: mine.lastUpdated } : {}) },
          });
        }
      },
    };
  });
}

/** The app's sign store: this tab's sessionStorage and the wall clock. */
export const signStore = createSignStore({ storage: () => globalThis.sessionStorage, now: () => new Date() });
