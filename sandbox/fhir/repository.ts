/**
 * Medplum's in-memory repository with the fixes a chart-sized sandbox needs (shared/reference/ehr-notes.md §1b):
 * - an index by patient, so a patient-scoped search scans one chart instead of every resource of the type;
 * - bare ids in single-target reference parameters (`patient=123`) read as `Patient/123`, as real EHRs accept;
 * - unknown search parameters are a 400 instead of silently matching nothing;
 * - sort keys are computed once per match and compared as typed values (dates as instants, numbers as numbers);
 * - a search's sorted matches are kept until the next write, so its later pages (and the same search from the next
 *   launch) are a slice; token words and sort keys are kept per stored resource version. Node answers one request at
 *   a time, so without this ten parallel chart searches queue behind each other where a real EHR runs them in parallel;
 * - transactions are atomic: a failing entry rolls back the entries already written.
 * Matching itself stays Medplum's (`matchesSearchRequest`), so search semantics are the FHIR engine's, not ours.
 */
import {
  OperationOutcomeError,
  Operator,
  badRequest,
  deepClone,
  evalFhirPathTyped,
  getSearchParameters,
  matchesSearchRequest,
  splitSearchOnComma,
  toTypedValue,
} from '@medplum/core';
import type { Filter, SearchRequest, SortRule, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Period, Resource, SearchParameter } from '@medplum/fhirtypes';

/** Parameter types whose matching @medplum/core implements; others (number, quantity, composite, special) are refused. */
export const SEARCHABLE_PARAM_TYPES: ReadonlySet<string> = new Set(['reference', 'string', 'uri', 'token', 'date']);

type Journal = { type: string; id: string; before: WithId<Resource> | undefined }[];
type SortKey = number | string | undefined;
/** A search's matches in sort order, valid while the repository is at `writes`. */
type CachedSearch = { writes: number; sorted: WithId<Resource>[] };

/** Searches whose sorted matches are kept (a launch makes about a dozen; each holds references, not copies). */
const CACHED_SEARCHES = 64;

export class SandboxRepository extends MemoryRepository {
  /** The current version of every resource, by type then id (Medplum keeps its own copy privately). */
  private readonly current = new Map<string, Map<string, WithId<Resource>>>();
  /** `Patient/x` → type → ids of the resources whose subject/patient is that patient. */
  private readonly byPatient = new Map<string, Map<string, Set<string>>>();
  private journal: Journal | undefined;
  /** Counts writes: a cached search is valid only at the count it was made at. */
  private writes = 0;
  private readonly searches = new Map<string, CachedSearch>();

