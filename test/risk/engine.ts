/** The Node runtime exactly as the score CLI builds it: committed artifacts, TF.js cpu backend. */
export { nodeRiskEngine as nodeEngine } from '../../src/risk/load-node.ts';

/** |a − b| in percentage points. */
export const pp = (a: number, b: number): number => Math.abs(a - b) * 100;
