// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { TherapyImpactTable } from '../../../src/ui/risk/TherapyImpactTable.tsx';
import type { TherapyImpact, TherapyProjection } from '../../../src/risk/viewModel.ts';

// A hand-built impact on a 20 % baseline with a 7 % optimal-factor floor. The projections are worked out by hand:
// statin RR 0.75 → 15 % (ARR 5 points, NNT 1/0.05 = 20); BP RR 0.40 → 8 % (ARR 12, NNT ⌈8.3⌉ = 9); stop smoking
// RR 0.80 → 16 % (ARR 4, NNT 25); statin + smoking: 0.2 × 0.75 × 0.80 = 12 % (ARR 8, NNT ⌈12.5⌉ = 13); all three:
// 0.2 × 0.75 × 0.40 × 0.80 = 4.8 % < 7 %, so raised to 7 % (ARR 13, NNT ⌈7.7⌉ = 8).
// The statin detail is consistent with its RR: 97 mg/dL × 40 % = 38.8 mg/dL = 1.00 mmol/L (÷ 38.67), 0.75^1.00.
const statinDetail = 'LDL-C 97 mg/dL lowered by 40 % to 58 mg/dL: 39 mg/dL (1.00 mmol/L) lower, RR 0.75^1.00 = 0.75';
const all3: TherapyProjection = {
  therapies: ['statin-moderate', 'bp-target', 'stop-smoking'],
  label: 'Moderate-intensity statin + BP lowering to < 130 mmHg + Stop smoking',
  risk: 0.07,
  absoluteReduction: 0.13,
  numberNeededToTreat: 8,
  floored: true,
};
const impact: TherapyImpact = {
  baseline: { model: 'pce', risk: 'ascvd_10y', value: 0.2, label: 'PCE 10-year ASCVD' },
  optimalRisk: 0.07,
  options: [
    { id: 'statin-moderate', label: 'Moderate-intensity statin', status: 'available', detail: statinDetail, relativeRisk: 0.75, source: 'Million Hearts Table 2' },
    { id: 'statin-high', label: 'High-intensity statin', status: 'not-applicable', detail: 'statin intolerance recorded: statin therapy not simulated', relativeRisk: 1, source: 'Million Hearts Table 2' },
    { id: 'bp-target', label: 'BP lowering to < 130 mmHg', status: 'available', detail: 'systolic BP 170 mmHg lowered to 130 mmHg', relativeRisk: 0.4, source: 'BP trials' },
    { id: 'stop-smoking', label: 'Stop smoking', status: 'available', detail: 'current smoker quits: RR 0.80 (overall)', relativeRisk: 0.8, source: 'Lee et al.' },
    { id: 'aspirin', label: 'Low-dose aspirin', status: 'already', detail: 'already takes aspirin', relativeRisk: 1, source: 'Aspirin meta-analysis' },
  ],
  projections: [
    { therapies: ['statin-moderate'], label: 'Moderate-intensity statin', risk: 0.15, absoluteReduction: 0.05, numberNeededToTreat: 20, floored: false },
    { therapies: ['bp-target'], label: 'BP lowering to < 130 mmHg', risk: 0.08, absoluteReduction: 0.12, numberNeededToTreat: 9, floored: false },
    { therapies: ['stop-smoking'], label: 'Stop smoking', risk: 0.16, absoluteReduction: 0.04, numberNeededToTreat: 25, floored: false },
    { therapies: ['statin-moderate', 'stop-smoking'], label: 'Moderate-intensity statin + Stop smoking', risk: 0.12, absoluteReduction: 0.08, numberNeededToTreat: 13, floored: false },
    all3,
  ],
};

const cells = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('cell').map((c) => c.textContent);

