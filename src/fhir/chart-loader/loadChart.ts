import type { ChartData } from '../../chart/buildFacts.ts';
import { isRecord } from '../../chart/codes.ts';
import { parseFhirDate } from '../../chart/fhirDate.ts';
import { effectiveDate } from '../../chart/observationValidity.ts';
import { describeFailure } from '../operationOutcome.ts';
import { fetchPages, pageCapNote, requestWithTimeout, type FetchOptions, type PagedResult } from './fetchPages.ts';
import type { WaveSlot } from './firstPagesFirst.ts';
import type { FhirRequester } from './requester.ts';
import type { SearchSpec, SourceId } from './searchPlan.ts';

export type SourceStatus = 'loading' | 'loaded' | 'failed' | 'skipped';

/** What the panel shows per source while and after loading. */
export interface SourceState {
  id: SourceId;
  label: string;
  resourceType: string;
  status: SourceStatus;
  count: number;
  pages: number;
  /** Why the results are incomplete (page cap / foreign next link), when they are. */
  truncated?: string;
  /** Failure text (with the server's OperationOutcome), skip reason, or a note about an adapted search. */
  message?: string;
  httpStatus?: number;
  /** Why loading older pages failed (what did load is kept; loading older can be tried again). */
  olderPagesFailed?: string;
}

export interface SourceOutcome {
  state: SourceState;
  resources: unknown[];
  included: unknown[];
  /** The next link not yet followed: where the page cap stopped a loaded source, or the page a loading one awaits. */
  next?: string;
}

/**
 * fetchPages' limits, a callback with the source's results so far after each page that another page follows, and the
 * source's place in the load wave (its later pages wait for every source's first page: firstPagesFirst).
 */
export type LoadOptions = Omit<FetchOptions, 'onPage' | 'beforeNextPage'> & { onProgress?: (soFar: SourceOutcome) => void; wave?: WaveSlot };

export const DEFAULT_LOAD_OPTIONS: LoadOptions = { maxPages: 5, timeoutMs: 30_000 };

export function loadingState(spec: SearchSpec): SourceState {
  return { id: spec.id, label: spec.label, resourceType: spec.resourceType, status: spec.url ? 'loading' : 'skipped', count: 0, pages: 0, ...(spec.skipped ? { message: spec.skipped } : {}) };
}

/**
 * Runs one source's search. Never throws: a failure becomes a `failed` state with the server's words.
 * If a search with optional parameters is refused with 400, it is retried once with only the parameters it needs
 * (the chart layer filters codes and statuses and sorts by date itself), and the state says so.
 */
export async function loadSource(spec: SearchSpec, requester: FhirRequester, opts: LoadOptions): Promise<SourceOutcome> {
  try {
    return await searchSource(spec, requester, opts);
  } finally {
    // Failed, skipped or done in one page: the wave need not wait for this source any longer.
    opts.wave?.arrived();
  }
}

async function searchSource(spec: SearchSpec, requester: FhirRequester, opts: LoadOptions): Promise<SourceOutcome> {
  const base = loadingState(spec);
  if (!spec.url) return { state: base, resources: [], included: [] };
  const { onProgress, wave, ...limits } = opts;
  const dropped = spec.droppedParams.length > 0 ? `server does not list ${spec.droppedParams.join(', ')}; searched without` : undefined;
  // While paging, the source stays 'loading': its results are used, but "no" is not concluded from them.
  const search = (url: string, note: string | undefined) =>
    fetchPages(requester, url, {
      ...limits,
      onPage: (soFar: PagedResult) => {
        wave?.arrived();
        onProgress?.(pagedOutcome(base, soFar, note));
      },
      ...(wave ? { beforeNextPage: wave.laterPages } : {}),
    });
  try {
    if (spec.kind === 'read') {
      const resource = await requestWithTimeout<unknown>(requester, spec.url, limits);
      return { state: { ...base, status: 'loaded', count: 1, pages: 1 }, resources: [resource], included: [] };
    }
    let note = dropped;
    let paged;
    try {
      paged = await search(spec.url, note);
    } catch (error) {
      const failure = await describeFailure(error);
      if (failure.status !== 400 || !spec.fallbackUrl) throw error;
      note = [note, `server refused the search (${failure.message}); loaded it again without optional filters`].filter(Boolean).join('; ');
      paged = await search(spec.fallbackUrl, note);
    }
    return pagedOutcome({ ...base, status: 'loaded' }, paged, note);
  } catch (error) {
    const failure = await describeFailure(error);
    return { state: { ...base, status: 'failed', message: failure.message, ...(failure.status !== undefined ? { httpStatus: failure.status } : {}) }, resources: [], included: [] };
  }
}

function pagedOutcome(state: SourceState, paged: PagedResult, note: string | undefined): SourceOutcome {
  return {
    state: { ...state, count: paged.matches.length, pages: paged.pages, ...(paged.truncated ? { truncated: paged.truncated } : {}), ...(note ? { message: note } : {}) },
    resources: paged.matches,
    included: paged.included,
    ...(paged.next !== undefined ? { next: paged.next } : {}),
  };
}

