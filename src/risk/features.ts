/**
 * Feature encoding shared by the browser worker, the Node CLI and the artifact build: a model's input
 * vector is a list of features, each a pure function of a few named inputs. Declaring those inputs
 * lets `shapleyContributions` split the linear predictor exactly among inputs, interactions included.
 */

export interface Feature<P> {
  /** Term name; matches the coefficient table in models/<id>/coefficients.json. */
  readonly name: string;
  /** Every profile field `value` reads (the contribution split relies on this being complete). */
  readonly inputs: readonly (keyof P & string)[];
  readonly value: (p: P) => number;
}

export function encode<P>(features: readonly Feature<P>[], profile: P, into: Float32Array, offset: number): void {
  features.forEach((f, i) => {
    into[offset + i] = f.value(profile);
  });
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/**
 * Exact Shapley values of the linear predictor Σ coef·feature(x) against a reference profile.
 * A linear predictor is a sum of features, so the Shapley value is the sum of each feature's own
 * Shapley split among the (at most three) inputs it reads. The values add up to lp(x) − lp(ref).
 */
export function shapleyContributions<P>(
  features: readonly Feature<P>[],
  coefficients: ArrayLike<number>,
  patient: P,
  reference: P,
): Map<string, number> {
  const out = new Map<string, number>();
  features.forEach((f, i) => {
    const beta = coefficients[i] ?? 0;
    const k = f.inputs.length;
    if (beta === 0 || k === 0) return;
    const valueWith = (mask: number): number => {
      const hybrid = { ...reference };
      f.inputs.forEach((name, j) => {
        if (mask & (1 << j)) hybrid[name] = patient[name];
      });
      return f.value(hybrid);
    };
    f.inputs.forEach((name, j) => {
      let phi = 0;
      for (let mask = 0; mask < 1 << k; mask++) {
        if (mask & (1 << j)) continue;
        const size = popcount(mask);
        const weight = (factorial(size) * factorial(k - size - 1)) / factorial(k);
        phi += weight * (valueWith(mask | (1 << j)) - valueWith(mask));
      }
      out.set(name, (out.get(name) ?? 0) + beta * phi);
    });
  });
  return out;
}

function popcount(n: number): number {
  let c = 0;
  for (let m = n; m; m &= m - 1) c++;
  return c;
}
