import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import type { PlanWriteStep, PlanWrites } from './built.ts';
import { DEFAULT_RETRY_POLICY, sendReliably, type ExchangeOutcome, type RetryEvent, type RetryPolicy } from './exchange.ts';
import { failureFromResponse, unexpected, type WriteFailure } from './failure.ts';
import { readCarePlan } from './readBack.ts';
import { holdsAllOf, resolveQuery, resolveReferences, unresolved } from './references.ts';
import type { FhirExchangeRequest, FhirExchangeResponse, WriteRequester } from './requester.ts';
import { ifMatchFor, savedFrom, savedFromResponse, type SavedResource } from './savedResource.ts';
import type { WritePath } from './writePath.ts';

/** What the sign button shows while saving. */
export type WriteProgress =
  | { step: 'looking-up' }
  | { step: 'writing'; resourceType: string; index: number; total: number }
  | { step: 'retrying'; attempt: number; waitMs: number; reason: 'no-answer' | 'busy' | 'server-error' }
  | { step: 'refreshing-token' }
  | { step: 'reading-back' };

/** One resource the server now holds because of this signing. */
export interface WrittenResource extends SavedResource {
  /** The urn:uuid it had in the built plan. */
  fullUrl?: string;
  /** created: new; existing: a conditional create found it (an earlier try had written it); updated: PUT. */
  outcome: 'created' | 'existing' | 'updated';
}

export type WriteResult =
  | { status: 'saved'; path: 'transaction' | 'individual'; revised: boolean; carePlan: SavedResource; written: WrittenResource[]; readBackFailure?: WriteFailure }
  | { status: 'saved'; path: 'document-reference'; note: WrittenResource; written: WrittenResource[] }
  | { status: 'not-written'; path: 'none'; text: string }
  | { status: 'failed'; path: WritePath; failure: WriteFailure; written: WrittenResource[] };

export interface WriteOptions {
  policy?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  onProgress?: (progress: WriteProgress) => void;
}

/** A step that stopped the write: its failure, and what had been written by then. */
class WriteStopped extends Error {
  constructor(readonly failure: WriteFailure) {
    super(failure.message);
  }
}

/**
 * Writes a signed plan by the chosen path and reports a typed result; it never throws. Every create is
 * conditional on the resource's identifier and every update carries If-Match, so any request may be repeated:
 * after a lost answer the repeat finds what the first one wrote. A plan signed before (its CarePlan found by
 * identifier) is updated in place, never created again.
 */
export async function writePlan(requester: WriteRequester, built: PlanWrites, path: WritePath, opts: WriteOptions = {}): Promise<WriteResult> {
  const writer = new PlanWriter(requester, opts);
  try {
    if (path === 'none') return { status: 'not-written', path, text: built.text };
    if (path === 'document-reference') {
      const note = await writer.create(built.note, 0, 1);
      return { status: 'saved', path, note, written: writer.written };
    }
    return await writer.writeCarePlan(built, path);
  } catch (error) {
    const failure = error instanceof WriteStopped ? error.failure : unexpected(error);
    return { status: 'failed', path, failure, written: writer.written };
  }
}

/** The signed CarePlan to update: its id and the version the update must start from. */
interface SignedBefore {
  id: string;
  ifMatch: string;
}

class PlanWriter {
  readonly written: WrittenResource[] = [];
  private readonly policy: RetryPolicy;

