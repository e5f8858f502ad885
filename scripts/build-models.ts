/**
 * `npm run models`: builds models/<id>/{model.json, weights.bin, card.json} from the coefficient tables
 * (models/<id>/coefficients.json) and card sources. Deterministic: fixed layer names, weights written
 * exactly as the tables give them (float32), JSON with stable key order. test/risk/artifacts.test.ts
 * rebuilds in memory and fails if the committed files differ.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { io, setBackend, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import type { ModelCard } from '../src/risk/card.ts';
import { CoxSurvival, type CoxSurvivalConfig } from '../src/risk/cox-survival-layer.ts';
import { INPUT_SPECS } from '../src/risk/inputs.ts';
import type { ModelDefinition } from '../src/risk/models/definition.ts';
import { MODELS } from '../src/risk/models/index.ts';
import { PCE_GROUPS } from '../src/risk/models/pce.ts';
import { PREVENT_COLUMNS } from '../src/risk/models/prevent.ts';
import { KFRE_HORIZONS, KFRE_REGIONS } from '../src/risk/models/kfre.ts';
import { MODEL_IDS, type ModelId, type RiskKey } from '../src/risk/types.ts';

export const MODELS_DIR = resolve(import.meta.dirname, '../models');

type Json = Record<string, unknown>;
const readJson = (id: ModelId, file: string): Json => JSON.parse(readFileSync(resolve(MODELS_DIR, id, file), 'utf8')) as Json;

/** Dense layer weights and optional survival transform for one model. */
interface LinearSpec {
  kernel: number[][]; // [feature][linear predictor]
  bias: number[] | null;
  activation: 'linear' | 'sigmoid';
  cox: CoxSurvivalConfig | null;
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`coefficient table: ${what} is not a number`);
  return v;
}

function pceSpec(def: ModelDefinition<unknown>, table: Json): LinearSpec {
  const groups = table.groups as Record<string, { coefficients: Record<string, number>; mean: number; baselineSurvival10y: number }>;
  const g = PCE_GROUPS.map((name) => groups[name] ?? (() => { throw new Error(`pce: no group ${name}`); })());
  return {
    kernel: def.features.map((f) => g.map((grp, i) => num(grp.coefficients[f.name], `pce ${PCE_GROUPS[i]} ${f.name}`))),
    bias: null,
    activation: 'linear',
    cox: { mean: g.map((grp) => num(grp.mean, 'pce mean')), outputs: g.map((grp, unit) => ({ unit, baselineSurvival: num(grp.baselineSurvival10y, 'pce S10') })) },
  };
}

function preventSpec(def: ModelDefinition<unknown>, table: Json): LinearSpec {
  const features = def.features.map((f) => f.name);
  const unsupported = Object.keys(table.unsupportedTerms as Json);
  type Table = { variant: string; horizonYears: number; coefficients: Record<string, Record<string, Record<string, number>>> };
  const tables = table.tables as Table[];
  const columns = PREVENT_COLUMNS.map((col) => {
    const [variant, sex, key] = col.split('/') as [string, string, string];
    const [outcome, horizon] = key.split('_') as [string, string];
    const t = tables.find((x) => x.variant === variant && `${x.horizonYears}y` === horizon);
    const coefs = t?.coefficients[sex]?.[outcome];
    if (!coefs) throw new Error(`prevent: no coefficients for ${col}`);
    for (const term of Object.keys(coefs)) {
      if (term !== 'constant' && !features.includes(term) && !unsupported.includes(term)) throw new Error(`prevent ${col}: term ${term} has no feature`);
    }
    return coefs;
  });
  return {
    // A term an equation does not have contributes 0 to that column.
    kernel: features.map((name) => columns.map((c) => c[name] ?? 0)),
    bias: columns.map((c, i) => num(c.constant, `prevent ${PREVENT_COLUMNS[i]} constant`)),
    activation: 'sigmoid',
    cox: null,
  };
}

