import { exp, expm1, gather, mul, neg, serialization, sub, tensor1d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';

/**
 * Survival transform of a Cox model, which Layers lacks (it has no exp activation):
 * output j = 1 − S0_j ^ exp(lp[unit_j] − mean[unit_j]). The published baseline survivals and means
 * sit in the layer config, so model.json states the equation's constants as the paper prints them.
 */
export interface CoxSurvivalConfig {
  /** Mean linear predictor per input unit (the centring of the Cox model). */
  mean: number[];
  /** One entry per output column: which linear predictor, with which baseline survival. */
  outputs: { unit: number; baselineSurvival: number }[];
}

type LayerArgs = ConstructorParameters<typeof layers.Layer>[0];

export class CoxSurvival extends layers.Layer {
  static readonly className = 'CoxSurvival';
  private readonly survival: CoxSurvivalConfig;

  constructor(args: LayerArgs & CoxSurvivalConfig) {
    super(args);
    this.survival = { mean: [...args.mean], outputs: args.outputs.map((o) => ({ unit: o.unit, baselineSurvival: o.baselineSurvival })) };
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [shape[0] ?? null, this.survival.outputs.length];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tidy(() => {
      const lp = Array.isArray(inputs) ? inputs[0]! : inputs;
      const relativeHazard = exp(sub(lp, tensor1d(this.survival.mean)));
      const perOutput = gather(relativeHazard, this.survival.outputs.map((o) => o.unit), 1);
      // 1 − S0^h = −expm1(h · ln S0); ln S0 is taken in float64 here, and expm1 keeps small risks exact.
      const logS0 = tensor1d(this.survival.outputs.map((o) => Math.log(o.baselineSurvival)));
      return neg(expm1(mul(perOutput, logS0)));
    });
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), mean: this.survival.mean, outputs: this.survival.outputs };
  }
}

serialization.registerClass(CoxSurvival);