  /** Keeps a given id (as Medplum's memory repository does): HTTP create strips client ids before they get here. */
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const before = resource.id ? this.current.get(resource.resourceType)?.get(resource.id) : undefined;
    const saved = await super.createResource(resource);
    this.journal?.push({ type: saved.resourceType, id: saved.id, before });
    this.track(saved, before);
    return deepClone(saved);
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    const before = this.current.get(resourceType)?.get(id);
    await super.deleteResource(resourceType, id);
    this.journal?.push({ type: resourceType, id, before });
    this.track(undefined, before);
  }

  /**
   * Runs a transaction; if it throws, every write it made is undone (Medplum's memory repository does not).
   * The repository only awaits already-settled work, so no other HTTP request can write in the middle of one.
   */
  override async withTransaction<TResult>(callback: (client: undefined) => Promise<TResult>): Promise<TResult> {
    if (this.journal) {
      return callback(undefined);
    }
    const journal: Journal = [];
    this.journal = journal;
    try {
      return await callback(undefined);
    } catch (err) {
      this.journal = undefined;
      await this.rollback(journal);
      throw err;
    } finally {
      this.journal = undefined;
    }
  }

  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const request = normalizeRequest(searchRequest);
    const sorted = this.sortedMatches(request) as WithId<T>[];
    const offset = request.offset ?? 0;
    const page = request.count === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + request.count);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: page.length ? page.map((resource) => ({ resource: deepClone(resource) })) : undefined,
      total: sorted.length,
    };
  }

  /** Every match of the request in sort order, from the cache when nothing was written since it was made. */
  private sortedMatches(request: SearchRequest): WithId<Resource>[] {
    // Paging and result shaping do not change the match list: the key is the type, filters and sort alone.
    const key = JSON.stringify([request.resourceType, request.filters ?? [], request.sortRules ?? []]);
    const cached = this.searches.get(key);
    if (cached?.writes === this.writes) return cached.sorted;
    const { candidates, used } = this.candidates(request);
    const rest = { ...request, filters: request.filters?.filter((f) => !used?.includes(f)) };
    const quick = (rest.filters ?? []).flatMap((f) => tokenPrefilter(request.resourceType, f) ?? []);
    const matches = candidates.filter((r) => quick.every((q) => q(r)) && matchesSearchRequest(r, rest));
    const sorted = request.sortRules?.length ? sortResources(matches, request.sortRules) : matches;
    this.searches.delete(key);
    this.searches.set(key, { writes: this.writes, sorted });
    if (this.searches.size > CACHED_SEARCHES) this.searches.delete(this.searches.keys().next().value as string);
    return sorted;
  }

  /**
   * The smallest candidate set an index can prove complete: one patient's chart when a patient/subject filter is
   * an exact `Patient/x` on a parameter that reads `subject` or `patient` directly, one resource for `_id`, or the type.
   */
  private candidates(request: SearchRequest): { candidates: WithId<Resource>[]; used?: Filter[] } {
    const all = this.current.get(request.resourceType) ?? new Map<string, WithId<Resource>>();
    for (const filter of request.filters ?? []) {
      if (filter.operator !== Operator.EQUALS || filter.value.includes(',')) continue;
      if (filter.code === '_id') {
        const one = all.get(filter.value);
        return { candidates: one ? [one] : [], used: [filter] };
      }
      if (filter.value.startsWith('Patient/') && directPatientField(request.resourceType, filter.code)) {
        const ids = this.byPatient.get(filter.value)?.get(request.resourceType) ?? new Set<string>();
        // Every filter naming the same patient the same direct way is already satisfied by the index.
        const used = (request.filters ?? []).filter(
          (f) => f.operator === Operator.EQUALS && f.value === filter.value && directPatientField(request.resourceType, f.code),
        );
        return { candidates: [...ids].flatMap((id) => all.get(id) ?? []), used };
      }
    }
    return { candidates: [...all.values()] };
  }

  private track(saved: WithId<Resource> | undefined, before: WithId<Resource> | undefined): void {
    this.writes++;
    if (before) {
      this.current.get(before.resourceType)?.delete(before.id);
      const key = patientKey(before);
      if (key) this.byPatient.get(key)?.get(before.resourceType)?.delete(before.id);
    }
    if (saved) {
      let ofType = this.current.get(saved.resourceType);
      if (!ofType) this.current.set(saved.resourceType, (ofType = new Map()));
      ofType.set(saved.id, saved);
      const key = patientKey(saved);
      if (key) {
        let chart = this.byPatient.get(key);
        if (!chart) this.byPatient.set(key, (chart = new Map()));
        let ids = chart.get(saved.resourceType);
        if (!ids) chart.set(saved.resourceType, (ids = new Set()));
        ids.add(saved.id);
      }
    }
  }

  private async rollback(journal: Journal): Promise<void> {
    for (const { type, id, before } of journal.reverse()) {
      if (before) {
        // Re-storing the earlier version keeps its versionId and lastUpdated.
        await this.createResource(before);
      } else if (this.current.get(type)?.has(id)) {
        await this.deleteResource(type, id);
      }
    }
  }
}

/** The patient a resource belongs to through its `subject` or `patient` element, as `Patient/x`. */
function patientKey(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return `Patient/${resource.id}`;
  const r = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const ref = r.subject?.reference ?? r.patient?.reference;
  return ref?.startsWith('Patient/') ? ref : undefined;
}

/** True when the parameter's expression is exactly `Type.subject`/`Type.patient` (optionally restricted to Patient). */
function directPatientField(resourceType: string, code: string): boolean {
  const expression = getSearchParameters(resourceType)?.[code]?.expression ?? '';
  return new RegExp(`^${resourceType}\\.(subject|patient)(\\.where\\(resolve\\(\\) is Patient\\))?$`).test(expression);
}

/**
 * A cheap superset test for an equality token filter on a direct element (`Observation.code`, `.category`): keeps
 * any resource whose codes, displays, texts or values contain a wanted code. Medplum's matcher still decides.
 */
function tokenPrefilter(resourceType: string, filter: Filter): ((r: Resource) => boolean) | undefined {
  if (filter.operator !== Operator.EQUALS) return undefined;
  const param = getSearchParameters(resourceType)?.[filter.code];
  const field = param?.type === 'token' ? new RegExp(`^${resourceType}\\.([A-Za-z]+)$`).exec(param.expression ?? '')?.[1] : undefined;
  if (!field || field === 'id') return undefined;
  const wanted = new Set(splitSearchOnComma(filter.value).map((v) => v.slice(v.indexOf('|') + 1).toLowerCase()));
  if (wanted.has('')) return undefined;
  return (r) => {
    for (const word of elementTokenWords(r, field)) if (wanted.has(word)) return true;
    return false;
  };
}