function kfreSpec(def: ModelDefinition<unknown>, table: Json): LinearSpec {
  const coefficients = table.coefficients as Record<string, number>;
  const centres = table.centres as Record<string, number>;
  const s0 = table.baselineSurvival as Record<string, Record<string, number>>;
  const beta = def.features.map((f) => num(coefficients[f.name], `${def.id} ${f.name}`));
  // Centring Σ β·centre, in float64, so lp − mean is the paper's centred linear predictor.
  const mean = def.features.reduce((sum, f, i) => sum + beta[i]! * num(centres[f.name], `${def.id} centre ${f.name}`), 0);
  return {
    kernel: beta.map((b) => [b]),
    bias: null,
    activation: 'linear',
    cox: {
      mean: [mean],
      outputs: KFRE_REGIONS.flatMap((r) => KFRE_HORIZONS.map((h) => ({ unit: 0, baselineSurvival: num(s0[r]?.[String(h)], `${def.id} S0 ${r} ${h}`) }))),
    },
  };
}

const SPECS: Record<ModelId, (def: ModelDefinition<unknown>, table: Json) => LinearSpec> = {
  pce: pceSpec,
  prevent: preventSpec,
  kfre4: kfreSpec,
  kfre8: kfreSpec,
};

export interface BuiltModel {
  'model.json': string;
  'weights.bin': Uint8Array;
  'card.json': string;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function buildModel(id: ModelId): Promise<BuiltModel> {
  await setBackend('cpu');
  const def = MODELS[id];
  const table = readJson(id, 'coefficients.json');
  const spec = SPECS[id](def, table);
  const nFeatures = def.features.length;
  const units = def.linearPredictors.length;

  const dense = layers.dense({
    name: 'linear_predictor',
    inputShape: [nFeatures],
    units,
    activation: spec.activation,
    useBias: spec.bias !== null,
    kernelInitializer: 'zeros',
    biasInitializer: 'zeros',
  });
  const model = sequential({ name: id, layers: spec.cox ? [dense, new CoxSurvival({ name: 'cox_survival', ...spec.cox })] : [dense] });
  const weights = [tensor2d(spec.kernel, [nFeatures, units], 'float32'), ...(spec.bias ? [tensor1d(spec.bias, 'float32')] : [])];
  dense.setWeights(weights);
  weights.forEach((w) => w.dispose());

  let saved: io.ModelArtifacts | undefined;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  if (!saved?.weightData || !saved.weightSpecs) throw new Error(`${id}: nothing saved`);
  const weightData = Array.isArray(saved.weightData) ? concat(saved.weightData) : new Uint8Array(saved.weightData);
  const modelJson = `${JSON.stringify(
    {
      format: 'layers-model',
      generatedBy: saved.generatedBy,
      convertedBy: null,
      modelTopology: saved.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs }],
      // Names of the input vector's columns and of the outputs, so the artifact describes itself.
      userDefinedMetadata: { features: def.features.map((f) => f.name), outputs: def.outputs.map((o) => o.name), coefficients: String(table.citation) },
    },
    null,
    1,
  )}\n`;

  const source = readJson(id, 'card.source.json');
  const risks = [...new Set(def.outputs.map((o) => o.name.split('/').at(-1) as RiskKey))];
  const card: ModelCard = {
    id,
    ...(source as Omit<ModelCard, 'id'>),
    population: [...def.population],
    coefficientSource: { citation: String(table.citation), source: String(table.source ?? table.transcription) },
    inputs: [
      ...def.requiredInputs.map((name) => ({ name, required: true, ...INPUT_SPECS[name] })),
      ...def.optionalInputs.map((name) => ({ name, required: false, ...INPUT_SPECS[name] })),
    ],
    validRanges: [...def.ranges],
    risks,
    explanation: {
      scale: spec.cox ? 'log relative hazard (lp − mean)' : 'log-odds',
      method: 'Exact Shapley values of the linear predictor: each term is split among the inputs it reads, so the contributions add up to the patient’s minus the reference’s linear predictor.',
      reference: def.referenceDescription,
    },
    artifact: {
      format: 'tfjs layers-model',
      features: def.features.map((f) => f.name),
      linearPredictors: [...def.linearPredictors],
      outputs: def.outputs.map((o) => o.name),
      sha256: { 'model.json': sha256(modelJson), 'weights.bin': sha256(weightData) },
    },
  };
  return { 'model.json': modelJson, 'weights.bin': weightData, 'card.json': `${JSON.stringify(card, null, 1)}\n` };
}

function concat(parts: ArrayBuffer[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
}

async function main(): Promise<void> {
  for (const id of MODEL_IDS) {
    const built = await buildModel(id);
    for (const [file, data] of Object.entries(built)) writeFileSync(resolve(MODELS_DIR, id, file), data);
    console.log(`models/${id}: ${built['weights.bin'].byteLength} B of weights`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
