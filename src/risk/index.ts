/** Public browser API of the risk layer (the Node CLI and tests use engine.ts and load-node.ts directly). */
export { createRiskClient, type RiskClient } from './client.ts';
export type { ModelCard } from './card.ts';
export { INPUT_SPECS, parseInputs, type InputSpec } from './inputs.ts';
export * from './types.ts';
