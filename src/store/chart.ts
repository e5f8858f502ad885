import { create } from 'zustand';
import type { CapabilityStatement, Patient } from 'fhir/r4';
import siteCodesJson from '../../config/site-codes.json';
import { buildFacts } from '../chart/buildFacts.ts';
import { applyEntries, parseEntries, type Entries } from '../chart/entries.ts';
import { parseSiteCodes, valueSetsWith, type ValueSets } from '../chart/siteCodes.ts';
import { loadUcum } from '../chart/units.ts';
import type { ChartFacts, FactKey, FactValue } from '../chart/types.ts';
import { readCapabilities } from '../fhir/chart-loader/capabilities.ts';
import { canLoadOlder, DEFAULT_LOAD_OPTIONS, loadingState, loadOlderPages, loadSource, toChartData, type LoadOptions, type SourceOutcome, type SourceState } from '../fhir/chart-loader/loadChart.ts';
import { firstPagesFirst, type WaveSlot } from '../fhir/chart-loader/firstPagesFirst.ts';
import type { FhirRequester } from '../fhir/chart-loader/requester.ts';
import { recordGaps } from '../fhir/chart-loader/recordGaps.ts';
import { DEFAULT_READ_RETRIES, withReadRetries, type ReadRetryPolicy } from '../fhir/chart-loader/retrying.ts';
import { planChartSearches, type SearchSpec, type SourceId } from '../fhir/chart-loader/searchPlan.ts';
import { withSharedReads } from '../fhir/chart-loader/sharedReads.ts';

const site = parseSiteCodes(siteCodesJson);

export interface ChartState {
  patientId?: string;
  /** Where this chart's manual entries are kept in sessionStorage (server and patient). */
  entriesKey?: string;
  /** One entry per source, in search order. */
  sources: SourceState[];
  outcomes: Partial<Record<SourceId, SourceOutcome>>;
  /** Facts from what has arrived so far: recomputed after each page, so latest values show before older pages. */
  facts: ChartFacts;
  /** Whether an Observation search stopped at the page cap, so older pages can be loaded (for the trajectory). */
  olderAvailable: boolean;
  /** True while loadOlder runs. */
  loadingOlder: boolean;
  /** The clinician's entries (session only). */
  entries: Entries;
  /** Problems in config/site-codes.json, shown rather than ignored. */
  siteCodeErrors: string[];
  /** `launchPatient`: the Patient the session has read (or is reading) for the banner, used instead of reading it again. */
  startChartLoad(requester: FhirRequester, patientId: string, capability?: CapabilityStatement, launchPatient?: Promise<Patient>): Promise<void>;
  retrySource(id: SourceId): Promise<void>;
  /** Continues each capped Observation search for another page cap's worth of pages, and recomputes the facts. */
  loadOlder(): Promise<void>;
  enterFact<K extends FactKey>(key: K, value: FactValue<K>): void;
  clearEntry(key: FactKey): void;
}

/** Test seams: the clock, value sets, load limits and how reads that failed in passing are repeated. */
export const chartStoreConfig: { now: () => Date; valueSets: ValueSets; load: LoadOptions; pageSize: number; retries: ReadRetryPolicy; firstScreenWaitMs: number } = {
  now: () => new Date(),
  valueSets: valueSetsWith(site.codes),
  load: DEFAULT_LOAD_OPTIONS,
  pageSize: 100,
  retries: DEFAULT_READ_RETRIES,
  /**
   * Later pages (older results: 12-month means, the trajectory) wait until the first risk is on screen
   * (firstScreenShown), so they never compete with it; without a risk view they start after this long anyway.
   */
  firstScreenWaitMs: 3000,
};

const ENTRY_KEY = 'tailor.chart.entries.';

/**
 * Entries survive a reload of the tab (sessionStorage), never beyond it. They are keyed by server and patient, so
 * charts never mix, not even two EHRs' patients that happen to share an id.
 */
function chartKey(requester: FhirRequester, patientId: string): string {
  return `${requester.baseUrl}|${patientId}`;
}

function readEntries(key: string): Entries {
  try {
    const raw = globalThis.sessionStorage?.getItem(ENTRY_KEY + key);
    return raw ? parseEntries(JSON.parse(raw)) : {};
  } catch {
    return {};
  }
}

function writeEntries(key: string | undefined, entries: Entries): void {
  if (!key) return;
  try {
    globalThis.sessionStorage?.setItem(ENTRY_KEY + key, JSON.stringify(entries));
  } catch {
    // Storage full or blocked (embedded browsers): entries still live in memory for this page.
  }
}

/** Facts from the outcomes so far; `sources` says which searches are still running or failed, so no "no" is concluded from them. */
function computeFacts(outcomes: Partial<Record<SourceId, SourceOutcome>>, sources: readonly SourceState[], entries: Entries): ChartFacts {
  const now = chartStoreConfig.now();
  return applyEntries(buildFacts({ ...toChartData(outcomes), gaps: recordGaps(sources) }, now, chartStoreConfig.valueSets), entries, now);
}

let releaseFirstScreen: (() => void) | undefined;

/** Called by the risk view once its first number or reason is on screen: the current load's later pages may start. */
export function firstScreenShown(): void {
  releaseFirstScreen?.();
}