describe('TherapyImpactTable', () => {
  it('names the baseline and the horizon, and shows projected risk, ARR in points, NNT and the short assumption with its source number', () => {
    render(<TherapyImpactTable impact={impact} />);
    const table = screen.getByTestId('therapy-impact');
    expect(within(table).getByText(/From the patient's 20.0 % now/)).toHaveTextContent('no projection goes below 7.0 %, the risk with optimal factors');
    expect(within(table).getByRole('columnheader', { name: 'NNT over 10 years' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Projected 10-year risk' })).toBeInTheDocument();
    expect(cells('therapy-statin-moderate')).toEqual(['15.0 %', '5.0', '20', 'LDL-C 97 mg/dL lowered by 40 % to 58 mg/dL [1]']);
    expect(cells('therapy-bp-target')).toEqual(['8.0 %', '12.0', '9', 'systolic BP 170 mmHg lowered to 130 mmHg [2]']);
    expect(cells('therapy-stop-smoking')).toEqual(['16.0 %', '4.0', '25', 'current smoker quits [3]']);
  });

  it('cites each source of a projected therapy once, numbered under the table', () => {
    render(<TherapyImpactTable impact={impact} />);
    const sources = screen.getByRole('list', { name: 'Sources of the relative risks' });
    // The aspirin meta-analysis is not cited: aspirin is already taken, so nothing rests on it.
    expect(within(sources).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Million Hearts Table 2', 'BP trials', 'Lee et al.']);
    expect(screen.getAllByText('Million Hearts Table 2')).toHaveLength(1);
  });

  it('puts the arithmetic of each relative risk one click away', () => {
    render(<TherapyImpactTable impact={impact} />);
    const arithmetic = screen.getByTestId('therapy-arithmetic');
    expect(within(arithmetic).getByText('How the relative risks are worked out')).toBeInTheDocument();
    expect(within(arithmetic).getAllByRole('listitem', { hidden: true }).map((li) => li.textContent)).toEqual([
      'Moderate-intensity statin: 39 mg/dL (1.00 mmol/L) lower, RR 0.75^1.00 = 0.75',
      'Stop smoking: RR 0.80 (overall)',
    ]);
  });

  it('shows therapies already in place and not applicable with their reasons, and no projected figures', () => {
    render(<TherapyImpactTable impact={impact} />);
    expect(cells('therapy-aspirin')).toEqual(['Already in place', 'already takes aspirin']);
    expect(cells('therapy-statin-high')).toEqual(['Not applicable', 'statin intolerance recorded: statin therapy not simulated']);
  });

  it('shows all available therapies together in the table, floored, and the other combinations collapsed', () => {
    render(<TherapyImpactTable impact={impact} />);
    const table = screen.getByTestId('therapy-impact');
    expect(within(table).getByRole('columnheader', { name: 'All available together' })).toBeInTheDocument();
    const row = within(table).getByTestId('therapy-statin-moderate+bp-target+stop-smoking');
    expect(within(row).getByRole('rowheader')).toHaveTextContent('Moderate-intensity statin + BP lowering to < 130 mmHg + Stop smoking');
    expect(cells('therapy-statin-moderate+bp-target+stop-smoking')).toEqual(['7.0 % (at the floor)', '13.0', '8', 'Relative risks multiplied: RR 0.75 × RR 0.40 × RR 0.80 [1, 2, 3]']);
    expect(within(table).queryByTestId('therapy-statin-moderate+stop-smoking')).toBeNull();
    const others = screen.getByTestId('therapy-other-combinations');
    expect(others.tagName).toBe('DETAILS');
    expect(others).not.toHaveAttribute('open');
    expect(within(others).getByText('Other combinations (1)')).toBeInTheDocument();
    expect(cells('therapy-statin-moderate+stop-smoking')).toEqual(['12.0 %', '8.0', '13', 'Relative risks multiplied: RR 0.75 × RR 0.80 [1, 3]']);
    // The single therapies were not floored and say nothing about it.
    expect(screen.getByTestId('therapy-statin-moderate')).not.toHaveTextContent('floor');
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
    expect(screen.getByRole('columnheader', { name: 'NNT over 30 years' })).toBeInTheDocument();
    const row = screen.getByTestId('therapy-aspirin');
    expect(within(row).getByText(`Harm: ${harm}`)).toBeInTheDocument();
    expect(cells('therapy-aspirin').slice(0, 3)).toEqual(['5.0 % (at the floor)', '0.0', 'none (no reduction)']);
    expect(screen.queryByRole('columnheader', { name: 'All available together' })).toBeNull();
    expect(screen.queryByTestId('therapy-other-combinations')).toBeNull();
  });
});
