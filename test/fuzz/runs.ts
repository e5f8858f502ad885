/**
 * Case counts and seeds of the fuzz properties, in one place (README, "Tests", lists them). Fixed seeds make a failure
 * reproducible on any machine; change a seed to explore other cases, never to make a failure go away.
 */
export const FUZZ = {
  /** chart facts → model inputs, plain reasons and every model's prepare. */
  chartInputs: { numRuns: 6000, seed: 20261203 },
  /** suggestPlan over chart facts of any state: nothing started that is taken or ruled out by an allergy; citations. */
  plan: { numRuns: 4000, seed: 20261204 },
  /** chart facts → suggestPlan → planToFhir: every resource validates against R4 (about 3 ms a resource). */
  writeBack: { numRuns: 400, seed: 20261205 },
} as const;
