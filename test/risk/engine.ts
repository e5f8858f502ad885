import '@tensorflow/tfjs-backend-cpu';
import { env, setBackend } from '@tensorflow/tfjs-core';
import { RiskEngine } from '../../src/risk/engine.ts';
import { diskArtifacts } from '../../src/risk/load-node.ts';

/** The Node runtime exactly as the score CLI builds it: committed artifacts, TF.js cpu backend. */
export async function nodeEngine(): Promise<RiskEngine> {
  env().set('IS_TEST', true);
  await setBackend('cpu');
  return new RiskEngine(diskArtifacts());
}

/** |a − b| in percentage points. */
export const pp = (a: number, b: number): number => Math.abs(a - b) * 100;
