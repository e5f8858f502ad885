import { delay, http, HttpResponse } from 'msw';
import type { Bundle, CapabilityStatement, Resource } from 'fhir/r4';
import type { FhirRequester } from '../../src/fhir/chart-loader/requester.ts';

/** A small fake FHIR server for loader tests: per-type resources, opaque paging, switchable faults. */
export const BASE = 'https://ehr.example/fhir';

export interface FakeEhrOptions {
  resources: Resource[];
  pageSize?: number;
  /** Answer Observation searches without category with 400 (Epic). */
  requireCategory?: boolean;
  /** Answer searches that use `code` on Observation with 400. */
  rejectCode?: boolean;
  fail?: Partial<Record<string, { status: number; text?: string }>>;
  /** Never answer this resource type (a hung server). */
  hang?: string;
  /** Next link base override, e.g. another origin. */
  nextBase?: string;
  /** Holds back the answer to a next-page request until the returned promise settles (a slow page). */
  holdPage?: (url: URL) => Promise<void> | undefined;
}

export const requests: URL[] = [];

/** A plain fetch requester for the fake EHR that throws the Response on HTTP errors (another shape the loader must handle). */
export const fetchRequester: FhirRequester = {
  baseUrl: BASE,
  async request<T>(url: string, signal?: AbortSignal): Promise<T> {
    const response = await fetch(new URL(url, `${BASE}/`), signal ? { signal } : {});
    if (!response.ok) throw response;
    return (await response.json()) as T;
  },
};

function outcome(status: number, text: string) {
  return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: status === 401 ? 'login' : 'exception', diagnostics: text }] }, { status });
}

export function fakeEhr(opts: FakeEhrOptions) {
  const pageSize = opts.pageSize ?? 50;
  const pages = new Map<string, Resource[]>();
  return [
    http.get(`${BASE}/Patient/:id`, ({ params, request }) => {
      requests.push(new URL(request.url));
      const p = opts.resources.find((r) => r.resourceType === 'Patient' && r.id === params.id);
      return p ? HttpResponse.json(p) : outcome(404, 'Patient not found');
    }),
    http.get(`${BASE}/paging`, async ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      await opts.holdPage?.(url);
      const [key, offset] = [url.searchParams.get('pageContext') ?? '', Number(url.searchParams.get('at') ?? 0)];
      return HttpResponse.json(page(pages.get(key) ?? [], offset, key));
    }),
    http.get(`${BASE}/:type`, async ({ params, request }) => {
      const url = new URL(request.url);
      requests.push(url);
      const type = String(params.type);
      if (opts.hang === type) {
        await delay('infinite');
      }
      const fail = opts.fail?.[type];
      if (fail) return outcome(fail.status, fail.text ?? 'failure');
      if (type === 'Observation' && opts.requireCategory && !url.searchParams.get('category')) {
        return outcome(400, 'Search parameter category is required for Observation');
      }
      if (type === 'Observation' && opts.rejectCode && url.searchParams.get('code')) {
        return outcome(400, 'Unsupported search parameter: code');
      }
      const matches = opts.resources.filter((r) => r.resourceType === type && matchesSearch(r, url.searchParams));
      const key = `${type}-${requests.length}`;
      pages.set(key, matches);
      return HttpResponse.json(page(matches, 0, key));
    }),
  ];

  function page(all: Resource[], offset: number, key: string): Bundle {
    const slice = all.slice(offset, offset + pageSize);
    const hasNext = offset + pageSize < all.length;
    const nextBase = opts.nextBase ?? BASE;
    return {
      resourceType: 'Bundle', type: 'searchset', total: all.length,
      link: hasNext ? [{ relation: 'next', url: `${nextBase}/paging?pageContext=${encodeURIComponent(key)}&at=${offset + pageSize}&direction=NEXT` }] : [],
      entry: slice.map((resource) => ({ resource, search: { mode: 'match' } })),
    };
  }
}

/** Category and code filters as a FHIR server applies them (enough for these tests). */
function matchesSearch(r: Resource, params: URLSearchParams): boolean {
  const rec = r as unknown as { category?: { coding?: { code?: string }[] }[]; code?: { coding?: { system?: string; code?: string }[] }; status?: string };
  const category = params.get('category');
  if (category && r.resourceType === 'Observation') {
    const cats = (rec.category ?? []).flatMap((c) => c.coding ?? []).map((c) => c.code);
    if (!category.split(',').some((c) => cats.includes(c))) return false;
  }
  const code = params.get('code');
  if (code) {
    const wanted = code.split(',');
    const has = (rec.code?.coding ?? []).map((c) => `${c.system}|${c.code}`);
    if (!wanted.some((w) => has.includes(w))) return false;
  }
  const status = params.get('status');
  if (status && rec.status && !status.split(',').includes(rec.status)) return false;
  return true;
}

export function capability(types: string[], params: Record<string, string[]> = {}): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    rest: [{ mode: 'server', resource: types.map((type) => ({ type, interaction: [{ code: 'read' }, { code: 'search-type' }], ...(params[type] ? { searchParam: params[type].map((name) => ({ name, type: 'token' })) } : {}) })) }],
  } as CapabilityStatement;
}
