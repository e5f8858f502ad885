// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TrajectoryChart, type TrajectoryChartPoint } from '../../../src/ui/risk/TrajectoryChart.tsx';

const points: TrajectoryChartPoint[] = [
  { date: '2021-03-01', risk: 0.084, gaps: [], why: 'yearly' },
  { date: '2022-03-01', gaps: ['HDL cholesterol unknown at that date', 'systolic BP 3.2 years old'], why: 'yearly' },
  { date: '2023-06-15', risk: 0.1125, gaps: [], why: 'total cholesterol changed' },
  { date: '2024-03-01', risk: 0.131, gaps: [], why: 'today' },
];

const rowsOf = () =>
  within(screen.getByTestId('trajectory-table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => Array.from(r.children, (c) => c.textContent));

describe('TrajectoryChart', () => {
  it('renders the chart at a fixed width, and the table of date, risk and why as its text alternative', () => {
    const { container } = render(<TrajectoryChart points={points} riskLabel="PREVENT 10-year total CVD" historyFrom="2021-03-01" complete width={800} />);
    expect(screen.getByRole('heading', { name: 'PREVENT 10-year total CVD over time' })).toBeInTheDocument();
    expect(container.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(rowsOf()).toEqual([
      ['2021-03-01', '8.4 %', 'yearly'],
      ['2022-03-01', 'no estimate: HDL cholesterol unknown at that date; systolic BP 3.2 years old', 'yearly'],
      ['2023-06-15', '11.3 %', 'total cholesterol changed'],
      ['2024-03-01', '13.1 %', 'today'],
    ]);
  });

  it('lists the dates with gaps under the chart, grouped by their reasons whatever the age of a stale input', () => {
    const withGaps: TrajectoryChartPoint[] = [
      { date: '2019-03-01', gaps: ['no HDL cholesterol result', 'no systolic BP result'], why: 'yearly' },
      { date: '2020-03-01', gaps: ['no HDL cholesterol result', 'no systolic BP result'], why: 'yearly' },
      ...points,
    ];
    render(<TrajectoryChart points={withGaps} riskLabel="PREVENT 10-year total CVD" complete width={800} />);
    const gaps = screen.getByTestId('trajectory-gaps');
    expect(gaps).toHaveTextContent('3 dates without an estimate (breaks in the line; each date is in the table):');
    expect(within(gaps).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '2 dates, 2019-03-01 to 2020-03-01: no HDL cholesterol result; no systolic BP result',
      '2022-03-01: HDL cholesterol unknown at that date; systolic BP stale',
    ]);
  });

  it('says how far back the history reaches and offers older results when incomplete', async () => {
    const user = userEvent.setup();
    const onLoadOlder = vi.fn();
    const { rerender } = render(<TrajectoryChart points={points} riskLabel="PCE 10-year ASCVD" historyFrom="2021-03-01" complete={false} onLoadOlder={onLoadOlder} width={800} />);
    expect(screen.getByTestId('trajectory-history')).toHaveTextContent('History from 2021-03-01; older results exist that were not loaded.');
    await user.click(screen.getByRole('button', { name: 'Load older results' }));
    expect(onLoadOlder).toHaveBeenCalledTimes(1);
    rerender(<TrajectoryChart points={points} riskLabel="PCE 10-year ASCVD" historyFrom="2021-03-01" complete={false} onLoadOlder={onLoadOlder} loadingOlder width={800} />);
    expect(screen.getByRole('button', { name: 'Loading older results…' })).toBeDisabled();
    rerender(<TrajectoryChart points={points} riskLabel="PCE 10-year ASCVD" historyFrom="2019-01-10" complete width={800} />);
    expect(screen.getByTestId('trajectory-history')).toHaveTextContent('History from 2019-01-10 (all loaded results).');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('hides the plot from assistive technology, which reads the table instead', () => {
    const { container } = render(<TrajectoryChart points={points} riskLabel="PCE 10-year ASCVD" complete width={800} />);
    expect(container.querySelector('.risk-chart-plot')).toHaveAttribute('aria-hidden', 'true');
    // Nothing inside it is in the tab order (the mouse tooltip's tabindex -1 is not), as axe's aria-hidden-focus requires.
    expect(container.querySelector('.risk-chart-plot [tabindex]:not([tabindex="-1"])')).toBeNull();
  });
});
