import { describe, expect, it } from 'vitest';
import { assumptionParts, fullCombination } from '../../../src/ui/risk/therapyRows.ts';
import type { TherapyProjection } from '../../../src/risk/viewModel.ts';

describe('assumptionParts', () => {
  it('splits at the last ": " before the relative risk, keeping colons inside the assumption', () => {
    expect(assumptionParts('systolic BP 150 mmHg lowered to 130 mmHg (on treatment: intensified): 20.0 mmHg lower, RR 0.65^2.00 = 0.42')).toEqual({
      assumed: 'systolic BP 150 mmHg lowered to 130 mmHg (on treatment: intensified)',
      arithmetic: '20.0 mmHg lower, RR 0.65^2.00 = 0.42',
    });
    // A colon after the RR (a guideline's wording) stays in the arithmetic.
    expect(assumptionParts('no anticoagulant in the list: RR 0.9 (2019 ACC/AHA: may be considered)')).toEqual({ assumed: 'no anticoagulant in the list', arithmetic: 'RR 0.9 (2019 ACC/AHA: may be considered)' });
  });

  it('keeps a detail of another shape whole', () => {
    expect(assumptionParts('current smoker quits')).toEqual({ assumed: 'current smoker quits' });
    expect(assumptionParts('RR 0.9 given')).toEqual({ assumed: 'RR 0.9 given' });
  });
});

describe('fullCombination', () => {
  const p = (therapies: TherapyProjection['therapies'], risk: number): TherapyProjection => ({ therapies, label: therapies.join('+'), risk, absoluteReduction: 0.2 - risk, numberNeededToTreat: 1, floored: false });
  it('is the largest combination, the lower-risk one when statins give two', () => {
    const moderate = p(['statin-moderate', 'bp-target'], 0.1);
    const high = p(['statin-high', 'bp-target'], 0.09);
    expect(fullCombination([p(['statin-moderate'], 0.15), p(['bp-target'], 0.12), moderate, high])).toBe(high);
  });
  it('is undefined when nothing can be combined', () => {
    expect(fullCombination([p(['bp-target'], 0.12)])).toBeUndefined();
    expect(fullCombination([])).toBeUndefined();
  });
});
