import { describe, expect, it } from 'vitest';
import { summariseInputs, summaryText } from '../../../src/ui/risk/inputsSummary.ts';
import type { ChartInputs, InputProvenance } from '../../../src/risk/viewModel.ts';

const fresh = { level: 'fresh', ageDays: 10, freshDays: 365, oldDays: 730 } as const;
const known = (p: Omit<InputProvenance, 'sources'>): InputProvenance => ({ ...p, sources: [] });

// Hand-built: SBP and HDL from the chart (one stale), age derived, smoking entered, calcium known (KFRE-8 only),
// phosphate and UACR unknown (UACR is read by PREVENT; phosphate only by the KFRE-8).
const ci: ChartInputs = {
  inputs: { systolicBP: 142, hdl: 50, age: 60, smoker: false, calcium: 9.5 },
  provenance: {
    systolicBP: known({ input: 'systolicBP', fact: 'systolicBP', origin: 'chart', display: '142 mmHg', date: '2026-02-01T10:00:00Z', staleness: fresh }),
    hdl: known({ input: 'hdl', fact: 'hdl', origin: 'chart', display: '50 mg/dL', date: '2023-05-04', staleness: { ...fresh, level: 'stale', ageDays: 1000 } }),
    age: known({ input: 'age', fact: 'age', origin: 'derived', display: '60 years' }),
    smoker: known({ input: 'smoker', fact: 'smoker', origin: 'entered', display: 'no', date: '2026-03-01' }),
    calcium: known({ input: 'calcium', fact: 'calcium', origin: 'chart', display: '9.5 mg/dL', date: '2026-03-02' }),
  },
  missing: {
    uacr: { input: 'uacr', fact: 'uacr', reason: 'no UACR result' },
    phosphate: { input: 'phosphate', fact: 'phosphate', reason: 'no phosphate result' },
  },
};

describe('Based on summary', () => {
  it('counts only what the models on screen read; the KFRE-8 labs without CKD G3–G5 are neither counted nor gaps', () => {
    const s = summariseInputs(ci, false);
    expect(summaryText(s)).toBe('Based on 2 chart values, newest 2026-02-01, oldest 2023-05-04; 1 derived; 1 entered; 1 stale');
    expect(s.unknown.map((m) => m.input)).toEqual(['uacr']);
    expect(s.notNeeded.map((x) => x.input).sort()).toEqual(['calcium', 'phosphate']);
  });

  it('with the KFRE on screen its labs count, and an unknown one is a gap', () => {
    const s = summariseInputs(ci, true);
    expect(summaryText(s)).toBe('Based on 3 chart values, newest 2026-03-02, oldest 2023-05-04; 1 derived; 1 entered; 1 stale');
    expect(s.unknown.map((m) => m.input).sort()).toEqual(['phosphate', 'uacr']);
    expect(s.notNeeded).toEqual([]);
  });
});
