import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRiskClient } from '../../src/risk/client.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/risk/protocol.ts';

/** Stand-in for the browser Worker: records construction, answers in reverse order to test id routing. */
class FakeWorker {
  static created: { url: string; options: WorkerOptions | undefined }[] = [];
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  private inbox: WorkerRequest[] = [];
  constructor(url: URL | string, options?: WorkerOptions) {
    FakeWorker.created.push({ url: String(url), options });
    FakeWorker.last = this;
  }
  static last: FakeWorker | null = null;
  postMessage(msg: WorkerRequest): void {
    this.inbox.push(msg);
  }
  /** Replies to everything received so far, last message first. */
  flush(reply: (m: WorkerRequest) => WorkerResponse): void {
    for (const m of this.inbox.reverse()) this.onmessage?.({ data: reply(m) } as MessageEvent<WorkerResponse>);
    this.inbox = [];
  }
  terminate(): void {
    this.terminated = true;
  }
}

const original = globalThis.Worker;
beforeEach(() => {
  FakeWorker.created = [];
  FakeWorker.last = null;
  (globalThis as { Worker: unknown }).Worker = FakeWorker;
});
afterEach(() => {
  (globalThis as { Worker: unknown }).Worker = original;
});

const answer = (m: WorkerRequest): WorkerResponse =>
  m.type === 'score'
    ? { id: m.id, ok: true, type: 'score', results: m.requests.map((r) => ({ model: r.model, applicable: false, reason: `echo ${m.id}`, variant: '', risks: {} })) }
    : { id: m.id, ok: false, error: 'no card' };

describe('risk client (main thread)', () => {
  it('starts no worker until the first call, then one module worker for all calls', async () => {
    const client = createRiskClient();
    expect(FakeWorker.created).toHaveLength(0);
    const a = client.score([{ model: 'pce', inputs: {} }]);
    const b = client.score([{ model: 'kfre4', inputs: {} }, { model: 'prevent', inputs: {} }]);
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0]!.options).toMatchObject({ type: 'module' });
    expect(FakeWorker.created[0]!.url).toMatch(/worker\.ts/);
    FakeWorker.last!.flush(answer);
    // Replies arrive in reverse order and still reach the right caller.
    expect((await a).map((r) => r.reason)).toEqual(['echo 1']);
    expect((await b).map((r) => r.model)).toEqual(['kfre4', 'prevent']);
  });

  it('turns a worker error reply into a rejected promise', async () => {
    const client = createRiskClient();
    const card = client.card('pce');
    FakeWorker.last!.flush(answer);
    await expect(card).rejects.toThrow('no card');
  });

  it('dispose terminates the worker and rejects pending calls', async () => {
    const client = createRiskClient();
    const pending = client.score([{ model: 'pce', inputs: {} }]);
    const worker = FakeWorker.last!;
    client.dispose();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toThrow('disposed');
  });
});