/**
 * Token words of one element, kept per stored resource object: a write stores a new object, so the memo never goes
 * stale, and a chart's thousands of Observations are walked once rather than on every search.
 */
const tokenWordMemo = new WeakMap<Resource, Map<string, ReadonlySet<string>>>();
function elementTokenWords(resource: Resource, field: string): ReadonlySet<string> {
  let byField = tokenWordMemo.get(resource);
  if (!byField) tokenWordMemo.set(resource, (byField = new Map()));
  let words = byField.get(field);
  if (!words) byField.set(field, (words = new Set(tokenWords((resource as unknown as Record<string, unknown>)[field]))));
  return words;
}

function tokenWords(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(tokenWords);
  if (typeof value !== 'object') return [String(value).toLowerCase()];
  const v = value as { coding?: unknown; code?: unknown; display?: unknown; text?: unknown; value?: unknown };
  return [...tokenWords(v.coding), ...[v.code, v.display, v.text, v.value].flatMap(tokenWords)];
}

/** Reject unknown parameters and read bare ids of single-target references as `Type/id`. */
function normalizeRequest<T extends Resource>(request: SearchRequest<T>): SearchRequest<T> {
  const params = getSearchParameters(request.resourceType) ?? {};
  if (request.include?.length || request.revInclude?.length) {
    throw new OperationOutcomeError(badRequest('_include and _revinclude are not supported by the sandbox', '_include'));
  }
  const filters = request.filters?.map((filter) => {
    const param = params[filter.code];
    if (!param) {
      throw new OperationOutcomeError(badRequest(`Unknown search parameter: ${filter.code}`, filter.code));
    }
    if (!SEARCHABLE_PARAM_TYPES.has(param.type ?? '')) {
      throw new OperationOutcomeError(badRequest(`Search parameter ${filter.code} (${param.type}) is not supported`, filter.code));
    }
    return param.type === 'reference' ? withTypedReferences(param, filter) : filter;
  });
  for (const rule of request.sortRules ?? []) {
    if (!params[rule.code]) {
      throw new OperationOutcomeError(badRequest(`Unknown sort parameter: ${rule.code}`, '_sort'));
    }
  }
  return { ...request, filters };
}

function withTypedReferences(param: SearchParameter, filter: Filter): Filter {
  const targets = param.target ?? [];
  // `subject` may point at several types; a bare id there means a patient in every EHR the app talks to.
  const target = targets.length === 1 ? targets[0] : targets.includes('Patient') ? 'Patient' : undefined;
  if (!target || filter.operator === Operator.MISSING || filter.operator === Operator.PRESENT) return filter;
  const value = filter.value
    .split(',')
    .map((v) => (v && !v.includes('/') ? `${target}/${v}` : v))
    .join(',');
  return { ...filter, value };
}

/** Sort by precomputed keys; resources without a value come last in either direction. */
function sortResources<T extends Resource>(resources: T[], rules: SortRule[]): T[] {
  const keyed = resources.map((resource) => ({ resource, keys: rules.map((rule) => memoSortKey(resource, rule.code)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i], rules[i]?.descending ?? false);
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.resource);
}

function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const c = a < b ? -1 : 1;
  return descending ? -c : c;
}

/** Sort keys per stored resource object, as token words (a FHIRPath evaluation per resource and sort is the cost). */
const sortKeyMemo = new WeakMap<Resource, Map<string, SortKey>>();
function memoSortKey(resource: Resource, code: string): SortKey {
  let byCode = sortKeyMemo.get(resource);
  if (!byCode) sortKeyMemo.set(resource, (byCode = new Map()));
  if (!byCode.has(code)) byCode.set(code, sortKey(resource, code));
  return byCode.get(code);
}

function sortKey(resource: Resource, code: string): SortKey {
  const param = getSearchParameters(resource.resourceType)?.[code];
  if (!param?.expression) return undefined;
  const value = evalFhirPathTyped(param.expression, [toTypedValue(resource)])[0]?.value as unknown;
  if (value === undefined || value === null) return undefined;
  if (param.type === 'date') {
    const text = typeof value === 'string' ? value : ((value as Period).start ?? (value as Period).end);
    const instant = text ? Date.parse(text) : NaN;
    return Number.isNaN(instant) ? undefined : instant;
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && typeof (value as { value?: unknown }).value === 'number') {
    return (value as { value: number }).value;
  }
  if (typeof value === 'object') {
    const v = value as { coding?: { code?: string }[]; code?: string; text?: string; family?: string; reference?: string };
    return v.coding?.[0]?.code ?? v.code ?? v.family ?? v.text ?? v.reference;
  }
  return String(value);
}
