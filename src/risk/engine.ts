/**
 * The risk runtime shared by the browser worker and the Node CLI: applicability, encoding, batched
 * TF.js inference and explanations. It never returns tensors and disposes every tensor it makes.
 * Artifacts come from an `ArtifactSource` (fetch in the worker, the file system in Node).
 */
import { io, tensor2d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelCard } from './card.ts';
import './cox-survival-layer.ts';
import { encode, shapleyContributions } from './features.ts';
import type { ModelDefinition, Prepared } from './models/definition.ts';
import { MODELS } from './models/index.ts';
import type { Explanation, InputName, ModelId, RiskKey, ScoreRequest, ScoreResult } from './types.ts';

export interface ModelArtifacts {
  /** Parsed model.json. */
  modelJson: { modelTopology: object; weightsManifest: { weights: io.WeightsManifestEntry[] }[] };
  weights: ArrayBuffer;
  card: ModelCard;
}
export type ArtifactSource = (id: ModelId) => Promise<ModelArtifacts>;

interface LoadedModel {
  model: LayersModel;
  card: ModelCard;
  /** Dense kernel [feature × linear predictor], for explanations. */
  kernel: Float32Array;
  units: number;
  /** Per linear predictor: the constant added (logistic intercept) or subtracted (Cox mean). */
  offset: number[];
  outputIndex: Map<string, number>;
}

export class RiskEngine {
  private readonly loaded = new Map<ModelId, Promise<LoadedModel>>();

  constructor(private readonly source: ArtifactSource) {}

  /** Loads (once) and returns a model's card. */
  async card(id: ModelId): Promise<ModelCard> {
    return (await this.load(id)).card;
  }

  /** Scores many requests with one inference per model; results come back in request order. */
  async score(requests: readonly ScoreRequest[]): Promise<ScoreResult[]> {
    const results: ScoreResult[] = new Array(requests.length);
    const pending = new Map<ModelId, { index: number; prep: Prepared<unknown>; explain: boolean }[]>();
    requests.forEach((req, index) => {
      const def: ModelDefinition<unknown> = MODELS[req.model];
      const prep = def.prepare(req.inputs);
      if (!prep.ok) {
        results[index] = { model: req.model, applicable: false, reason: prep.reason, variant: prep.variant, risks: {} };
        return;
      }
      const list = pending.get(req.model) ?? [];
      list.push({ index, prep, explain: req.explain === true });
      pending.set(req.model, list);
    });

    for (const [id, items] of pending) {
      const def: ModelDefinition<unknown> = MODELS[id];
      const m = await this.load(id);
      const width = def.features.length;
      const x = new Float32Array(items.length * width);
      items.forEach((it, row) => encode(def.features, it.prep.profile, x, row * width));
      const out = await predict(m.model, x, items.length, width);
      const cols = m.outputIndex.size;
      items.forEach((it, row) => {
        const risks: Partial<Record<RiskKey, number>> = {};
        for (const { key, column } of it.prep.risks) risks[key] = out[row * cols + m.outputIndex.get(column)!]!;
        results[it.index] = {
          model: id,
          applicable: true,
          reason: it.prep.note,
          variant: it.prep.variant,
          risks,
          ...(it.explain ? { explanation: explain(def, m, it.prep) } : {}),
        };
      });
    }
    return results;
  }

  private load(id: ModelId): Promise<LoadedModel> {
    let p = this.loaded.get(id);
    if (!p) {
      p = loadModel(MODELS[id], this.source);
      // A failed load is not cached, so a later call can retry.
      p.catch(() => this.loaded.delete(id));
      this.loaded.set(id, p);
    }
    return p;
  }
}

async function loadModel(def: ModelDefinition<unknown>, source: ArtifactSource): Promise<LoadedModel> {
  const { modelJson, weights, card } = await source(def.id);
  // The runtime's encoder and the artifact must agree column by column.
  const features = def.features.map((f) => f.name);
  const outputs = def.outputs.map((o) => o.name);
  if (JSON.stringify(card.artifact.features) !== JSON.stringify(features) || JSON.stringify(card.artifact.outputs) !== JSON.stringify(outputs)) {
    throw new Error(`${def.id}: artifact columns do not match the runtime encoder; run npm run models`);
  }
  const model = await loadLayersModel(
    io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights), weightData: weights }),
  );
  const dense = model.getLayer('linear_predictor');
  const [kernelT, biasT] = dense.getWeights();
  const kernel = (await kernelT!.data()) as Float32Array;
  const units = def.linearPredictors.length;
  let offset: number[];
  if (biasT) {
    offset = Array.from(await biasT.data());
  } else {
    const mean = (model.layers.at(-1)!.getConfig() as { mean?: number[] }).mean ?? [];
    offset = mean.map((m) => -m);
  }
  return { model, card, kernel, units, offset, outputIndex: new Map(outputs.map((o, i) => [o, i])) };
}

async function predict(model: LayersModel, x: Float32Array, rows: number, width: number): Promise<Float32Array> {
  const y = tidy(() => model.predictOnBatch(tensor2d(x, [rows, width])) as Tensor);
  try {
    return (await y.data()) as Float32Array;
  } finally {
    y.dispose();
  }
}

function explain(def: ModelDefinition<unknown>, m: LoadedModel, prep: Prepared<unknown>): Explanation {
  const byRisk: Explanation['byRisk'] = {};
  for (const { key, column } of prep.risks) {
    const unit = def.outputs[m.outputIndex.get(column)!]!.linearPredictor;
    const beta = def.features.map((_, f) => m.kernel[f * m.units + unit]!);
    const lp = (p: unknown): number => def.features.reduce((s, f, i) => s + beta[i]! * f.value(p), m.offset[unit]!);
    const contributions: Partial<Record<InputName, number>> = {};
    for (const [input, value] of shapleyContributions(def.features, beta, prep.profile, prep.reference)) contributions[input as InputName] = value;
    byRisk[key] = { linearPredictor: lp(prep.profile), referenceLinearPredictor: lp(prep.reference), contributions };
  }
  return { reference: prep.reference as Record<string, number | boolean | null>, byRisk };
}
