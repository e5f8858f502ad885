/**
 * Main-thread handle on the risk worker. The worker (and TF.js with it) is created on first use, so
 * neither the first screen nor the main bundle pays for the models.
 */
import type { ModelCard } from './card.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import type { ModelId, ScoreRequest, ScoreResult } from './types.ts';

export interface RiskClient {
  /** Scores a batch in one round trip (what-if and trajectory send many vectors at once). */
  score(requests: readonly ScoreRequest[]): Promise<ScoreResult[]>;
  card(model: ModelId): Promise<ModelCard>;
  dispose(): void;
}

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

export function createRiskClient(): RiskClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void }>();

  function start(): Worker {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tailor-risk' });
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const entry = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      entry?.resolve(e.data);
    };
    w.onerror = (e) => {
      // A worker that fails to start answers nobody: fail every pending call and start afresh next time.
      for (const entry of waiting.values()) entry.reject(new Error(`risk worker failed: ${e.message}`));
      waiting.clear();
      w.terminate();
      worker = null;
    };
    return w;
  }

  function send(body: Body<WorkerRequest>): Promise<WorkerResponse> {
    worker ??= start();
    const id = nextId++;
    const w = worker;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ ...body, id } satisfies WorkerRequest);
    });
  }

  return {
    async score(requests) {
      const r = await send({ type: 'score', requests: [...requests] });
      if (!r.ok) throw new Error(r.error);
      if (r.type !== 'score') throw new Error('unexpected worker reply');
      return r.results;
    },
    async card(model) {
      const r = await send({ type: 'card', model });
      if (!r.ok) throw new Error(r.error);
      if (r.type !== 'card') throw new Error('unexpected worker reply');
      return r.card;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const entry of waiting.values()) entry.reject(new Error('risk client disposed'));
      waiting.clear();
    },
  };
}
