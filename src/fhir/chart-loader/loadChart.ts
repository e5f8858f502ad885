import type { ChartData } from '../../chart/buildFacts.ts';
import { describeFailure } from '../operationOutcome.ts';
import { fetchPages, requestWithTimeout, type FetchOptions } from './fetchPages.ts';
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
}

export interface SourceOutcome {
  state: SourceState;
  resources: unknown[];
  included: unknown[];
}

/** loadSource hands its options straight to fetchPages, so they are one type. */
export type LoadOptions = FetchOptions;

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
  const base = loadingState(spec);
  if (!spec.url) return { state: base, resources: [], included: [] };
  const dropped = spec.droppedParams.length > 0 ? `server does not list ${spec.droppedParams.join(', ')}; searched without` : undefined;
  try {
    if (spec.kind === 'read') {
      const resource = await requestWithTimeout<unknown>(requester, spec.url, opts);
      return { state: { ...base, status: 'loaded', count: 1, pages: 1 }, resources: [resource], included: [] };
    }
    let note = dropped;
    let paged;
    try {
      paged = await fetchPages(requester, spec.url, opts);
    } catch (error) {
      const failure = await describeFailure(error);
      if (failure.status !== 400 || !spec.fallbackUrl) throw error;
      paged = await fetchPages(requester, spec.fallbackUrl, opts);
      note = [note, `server refused the search (${failure.message}); loaded it again without optional filters`].filter(Boolean).join('; ');
    }
    return {
      state: { ...base, status: 'loaded', count: paged.matches.length, pages: paged.pages, ...(paged.truncated ? { truncated: paged.truncated } : {}), ...(note ? { message: note } : {}) },
      resources: paged.matches,
      included: paged.included,
    };
  } catch (error) {
    const failure = await describeFailure(error);
    return { state: { ...base, status: 'failed', message: failure.message, ...(failure.status !== undefined ? { httpStatus: failure.status } : {}) }, resources: [], included: [] };
  }
}

/** The oldest effectiveDateTime among loaded Observations (newest-first search: complete from there on). */
function oldestEffective(resources: unknown[]): string | undefined {
  let oldest: { at: number; date: string } | undefined;
  for (const r of resources) {
    const date = typeof r === 'object' && r !== null ? (r as { effectiveDateTime?: unknown }).effectiveDateTime : undefined;
    const at = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    if (typeof date === 'string' && Number.isFinite(at) && (!oldest || at < oldest.at)) oldest = { at, date };
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
    const oldest = outcome?.state.truncated ? oldestEffective(outcome.resources) : undefined;
    if (oldest) completeSince[category] = oldest;
  }
  return {
    ...(ok('patient') ? { patient: resources('patient')[0] } : {}),
    observations: [...resources('labs'), ...resources('vitals'), ...resources('social'), ...resources('genomics')],
    conditions: resources('conditions'),
    medicationRequests: resources('medicationRequests'),
    medicationStatements: resources('medicationStatements'),
    medications,
    allergies: resources('allergies'),
    familyHistory: resources('familyHistory'),
    ...(Object.keys(completeSince).length > 0 ? { completeSince } : {}),
    loaded: {
      patient: ok('patient'),
      conditions: ok('conditions'),
      // A server without MedicationStatement is complete with MedicationRequest alone.
      medications: ok('medicationRequests') && statementsOk,
      allergies: ok('allergies'),
      familyHistory: ok('familyHistory'),
    },
  };
}