  constructor(
    private readonly requester: WriteRequester,
    private readonly opts: WriteOptions,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.policy };
  }

  async writeCarePlan(built: PlanWrites, path: 'transaction' | 'individual'): Promise<WriteResult> {
    const planStep = built.steps.find((step) => step.resource.resourceType === 'CarePlan');
    if (!planStep) throw new WriteStopped(unexpected(new Error('the built plan has no CarePlan')));
    const earlier = await this.signedBefore(planStep);
    const steps = earlier ? built.steps.map((step) => (step === planStep ? asUpdate(step, earlier) : step)) : built.steps;
    const carePlan = path === 'transaction' ? await this.transaction(built.transaction, planStep, earlier) : await this.oneByOne(steps);
    this.progress({ step: 'reading-back' });
    const read = await readCarePlan(this.requester, carePlan.id, { policy: this.policy, ...(this.opts.signal ? { signal: this.opts.signal } : {}) });
    const saved: SavedResource = read.ok ? { resourceType: 'CarePlan', id: read.value.id, ...versionOf(read.value) } : carePlan;
    return { status: 'saved', path, revised: earlier !== undefined, carePlan: saved, written: this.written, ...(read.ok ? {} : { readBackFailure: read.failure }) };
  }

  /**
   * The CarePlan this draft became when it was signed before: the builder's PUT when it knew, else found by the
   * draft's identifier (an earlier signing whose answer was lost, or one from another tab), with its current ETag.
   */
  private async signedBefore(planStep: PlanWriteStep): Promise<SignedBefore | undefined> {
    if (planStep.request.method === 'PUT') {
      return { id: planStep.request.url.split('/')[1] ?? '', ifMatch: planStep.request.ifMatch };
    }
    this.progress({ step: 'looking-up' });
    const search = await this.exchange({ method: 'GET', url: `CarePlan?${planStep.request.ifNoneExist}` }, 'CarePlan');
    const matches = ((search.body as Bundle | undefined)?.entry ?? []).filter((e) => e.resource?.resourceType === 'CarePlan' && e.search?.mode !== 'include');
    if (matches.length === 0) return undefined;
    if (matches.length > 1) {
      throw new WriteStopped({ kind: 'conflict', retryable: false, message: 'The chart holds more than one care plan with this plan’s identifier, so Tailor cannot tell which one to update. Your plan is kept; ask your EHR administrator to remove the duplicate.' });
    }
    const id = matches[0]?.resource?.id ?? '';
    const read = await this.exchange({ method: 'GET', url: `CarePlan/${encodeURIComponent(id)}` }, 'CarePlan');
    const ifMatch = ifMatchFor(read, savedFrom('CarePlan', read.body, undefined));
    if (!ifMatch) throw new WriteStopped(unexpected(new Error('the EHR gave no version for the care plan signed before')));
    return { id, ifMatch };
  }

  /** The whole plan in one POST; the CarePlan of a plan signed before is a PUT with If-Match inside it. */
  private async transaction(bundle: Bundle, planStep: PlanWriteStep, earlier: SignedBefore | undefined): Promise<SavedResource> {
    const toSend = earlier && planStep.request.method === 'POST' ? transactionUpdating(bundle, planStep.fullUrl, earlier, this.requester.baseUrl) : bundle;
    const planEntry = (toSend.entry ?? []).find((e) => e.resource?.resourceType === 'CarePlan');
    this.progress({ step: 'writing', resourceType: 'Bundle', index: 0, total: 1 });
    const outcome = await this.send({ method: 'POST', url: '', body: toSend, headers: { Prefer: 'return=representation' } }, 'Bundle');
    if (!outcome.ok && earlier && planEntry?.resource && answerLostBefore(outcome)) {
      // The first try's answer was lost and the CarePlan has moved on. If it holds what was sent, that try went
      // through (a transaction is all or nothing), and the rest is found again by its conditional creates.
      const stored = await this.exchange({ method: 'GET', url: `CarePlan/${encodeURIComponent(earlier.id)}` }, 'CarePlan');
      const plan = savedFrom('CarePlan', stored.body, undefined);
      if (plan && holdsAllOf(stored.body, planEntry.resource)) {
        this.written.push({ ...plan, fullUrl: planStep.fullUrl, outcome: 'updated' });
        const rest = { ...toSend, entry: (toSend.entry ?? []).filter((e) => e !== planEntry) };
        this.recordTransaction(rest, (await this.exchange({ method: 'POST', url: '', body: rest, headers: { Prefer: 'return=representation' } }, 'Bundle')).body);
        return plan;
      }
    }
    if (!outcome.ok) throw new WriteStopped(outcome.failure);
    this.recordTransaction(toSend, outcome.response.body);
    return this.carePlanWritten();
  }

  /** Reads the transaction-response: one entry per request entry, in the same order (FHIR R4 §3.1.0.11.2). */
  private recordTransaction(sent: Bundle, body: unknown): void {
    const answered = (body as Bundle | undefined)?.entry ?? [];
    (sent.entry ?? []).forEach((entry, i) => {
      const answer = answered[i];
      const type = entry.resource?.resourceType ?? '';
      const status = Number.parseInt(answer?.response?.status ?? '', 10);
      if (!(status >= 200 && status < 300)) {
        // A server that is not atomic answers 200 with a failed entry inside (ehr-notes.md §1b).
        throw new WriteStopped(failureFromResponse(Number.isNaN(status) ? 500 : status, answer?.response?.outcome, type));
      }
      const saved = savedFrom(type, answer?.resource, answer?.response?.location, answer?.response?.etag);
      if (!saved) throw new WriteStopped(unexpected(new Error(`the EHR did not say where the ${type} was written`)));
      const outcome = entry.request?.method === 'PUT' ? 'updated' : status === 201 ? 'created' : 'existing';
      this.written.push({ ...saved, ...(entry.fullUrl?.startsWith('urn:') ? { fullUrl: entry.fullUrl } : {}), outcome });
    });
  }

  /** One request per resource in dependency order, each reference to an earlier one replaced by its id. */
  private async oneByOne(steps: readonly PlanWriteStep[]): Promise<SavedResource> {
    const resolved = new Map<string, string>();
    for (const [index, step] of steps.entries()) {
      const resource = resolveReferences(step.resource, resolved);
      const saved =
        step.request.method === 'PUT'
          ? await this.update({ ...step, resource }, step.request, index, steps.length)
          : await this.create({ fullUrl: step.fullUrl, resource, ifNoneExist: resolveQuery(step.request.ifNoneExist, resolved) }, index, steps.length);
      resolved.set(step.fullUrl, `${saved.resourceType}/${saved.id}`);
    }
    return this.carePlanWritten();
  }

  /** A conditional create (If-None-Exist): 201 is new, 200 is the same resource written by an earlier try. */
  async create(write: { fullUrl?: string; resource: Resource; ifNoneExist: string }, index: number, total: number): Promise<WrittenResource> {
    const type = write.resource.resourceType;
    const dangling = unresolved(write.resource);
    if (dangling.length > 0) throw new WriteStopped(unexpected(new Error(`the ${type} refers to ${dangling.join(', ')}, which was not written before it`)));
    this.progress({ step: 'writing', resourceType: type, index, total });
    const { id: _clientId, ...body } = write.resource;
    const response = await this.exchange({ method: 'POST', url: type, body, headers: { Prefer: 'return=representation', 'If-None-Exist': write.ifNoneExist } }, type);
    const saved = savedFromResponse(type, response);
    if (!saved) throw new WriteStopped(unexpected(new Error(`the EHR did not say where the ${type} was written`)));
    const written: WrittenResource = { ...saved, ...fullUrlOf(write.fullUrl), outcome: response.status === 201 ? 'created' : 'existing' };
    this.written.push(written);
    return written;
  }

  /**
   * PUT with If-Match. When an earlier try got no answer, a 412 may be that try's own success: the resource is read
   * again, and if it holds what was sent, the update went through; otherwise someone else changed it (a conflict).
   */
  private async update(step: Pick<PlanWriteStep, 'fullUrl' | 'resource'>, request: { url: string; ifMatch: string }, index: number, total: number): Promise<WrittenResource> {
    const type = step.resource.resourceType;
    this.progress({ step: 'writing', resourceType: type, index, total });
    const outcome = await this.send({ method: 'PUT', url: request.url, body: step.resource, headers: { Prefer: 'return=representation', 'If-Match': request.ifMatch } }, type);
    let response = outcome.ok ? outcome.response : undefined;
    if (!outcome.ok && answerLostBefore(outcome)) {
      const stored = await this.exchange({ method: 'GET', url: request.url }, type);
      if (holdsAllOf(stored.body, step.resource)) response = stored;
    }
    if (!response) throw new WriteStopped(outcome.ok ? unexpected(new Error('no answer')) : outcome.failure);
    const saved = savedFromResponse(type, response);
    if (!saved) throw new WriteStopped(unexpected(new Error(`the EHR did not return the updated ${type}`)));
    const written: WrittenResource = { ...saved, ...fullUrlOf(step.fullUrl), outcome: 'updated' };
    this.written.push(written);
    return written;
  }

  private carePlanWritten(): SavedResource {
    const plan = this.written.find((w) => w.resourceType === 'CarePlan');
    if (!plan) throw new WriteStopped(unexpected(new Error('the EHR did not return the care plan')));
    return plan;
  }

  private send(request: FhirExchangeRequest, resourceType: string): Promise<ExchangeOutcome> {
    return sendReliably(this.requester, request, {
      policy: this.policy,
      resourceType,
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
      onRetry: (event: RetryEvent) => this.progress(event.kind === 'refreshing-token' ? { step: 'refreshing-token' } : { step: 'retrying', attempt: event.attempt, waitMs: event.waitMs, reason: event.reason }),
    });
  }

  /** A request that must succeed for the write to go on. */
  private async exchange(request: FhirExchangeRequest, resourceType: string): Promise<FhirExchangeResponse> {
    const outcome = await this.send(request, resourceType);
    if (!outcome.ok) throw new WriteStopped(outcome.failure);
    return outcome.response;
  }

  private progress(progress: WriteProgress): void {
    this.opts.onProgress?.(progress);
  }
}

