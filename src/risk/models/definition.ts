import type { Feature } from '../features.ts';
import type { InputName, ModelId, RiskInputs, RiskKey } from '../types.ts';

/** A validity rule for one numeric input; `max` is exclusive when `maxExclusive` (used for ages in completed years). */
export interface RangeRule {
  input: InputName;
  min: number;
  /** No upper limit when absent. */
  max?: number;
  maxExclusive?: boolean;
  source: string;
}

export interface Prepared<P> {
  ok: true;
  profile: P;
  /** The stated reference profile the explanation is relative to (same variant and stratum). */
  reference: P;
  variant: string;
  /** Which model output column answers which risk, for this patient. */
  risks: { key: RiskKey; column: string }[];
  note: string;
}
export interface Rejected {
  ok: false;
  reason: string;
  variant: string;
}

export interface ModelDefinition<P> {
  id: ModelId;
  label: string;
  features: readonly Feature<P>[];
  /** Linear predictors computed by the Dense layer, in column order. */
  linearPredictors: readonly string[];
  /** Model outputs in column order, each with the linear predictor it is a transform of. */
  outputs: readonly { name: string; linearPredictor: number }[];
  requiredInputs: readonly InputName[];
  optionalInputs: readonly InputName[];
  ranges: readonly RangeRule[];
  /** Population and exclusion rules in words, for the model card. */
  population: readonly string[];
  referenceDescription: string;
  prepare(inputs: RiskInputs): Prepared<P> | Rejected;
}

/** The named inputs, all known; or which of them are unknown. */
export function requireInputs<K extends InputName>(
  inputs: RiskInputs,
  names: readonly K[],
): { ok: true; values: Required<Pick<RiskInputs, K>> } | { ok: false; reason: string } {
  const missing = names.filter((n) => inputs[n] === undefined);
  if (missing.length) return { ok: false, reason: `missing required input: ${missing.join(', ')}` };
  return { ok: true, values: inputs as Required<Pick<RiskInputs, K>> };
}

/** The rule's valid values in words: "40–79" (an exclusive max of whole years shown as the last allowed one), "≥ 18". */
export function rangeSpan(r: RangeRule): string {
  return r.max === undefined ? `≥ ${r.min}` : `${r.min}–${r.maxExclusive ? r.max - 1 : r.max}`;
}

export function rangeProblem(inputs: RiskInputs, rules: readonly RangeRule[], label: string): string | null {
  for (const r of rules) {
    const v = inputs[r.input];
    if (typeof v !== 'number') continue;
    const tooHigh = r.max !== undefined && (r.maxExclusive ? v >= r.max : v > r.max);
    if (v < r.min || tooHigh) {
      const span = rangeSpan(r);
      if (r.input === 'age') return `${label} is for ages ${span}`;
      return `${r.input} ${v} is outside the ${label} range ${span}`;
    }
  }
  return null;
}

export const bit = (b: boolean): number => (b ? 1 : 0);