/** Whether "load older" can continue this source: a loaded Observation search that the page cap stopped. */
export function canLoadOlder(outcome: SourceOutcome | undefined): boolean {
  return outcome?.state.resourceType === 'Observation' && outcome.state.status === 'loaded' && outcome.next !== undefined;
}

/**
 * Continues a source the page cap stopped, from its stored next link, for another opts.maxPages pages, and appends
 * them. Never throws: on a failure the pages that did arrive are kept, with the link to resume from.
 */
export async function loadOlderPages(outcome: SourceOutcome, requester: FhirRequester, opts: LoadOptions): Promise<SourceOutcome> {
  if (outcome.next === undefined) return outcome;
  const { onProgress, ...limits } = opts;
  const settled: SourceState = { ...outcome.state };
  delete settled.truncated;
  delete settled.olderPagesFailed;
  // Until the continuation ends (and when it fails), the source is still truncated: its oldest results are missing.
  const appended = (paged: PagedResult, truncated: (pages: number) => string | undefined): SourceOutcome => {
    const pages = outcome.state.pages + paged.pages;
    const note = truncated(pages);
    return {
      state: { ...settled, count: outcome.state.count + paged.matches.length, pages, ...(note ? { truncated: note } : {}) },
      resources: [...outcome.resources, ...paged.matches],
      included: [...outcome.included, ...paged.included],
      ...(paged.next !== undefined ? { next: paged.next } : {}),
    };
  };
  let soFar: SourceOutcome = outcome;
  try {
    const paged = await fetchPages(requester, outcome.next, {
      ...limits,
      onPage: (page) => {
        soFar = appended(page, pageCapNote);
        onProgress?.(soFar);
      },
    });
    return appended(paged, (pages) => (paged.next !== undefined ? pageCapNote(pages) : paged.truncated));
  } catch (error) {
    const failure = await describeFailure(error);
    return { ...soFar, state: { ...soFar.state, olderPagesFailed: failure.message } };
  }
}

/** The oldest effective date among loaded Observations (newest-first search: complete from there on). */
function oldestEffective(resources: unknown[]): string | undefined {
  let oldest: { at: number; date: string } | undefined;
  for (const r of resources) {
    const date = isRecord(r) ? effectiveDate(r) : undefined;
    const at = parseFhirDate(date);
    if (date !== undefined && at !== undefined && (!oldest || at < oldest.at)) oldest = { at, date };
  }
  return oldest?.date;
}

/** Assembles what loaded into the chart layer's input; `loaded` is true only for sources that completed. */
export function toChartData(outcomes: Partial<Record<SourceId, SourceOutcome>>): ChartData {
  const get = (id: SourceId) => outcomes[id];
  const ok = (id: SourceId) => get(id)?.state.status === 'loaded';
  const resources = (id: SourceId) => get(id)?.resources ?? [];
  const medications = [...(get('medicationRequests')?.included ?? []), ...(get('medicationStatements')?.included ?? [])];
  const statementsOk = ok('medicationStatements') || get('medicationStatements')?.state.status === 'skipped';
  const completeSince: NonNullable<ChartData['completeSince']> = {};
  for (const [id, category] of [['labs', 'laboratory'], ['vitals', 'vital-signs'], ['social', 'social-history']] as const) {
    const outcome = get(id);
    // A source still paging is as incomplete as one the page cap stopped.
    const partial = outcome !== undefined && (outcome.state.truncated !== undefined || outcome.state.status === 'loading');
    const oldest = partial ? oldestEffective(outcome.resources) : undefined;
    if (oldest) completeSince[category] = oldest;
  }
  return {
    ...(ok('patient') ? { patient: resources('patient')[0] } : {}),
    // An Observation filed under both social-history and survey, or a categorised Condition, comes back from two searches.
    observations: uniqueResources([...resources('labs'), ...resources('vitals'), ...resources('social'), ...resources('survey'), ...resources('genomics')]),
    conditions: uniqueResources([...resources('conditions'), ...resources('conditionsUncategorised')]),
    medicationRequests: resources('medicationRequests'),
    medicationStatements: resources('medicationStatements'),
    medications,
    allergies: resources('allergies'),
    familyHistory: resources('familyHistory'),
    ...(Object.keys(completeSince).length > 0 ? { completeSince } : {}),
    loaded: {
      patient: ok('patient'),
      // The categorised search alone misses Conditions without a category: "no" needs both.
      conditions: ok('conditions') && ok('conditionsUncategorised'),
      // A server without MedicationStatement is complete with MedicationRequest alone.
      medications: ok('medicationRequests') && statementsOk,
      allergies: ok('allergies'),
      familyHistory: ok('familyHistory'),
    },
  };
}

/** The first of each resourceType/id (resources without an id are kept: the chart layer rejects them with a reason). */
function uniqueResources(resources: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    if (!isRecord(r) || typeof r.id !== 'string') return true;
    const key = `${String(r.resourceType)}/${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
