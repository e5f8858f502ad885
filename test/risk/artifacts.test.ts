import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { env, memory } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, MODELS_DIR } from '../../scripts/build-models.ts';
import type { ModelCard } from '../../src/risk/card.ts';
import { MODEL_IDS } from '../../src/risk/types.ts';
import { nodeEngine } from './engine.ts';

describe('committed artifacts', () => {
  beforeAll(() => {
    env().set('IS_TEST', true); // no tfjs-node banner
  });

  for (const id of MODEL_IDS) {
    it(`${id}: npm run models rebuilds byte-identical model.json, weights.bin and card.json`, async () => {
      const built = await buildModel(id);
      for (const file of ['model.json', 'weights.bin', 'card.json'] as const) {
        const committed = readFileSync(resolve(MODELS_DIR, id, file));
        expect(Buffer.compare(committed, Buffer.from(built[file])), `models/${id}/${file} is stale: run npm run models`).toBe(0);
      }
    });

    it(`${id}: the card describes the artifact and carries the HTI-1 source attributes`, () => {
      const card = JSON.parse(readFileSync(resolve(MODELS_DIR, id, 'card.json'), 'utf8')) as ModelCard;
      const sha = (f: string): string => createHash('sha256').update(readFileSync(resolve(MODELS_DIR, id, f))).digest('hex');
      expect(card.artifact.sha256['model.json']).toBe(sha('model.json'));
      expect(card.artifact.sha256['weights.bin']).toBe(sha('weights.bin'));
      for (const field of ['intendedUse', 'intendedUsers', 'developmentData', 'fairness', 'updateAndMonitoring', 'releaseDate', 'version'] as const) {
        expect(card[field].length).toBeGreaterThan(4);
      }
      expect(card.outOfScopeUses.length).toBeGreaterThan(0);
      expect(card.validationPerformance.length).toBeGreaterThan(0);
      expect(card.inputs.every((i) => i.fhir.length > 0)).toBe(true);
      expect(card.validRanges.find((r) => r.input === 'age')?.source).toBeTruthy();
    });
  }

  it('scoring leaves no tensors behind', async () => {
    const engine = await nodeEngine();
    const inputs = { age: 60, sex: 'male' as const, egfr: 30, uacr: 300, albumin: 4, phosphate: 4, bicarbonate: 24, calcium: 9 };
    await engine.score([{ model: 'kfre8', inputs }]); // load once
    const before = memory().numTensors;
    await engine.score(Array.from({ length: 64 }, () => ({ model: 'kfre8' as const, inputs, explain: true })));
    expect(memory().numTensors).toBe(before);
  });

  it('the PCE card states the race term as a fairness note', () => {
    const card = JSON.parse(readFileSync(resolve(MODELS_DIR, 'pce', 'card.json'), 'utf8')) as ModelCard;
    expect(card.fairness).toMatch(/race/i);
    expect(card.inputs.map((i) => i.name)).toContain('race');
  });
});
