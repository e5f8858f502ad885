/**
 * The risk Web Worker: TF.js core + layers + cpu backend, loaded off the main thread. At these sizes
 * (at most 30 × 48 weights) cpu inference takes well under a millisecond, so webgl would only add
 * ~74 KiB gz and shader start-up (shared/reference/stack.md §6).
 */
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { fetchArtifacts } from './artifacts-browser.ts';
import { RiskEngine } from './engine.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

const engine = new RiskEngine(fetchArtifacts);
const ready = setBackend('cpu');
const scope = self as unknown as { postMessage(message: WorkerResponse): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };

scope.onmessage = (event) => {
  void handle(event.data).then((response) => scope.postMessage(response));
};

async function handle(msg: WorkerRequest): Promise<WorkerResponse> {
  try {
    await ready;
    if (msg.type === 'score') return { id: msg.id, ok: true, type: 'score', results: await engine.score(msg.requests) };
    return { id: msg.id, ok: true, type: 'card', card: await engine.card(msg.model) };
  } catch (e) {
    return { id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
