import type { InputSpec } from './inputs.ts';
import type { RangeRule } from './models/definition.ts';
import type { InputName, ModelId, RiskKey } from './types.ts';

/** Shape of models/<id>/card.json (ONC HTI-1 source attributes we can fill, plus the artifact contract). */
export interface ModelCard {
  id: ModelId;
  name: string;
  version: string;
  releaseDate: string;
  developer: string;
  fundingSource: string;
  description: string;
  output: string;
  intendedUse: string;
  intendedUsers: string;
  outOfScopeUses: string[];
  population: string[];
  developmentData: string;
  validationPerformance: { figure: string; source: string }[];
  fairness: string;
  updateAndMonitoring: string;
  citations: string[];
  coefficientSource: { citation: string; source: string };
  inputs: (InputSpec & { name: InputName; required: boolean })[];
  validRanges: RangeRule[];
  risks: RiskKey[];
  explanation: { scale: string; method: string; reference: string };
  artifact: {
    format: 'tfjs layers-model';
    features: string[];
    linearPredictors: string[];
    outputs: string[];
    sha256: { 'model.json': string; 'weights.bin': string };
  };
}
