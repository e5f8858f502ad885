/**
 * A plain assertion for the inner loops of the fuzz properties: thousands of cases times dozens of checks, where
 * vitest's expect would cost most of the run. fast-check reports the thrown message with the shrunk counterexample.
 */
export function must(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