/** A 412 after a try that got no answer: possibly that try's own update, not someone else's. */
function answerLostBefore(outcome: Extract<ExchangeOutcome, { ok: false }>): boolean {
  return outcome.unanswered > 0 && outcome.failure.status === 412;
}

/** The builder's create of the CarePlan, turned into the update of the one found by its identifier. */
function asUpdate(step: PlanWriteStep, earlier: SignedBefore): PlanWriteStep {
  return { ...step, resource: { ...step.resource, id: earlier.id }, request: { method: 'PUT', url: `CarePlan/${earlier.id}`, ifMatch: earlier.ifMatch } };
}

/**
 * The transaction with its CarePlan entry an update of the plan signed before: the entry gets the plan's own URL
 * (a PUT entry's fullUrl is the resource's URL), and every reference to its urn:uuid, in resources and in
 * conditional-create queries, points at the plan instead.
 */
function transactionUpdating(bundle: Bundle, planFullUrl: string, earlier: SignedBefore, baseUrl: string): Bundle {
  const resolved = new Map([[planFullUrl, `CarePlan/${earlier.id}`]]);
  const entry = (bundle.entry ?? []).map((e): BundleEntry => {
    const resource = resolveReferences(e.resource, resolved);
    if (e.fullUrl === planFullUrl && resource) {
      return { fullUrl: `${baseUrl}/CarePlan/${earlier.id}`, resource: { ...resource, id: earlier.id }, request: { method: 'PUT', url: `CarePlan/${earlier.id}`, ifMatch: earlier.ifMatch } };
    }
    const ifNoneExist = e.request?.ifNoneExist;
    return { ...e, ...(resource ? { resource } : {}), ...(e.request ? { request: { ...e.request, ...(ifNoneExist ? { ifNoneExist: resolveQuery(ifNoneExist, resolved) } : {}) } } : {}) };
  });
  return { ...bundle, entry };
}

const fullUrlOf = (fullUrl: string | undefined): { fullUrl?: string } => (fullUrl?.startsWith('urn:') ? { fullUrl } : {});

function versionOf(saved: SavedResource): Pick<SavedResource, 'versionId' | 'lastUpdated'> {
  return { ...(saved.versionId ? { versionId: saved.versionId } : {}), ...(saved.lastUpdated ? { lastUpdated: saved.lastUpdated } : {}) };
}