// The current load's requester and plan; a generation counter drops answers from a superseded load.
let session: { requester: FhirRequester; specs: SearchSpec[]; controller: AbortController } | undefined;
let generation = 0;
/** Outcomes (pages so far, or final) not yet in the store: those arriving in the same tick share one facts computation. */
let pending: Partial<Record<SourceId, SourceOutcome>> | undefined;

export const useChartStore = create<ChartState>()((set, get) => {
  // Results are turned into facts only once UCUM is in; it loads while the first searches are under way.
  const commit = async () => {
    const batch = pending;
    pending = undefined;
    if (!batch) return;
    const gen = generation;
    await loadUcum();
    if (gen !== generation) return;
    set((s) => {
      const outcomes = { ...s.outcomes, ...batch };
      const sources = s.sources.map((x) => batch[x.id]?.state ?? x);
      return {
        outcomes,
        sources,
        facts: computeFacts(outcomes, sources, s.entries),
        olderAvailable: Object.values(outcomes).some(canLoadOlder),
      };
    });
  };

  const receive = (gen: number, outcome: SourceOutcome) => {
    if (gen !== generation) return;
    if (!pending) {
      pending = {};
      queueMicrotask(() => void commit());
    }
    pending[outcome.state.id] = outcome;
  };

  const loadOptions = (current: NonNullable<typeof session>, gen: number): LoadOptions => ({
    ...chartStoreConfig.load,
    signal: current.controller.signal,
    onProgress: (soFar) => receive(gen, soFar),
  });

  /** `wave`: the source's place in the launch's wave (a retry has none: it has no other first pages to wait for). */
  const run = async (spec: SearchSpec, gen: number, wave?: WaveSlot) => {
    const current = session;
    if (!current) return;
    receive(gen, await loadSource(spec, current.requester, { ...loadOptions(current, gen), ...(wave ? { wave } : {}) }));
  };

  return {
    sources: [],
    outcomes: {},
    facts: computeFacts({}, [], {}),
    olderAvailable: false,
    loadingOlder: false,
    entries: {},
    siteCodeErrors: site.errors,

    async startChartLoad(requester, patientId, capability, launchPatient) {
      void loadUcum();
      session?.controller.abort();
      const gen = ++generation;
      const specs = planChartSearches(patientId, readCapabilities(capability), { pageSize: chartStoreConfig.pageSize, valueSets: chartStoreConfig.valueSets });
      const patientRead = specs.find((s) => s.id === 'patient')?.url;
      const retrying = withReadRetries(requester, chartStoreConfig.retries);
      const shared = launchPatient && patientRead ? withSharedReads(retrying, new Map([[patientRead, launchPatient]])) : retrying;
      const controller = new AbortController();
      session = { requester: shared, specs, controller };
      pending = undefined;
      const entriesKey = chartKey(requester, patientId);
      const entries = readEntries(entriesKey);
      const sources = specs.map(loadingState);
      set({ patientId, entriesKey, sources, outcomes: {}, entries, facts: computeFacts({}, sources, entries), olderAvailable: false, loadingOlder: false });
      // Every source's first page first: the first screen needs no more, and later pages would compete with it.
      const firstScreen = new Promise<void>((resolve) => {
        releaseFirstScreen = resolve;
        setTimeout(resolve, chartStoreConfig.firstScreenWaitMs);
      });
      const wave = firstPagesFirst(specs.length, controller.signal, firstScreen);
      await Promise.all(specs.map((spec) => run(spec, gen, wave.join())));
      if (gen === generation) await commit();
    },

    async retrySource(id) {
      const spec = session?.specs.find((s) => s.id === id);
      if (!spec) return;
      const gen = generation;
      set((s) => {
        const sources = s.sources.map((x) => (x.id === id ? loadingState(spec) : x));
        return { sources, facts: computeFacts(s.outcomes, sources, s.entries) };
      });
      await run(spec, gen);
      if (gen === generation) await commit();
    },

    async loadOlder() {
      const current = session;
      if (!current || get().loadingOlder) return;
      const gen = generation;
      const capped = Object.values(get().outcomes).filter(canLoadOlder);
      if (capped.length === 0) return;
      set({ loadingOlder: true });
      const opts = loadOptions(current, gen);
      await Promise.all(capped.map(async (outcome) => receive(gen, await loadOlderPages(outcome, current.requester, opts))));
      if (gen !== generation) return;
      await commit();
      set({ loadingOlder: false });
    },

    enterFact(key, value) {
      const entries: Entries = { ...get().entries, [key]: { value, enteredAt: chartStoreConfig.now().toISOString() } };
      writeEntries(get().entriesKey, entries);
      set((s) => ({ entries, facts: computeFacts(s.outcomes, s.sources, entries) }));
    },

    clearEntry(key) {
      const entries: Entries = { ...get().entries };
      delete entries[key];
      writeEntries(get().entriesKey, entries);
      set((s) => ({ entries, facts: computeFacts(s.outcomes, s.sources, entries) }));
    },
  };
});

/** Starts the one load wave after launch (the session store calls it once the server's metadata is checked). */
export function startChartLoad(requester: FhirRequester, patientId: string, capability?: CapabilityStatement, launchPatient?: Promise<Patient>): Promise<void> {
  return useChartStore.getState().startChartLoad(requester, patientId, capability, launchPatient);
}

export function retrySource(id: SourceId): Promise<void> {
  return useChartStore.getState().retrySource(id);
}

/** Loads older pages of the capped Observation searches (the trajectory's "load older"). */
export function loadOlder(): Promise<void> {
  return useChartStore.getState().loadOlder();
}
