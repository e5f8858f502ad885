/** The risk runtime in Node (score CLI, bench cross-check, tests): artifacts read from models/<id>/ on disk. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { env, setBackend } from '@tensorflow/tfjs-core';
import { RiskEngine, type ArtifactSource, type ModelArtifacts } from './engine.ts';

export const DEFAULT_MODELS_DIR = resolve(import.meta.dirname, '../../models');

export function diskArtifacts(dir: string = DEFAULT_MODELS_DIR): ArtifactSource {
  return async (id) => {
    const [modelJson, weights, card] = await Promise.all([
      readFile(resolve(dir, id, 'model.json'), 'utf8'),
      readFile(resolve(dir, id, 'weights.bin')),
      readFile(resolve(dir, id, 'card.json'), 'utf8'),
    ]);
    const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
    return { modelJson: JSON.parse(modelJson) as ModelArtifacts['modelJson'], weights: buffer, card: JSON.parse(card) as ModelArtifacts['card'] };
  };
}

/** The engine on the committed artifacts and the TF.js cpu backend, the backend the browser worker uses too. */
export async function nodeRiskEngine(): Promise<RiskEngine> {
  env().set('IS_TEST', true); // no "install tfjs-node" banner on stdout
  await setBackend('cpu');
  return new RiskEngine(diskArtifacts());
}
