import type { ModelCard } from './card.ts';
import type { ModelId, ScoreRequest, ScoreResult } from './types.ts';

/** Messages between the main thread (client.ts) and the risk worker (worker.ts). Plain data only. */
export type WorkerRequest = { id: number; type: 'score'; requests: ScoreRequest[] } | { id: number; type: 'card'; model: ModelId };

export type WorkerResponse =
  | { id: number; ok: true; type: 'score'; results: ScoreResult[] }
  | { id: number; ok: true; type: 'card'; card: ModelCard }
  | { id: number; ok: false; error: string };
