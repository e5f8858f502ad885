import type { Bundle } from 'fhir/r4';
import type { FhirRequester } from './requester.ts';

export interface PagedResult {
  /** Resources that matched the search (search.mode "match" or unstated). */
  matches: unknown[];
  /** Resources pulled in by _include. */
  included: unknown[];
  pages: number;
  /** Why results were cut off (page cap, or a next link to another server), if they were. */
  truncated?: string;
  /**
   * The next link not yet followed: in a finished result, where the page cap stopped (so older pages can be loaded
   * later); in a page-by-page snapshot, the link about to be requested.
   */
  next?: string;
}

export interface FetchOptions {
  maxPages: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Called after each page that another page follows, with a snapshot of the results so far (the last page is
   * the returned result, not a snapshot), so the caller can use the newest results before the oldest arrive.
   */
  onPage?: (soFar: PagedResult) => void;
  /** Awaited before each page after the first (after onPage), so a wave can hold later pages back (firstPagesFirst). */
  beforeNextPage?: () => Promise<void>;
}

/** The truncation note when the page cap stopped a search (pages counts every page of the search loaded so far). */
export function pageCapNote(pages: number): string {
  return `stopped after ${pages} pages; older results were not loaded`;
}

/**
 * Reads a search (or continues one from a stored next link) and follows Bundle `next` links (opaque on Cerner, so
 * never rebuilt) up to maxPages, only while they stay on the same FHIR server.
 */
export async function fetchPages(requester: FhirRequester, url: string, opts: FetchOptions): Promise<PagedResult> {
  const result: PagedResult = { matches: [], included: [], pages: 0 };
  let next = url;
  for (;;) {
    const bundle: Bundle = await requestWithTimeout<Bundle>(requester, next, opts);
    result.pages += 1;
    if (!bundle || typeof bundle !== 'object' || (bundle as { resourceType?: unknown }).resourceType !== 'Bundle') {
      throw new Error('the server answered with something other than a Bundle');
    }
    for (const entry of bundle.entry ?? []) {
      if (!entry?.resource) continue;
      if (entry.search?.mode === 'include') result.included.push(entry.resource);
      else if (entry.search?.mode !== 'outcome') result.matches.push(entry.resource);
    }
    const link: string | undefined = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (link === undefined) return result;
    if (!sameServer(link, requester.baseUrl)) {
      return { ...result, truncated: 'the next page link points to another server and was not followed' };
    }
    if (result.pages >= opts.maxPages) return { ...result, truncated: pageCapNote(result.pages), next: link };
    opts.onPage?.({ matches: [...result.matches], included: [...result.included], pages: result.pages, next: link });
    await opts.beforeNextPage?.();
    next = link;
  }
}

export function sameServer(link: string, baseUrl: string): boolean {
  try {
    const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const target = new URL(link, base);
    return target.origin === base.origin && `${target.pathname}/`.startsWith(base.pathname);
  } catch {
    return false;
  }
}

/** One request, aborted when the caller aborts or after timeoutMs (a slow server must not hang the panel). */
export async function requestWithTimeout<T>(requester: FhirRequester, url: string, opts: Pick<FetchOptions, 'timeoutMs' | 'signal'>): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${opts.timeoutMs / 1000} s`));
    }, opts.timeoutMs);
  });
  try {
    return await Promise.race([requester.request<T>(url, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
