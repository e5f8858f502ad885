/** Node-only artifact source: reads models/<id>/ from disk (used by the score CLI and the tests). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArtifactSource, ModelArtifacts } from './engine.ts';

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
