import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeFailure } from '../../src/fhir/operationOutcome.ts';

describe('describeFailure on anything a requester may throw (fast-check)', () => {
  it('always resolves to a non-empty message and a valid status if any', async () => {
    const thrown = fc.oneof(
      fc.anything(),
      fc.record({ status: fc.oneof(fc.integer(), fc.anything()), message: fc.string(), body: fc.anything(), response: fc.anything() }, { requiredKeys: [] }),
      fc.string().map((m) => new Error(m)),
      fc.tuple(fc.string(), fc.jsonValue()).map(([m, body]) => new Error(`${m}\n\n${JSON.stringify(body)}`)),
    );
    await fc.assert(
      fc.asyncProperty(thrown, async (error) => {
        const failure = await describeFailure(error);
        expect(typeof failure.message).toBe('string');
        expect(failure.message.length).toBeGreaterThan(0);
        if (failure.status !== undefined) expect(failure.status >= 100 && failure.status < 600).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
