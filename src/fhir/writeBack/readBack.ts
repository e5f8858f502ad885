import type { Bundle, CarePlan } from 'fhir/r4';
import { DEFAULT_RETRY_POLICY, sendReliably, type RetryPolicy } from './exchange.ts';
import type { WriteFailure } from './failure.ts';
import type { WriteRequester } from './requester.ts';
import { savedFrom, type SavedResource } from './savedResource.ts';

export interface ReadOptions {
  policy?: Partial<RetryPolicy>;
  signal?: AbortSignal;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; failure: WriteFailure };

/** The CarePlan as the server holds it now (id, version, last updated): the "Saved to chart" line. */
export async function readCarePlan(requester: WriteRequester, id: string, opts: ReadOptions = {}): Promise<ReadResult<SavedResource & { resource: CarePlan }>> {
  const outcome = await sendReliably(requester, { method: 'GET', url: `CarePlan/${encodeURIComponent(id)}` }, { policy: { ...DEFAULT_RETRY_POLICY, ...opts.policy }, resourceType: 'CarePlan', ...(opts.signal ? { signal: opts.signal } : {}) });
  if (!outcome.ok) return outcome;
  const saved = savedFrom('CarePlan', outcome.response.body, undefined);
  if (!saved) return { ok: false, failure: { kind: 'unexpected', retryable: true, message: 'The EHR did not return the care plan Tailor asked for.' } };
  return { ok: true, value: { ...saved, resource: outcome.response.body as CarePlan } };
}

/** One earlier plan in the history list. */
export interface TailorCarePlanSummary extends SavedResource {
  /** The plan's identifier value under Tailor's system (the draft's UUID): a draft with it was signed already. */
  identifier: string;
  title?: string;
  status: CarePlan['status'];
  created?: string;
}

const MAX_HISTORY_PAGES = 5;

/**
 * This patient's CarePlans written by Tailor, newest first: searched by the identifier system (`identifier=<system>|`
 * matches any value in it) and category assess-plan, which Oracle Health requires on every CarePlan search
 * (ehr-notes.md "Searches the app will make"). Filtered again here, for servers that ignore an empty token code.
 */
export async function listTailorCarePlans(requester: WriteRequester, patientId: string, identifierSystem: string, opts: ReadOptions = {}): Promise<ReadResult<TailorCarePlanSummary[]>> {
  const query = new URLSearchParams({ patient: patientId, category: 'assess-plan', identifier: `${identifierSystem}|`, _count: '50' });
  const plans: TailorCarePlanSummary[] = [];
  let url: string | undefined = `CarePlan?${query.toString()}`;
  for (let page = 0; url && page < MAX_HISTORY_PAGES; page++) {
    const outcome = await sendReliably(requester, { method: 'GET', url }, { policy: { ...DEFAULT_RETRY_POLICY, ...opts.policy }, resourceType: 'CarePlan', ...(opts.signal ? { signal: opts.signal } : {}) });
    if (!outcome.ok) return outcome;
    const bundle = outcome.response.body as Bundle | undefined;
    for (const entry of bundle?.entry ?? []) {
      const resource = entry.resource;
      const summary = resource?.resourceType === 'CarePlan' ? summarise(resource as CarePlan, identifierSystem) : undefined;
      if (summary) plans.push(summary);
    }
    const next = bundle?.link?.find((l) => l.relation === 'next')?.url;
    // The token goes with every request: a next link to another server is not followed.
    url = next && new URL(next, `${requester.baseUrl}/`).href.startsWith(`${requester.baseUrl}/`) ? next : undefined;
  }
  return { ok: true, value: plans.sort((a, b) => (b.lastUpdated ?? b.created ?? '').localeCompare(a.lastUpdated ?? a.created ?? '')) };
}

function summarise(plan: CarePlan, identifierSystem: string): TailorCarePlanSummary | undefined {
  const identifier = plan.identifier?.find((i) => i.system === identifierSystem)?.value;
  const saved = savedFrom('CarePlan', plan, undefined);
  if (!identifier || !saved) return undefined;
  return { ...saved, identifier, status: plan.status, ...(plan.title ? { title: plan.title } : {}), ...(plan.created ? { created: plan.created } : {}) };
}
