// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { DriversChart } from '../../../src/ui/risk/DriversChart.tsx';
import type { Driver } from '../../../src/risk/drivers.ts';

// Hand-made contributions (linear-predictor scale), largest first as drivers() orders them.
const drivers: Driver[] = [
  { input: 'systolicBP', label: 'systolic BP', value: '162 mmHg', reference: '110 mmHg', phrase: 'systolic BP 162 mmHg', referencePhrase: 'systolic BP 110 mmHg', contribution: 0.624, direction: 'raises' },
  { input: 'smoker', label: 'current smoking', value: 'yes', reference: 'no', phrase: 'smoking', referencePhrase: 'not smoking', contribution: 0.318, direction: 'raises' },
  { input: 'totalCholesterol', label: 'total cholesterol', value: '150 mg/dL', reference: '170 mg/dL', phrase: 'total cholesterol 150 mg/dL', referencePhrase: 'total cholesterol 170 mg/dL', contribution: -0.115, direction: 'lowers' },
];
const sentence = 'Systolic BP 162 mmHg adds most; smoking also raises the risk; total cholesterol 150 mg/dL lowers it (against the reference profile: systolic BP 110 mmHg, not smoking, total cholesterol 170 mg/dL).';
const reference = 'Age 55, total cholesterol 170 mg/dL, HDL 50 mg/dL, SBP 110 mmHg untreated, non-smoker, no diabetes.';

describe('DriversChart', () => {
  it('puts the sentence first, then the chart, and gives each driver with value, reference, direction in words and signed contribution', () => {
    const { container } = render(<DriversChart drivers={drivers} sentence={sentence} riskLabel="PCE 10-year ASCVD" referenceDescription={reference} width={800} />);
    const section = screen.getByTestId('drivers');
    expect(screen.getByRole('heading', { name: 'What drives the PCE 10-year ASCVD' })).toBeInTheDocument();
    const sentenceEl = screen.getByTestId('drivers-sentence');
    expect(sentenceEl).toHaveTextContent(sentence);
    // The sentence comes before the plot in reading order.
    const plot = container.querySelector('.risk-chart-plot');
    expect(plot).not.toBeNull();
    expect(sentenceEl.compareDocumentPosition(plot as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(plot?.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(section).toHaveTextContent(`Bars right of zero raise the risk, bars left of zero lower it, on the model's linear-predictor scale (log odds or log hazard), against the reference profile: ${reference}`);
    const rows = within(screen.getByTestId('drivers-table'))
      .getAllByRole('row')
      .slice(1)
      .map((r) => Array.from(r.children, (c) => c.textContent));
    expect(rows).toEqual([
      ['Systolic BP', '162 mmHg', '110 mmHg', 'raises', '+0.62'],
      ['Current smoking', 'yes', 'no', 'raises', '+0.32'],
      ['Total cholesterol', '150 mg/dL', '170 mg/dL', 'lowers', '\u22120.12'],
    ]);
  });

  it('shows only the sentence when no input moves the risk', () => {
    render(<DriversChart drivers={[]} sentence="No input moves the risk away from the reference profile." riskLabel="PCE 10-year ASCVD" referenceDescription={reference} width={800} />);
    expect(screen.getByTestId('drivers-sentence')).toHaveTextContent('No input moves the risk away from the reference profile.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
