// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { TherapyImpactTable } from '../../../src/ui/risk/TherapyImpactTable.tsx';
import type { TherapyImpact } from '../../../src/risk/viewModel.ts';

// A hand-built impact on a 20 % baseline with a 7 % optimal-factor floor. The projections are worked out by hand:
// statin RR 0.75 → 15 % (ARR 5 points, NNT 1/0.05 = 20); BP RR 0.40 → 8 % (ARR 12, NNT ⌈8.3⌉ = 9); stop smoking
// RR 0.73 → 14.6 % (ARR 5.4, NNT ⌈18.5⌉ = 19); all three: 0.2 × 0.75 × 0.40 × 0.73 = 4.38 % < 7 %, so raised to 7 %
// (ARR 13, NNT ⌈7.7⌉ = 8).
const impact: TherapyImpact = {
  baseline: { model: 'pce', risk: 'ascvd_10y', value: 0.2, label: 'PCE 10-year ASCVD' },
  optimalRisk: 0.07,
  options: [
    { id: 'statin-moderate', label: 'Moderate-intensity statin', status: 'available', detail: 'LDL-C 160 mg/dL lowered by 40 % to 96 mg/dL', relativeRisk: 0.75, source: 'Million Hearts Table 2' },
    { id: 'statin-high', label: 'High-intensity statin', status: 'not-applicable', detail: 'statin intolerance recorded: statin therapy not simulated', relativeRisk: 1, source: 'Million Hearts Table 2' },
    { id: 'bp-target', label: 'BP lowering to < 130 mmHg', status: 'available', detail: 'systolic BP 170 mmHg lowered to 130 mmHg', relativeRisk: 0.4, source: 'BP trials' },
    { id: 'stop-smoking', label: 'Stop smoking', status: 'available', detail: 'current smoker quits', relativeRisk: 0.73, source: 'Lee et al.' },
    { id: 'aspirin', label: 'Low-dose aspirin', status: 'already', detail: 'already takes aspirin', relativeRisk: 1, source: 'Aspirin meta-analysis' },
  ],
  projections: [
    { therapies: ['statin-moderate'], label: 'Moderate-intensity statin', risk: 0.15, absoluteReduction: 0.05, numberNeededToTreat: 20, floored: false },
    { therapies: ['bp-target'], label: 'BP lowering to < 130 mmHg', risk: 0.08, absoluteReduction: 0.12, numberNeededToTreat: 9, floored: false },
    { therapies: ['stop-smoking'], label: 'Stop smoking', risk: 0.146, absoluteReduction: 0.054, numberNeededToTreat: 19, floored: false },
    {
      therapies: ['statin-moderate', 'bp-target', 'stop-smoking'],
      label: 'Moderate-intensity statin + BP lowering to < 130 mmHg + Stop smoking',
      risk: 0.07,
      absoluteReduction: 0.13,
      numberNeededToTreat: 8,
      floored: true,
    },
  ],
};

const cells = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('cell').map((c) => c.textContent);

describe('TherapyImpactTable', () => {
  it('names the baseline and the horizon, and shows projected risk, ARR in points and NNT with the source', () => {
    render(<TherapyImpactTable impact={impact} />);
    const table = screen.getByRole('table');
    expect(within(table).getByText(/Therapy impact on PCE 10-year ASCVD: the patient's 20.0 % now/)).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Number needed to treat for 10 years' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Projected 10-year risk' })).toBeInTheDocument();
    expect(cells('therapy-statin-moderate')).toEqual(['LDL-C 160 mg/dL lowered by 40 % to 96 mg/dL', '15.0 %', '5.0', '20', 'Million Hearts Table 2']);
    expect(cells('therapy-stop-smoking')).toEqual(['current smoker quits', '14.6 %', '5.4', '19', 'Lee et al.']);
  });

  it('shows therapies already in place and not applicable with their reasons, and no projected figures', () => {
    render(<TherapyImpactTable impact={impact} />);
    expect(cells('therapy-aspirin')).toEqual(['already takes aspirin', 'Already in place', 'Aspirin meta-analysis']);
    expect(cells('therapy-statin-high')).toEqual(['statin intolerance recorded: statin therapy not simulated', 'Not applicable', 'Million Hearts Table 2']);
  });

  it('lists combinations with the relative risks multiplied, and explains the optimal-factor floor', () => {
    render(<TherapyImpactTable impact={impact} />);
    expect(screen.getByRole('columnheader', { name: 'Combinations' })).toBeInTheDocument();
    const row = screen.getByTestId('therapy-statin-moderate+bp-target+stop-smoking');
    expect(within(row).getByRole('rowheader')).toHaveTextContent('Moderate-intensity statin + BP lowering to < 130 mmHg + Stop smoking');
    expect(row).toHaveTextContent('Relative risks multiplied: RR 0.75 × RR 0.40 × RR 0.73');
    expect(cells('therapy-statin-moderate+bp-target+stop-smoking').slice(1, 4)).toEqual(['7.0 %cannot go below the risk with optimal factors, 7.0 %', '13.0', '8']);
    expect(row).toHaveTextContent('Million Hearts Table 2; BP trials; Lee et al.');
    // The single therapies were not floored and say nothing about it.
    expect(screen.getByTestId('therapy-statin-moderate')).not.toHaveTextContent('optimal factors');
  });

  it("shows aspirin's bleeding harm, and says when a therapy gives no reduction", () => {
    const harm = 'major bleeding about 1.5 times as likely (RR 1.54, 95 % CI 1.30–1.82)';
    const withAspirin: TherapyImpact = {
      ...impact,
      baseline: { model: 'prevent', risk: 'cvd_30y', value: 0.05, label: 'PREVENT 30-year total CVD' },
      optimalRisk: 0.05,
      options: [{ id: 'aspirin', label: 'Low-dose aspirin', status: 'available', detail: 'age 55, no bleeding-risk drugs', relativeRisk: 0.9, source: 'Million Hearts Table 2' }],
      projections: [{ therapies: ['aspirin'], label: 'Low-dose aspirin', risk: 0.05, absoluteReduction: 0, numberNeededToTreat: null, floored: true, harm }],
    };
    render(<TherapyImpactTable impact={withAspirin} />);
    expect(screen.getByRole('columnheader', { name: 'Number needed to treat for 30 years' })).toBeInTheDocument();
    const row = screen.getByTestId('therapy-aspirin');
    expect(within(row).getByText(`Harm: ${harm}`)).toBeInTheDocument();
    expect(cells('therapy-aspirin').slice(1, 4)).toEqual(['5.0 %cannot go below the risk with optimal factors, 5.0 %', '0.0', 'none (no reduction)']);
    expect(screen.queryByRole('columnheader', { name: 'Combinations' })).toBeNull();
  });
});
