// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FactsPanel } from '../../../src/ui/facts/FactsPanel.tsx';
import { chartStoreConfig, useChartStore } from '../../../src/store/chart.ts';
import { buildFacts } from '../../../src/chart/buildFacts.ts';
import { applyEntries, type Entries } from '../../../src/chart/entries.ts';
import type { SourceState } from '../../../src/fhir/chart-loader/loadChart.ts';
import { bpPanel, chart, NOW, obs, patient, ucum } from '../../chart/fixtures.ts';

const baseFacts = buildFacts(
  chart({ patient: patient('female', '1960-01-01'), observations: [obs('2093-3', ucum(210, 'mg/dL'), { id: 'tc-1', days: 30 }), bpPanel(138, 84, 10), obs('4548-4', ucum(6.1, '%'), { id: 'a1c', days: 400 })] }),
  NOW,
);

const sources: SourceState[] = [
  { id: 'labs', label: 'Laboratory results', resourceType: 'Observation', status: 'loaded', count: 2, pages: 1, truncated: 'stopped after 5 pages; older results were not loaded' },
  { id: 'medicationRequests', label: 'Prescriptions', resourceType: 'MedicationRequest', status: 'failed', count: 0, pages: 0, httpStatus: 500, message: '500: the server had an error — database down' },
  { id: 'vitals', label: 'Vital signs', resourceType: 'Observation', status: 'loading', count: 0, pages: 0 },
];

beforeEach(() => {
  sessionStorage.clear();
  chartStoreConfig.now = () => NOW;
  // The store's own enterFact/clearEntry recompute from outcomes; here facts are seeded directly, so recompute from baseFacts.
  useChartStore.setState({
    patientId: 'p1', sources, outcomes: {}, entries: {}, facts: baseFacts, siteCodeErrors: [],
    enterFact: (key, value) => {
      const entries: Entries = { ...useChartStore.getState().entries, [key]: { value, enteredAt: NOW.toISOString() } };
      useChartStore.setState({ entries, facts: applyEntries(baseFacts, entries, NOW) });
    },
    clearEntry: (key) => {
      const entries: Entries = { ...useChartStore.getState().entries };
      delete entries[key];
      useChartStore.setState({ entries, facts: applyEntries(baseFacts, entries, NOW) });
    },
  });
});

describe('FactsPanel', () => {
  it('shows each input with value, unit, date, source and staleness', () => {
    render(<FactsPanel />);
    expect(screen.getByRole('heading', { name: 'What we used' })).toBeInTheDocument();
    const tc = screen.getByTestId('fact-totalCholesterol');
    expect(tc).toHaveAttribute('data-state', 'known');
    expect(within(tc).getByTestId('fact-totalCholesterol-value')).toHaveTextContent('210 mg/dL');
    expect(within(tc).getByTestId('fact-totalCholesterol-date')).toHaveTextContent(new Date(NOW.getTime() - 30 * 86_400_000).toISOString().slice(0, 10));
    // In words for the physician; the FHIR reference one click away, under "Source details".
    // Recorded as shown, on the row's date, with no test name or performer in the record: nothing to repeat.
    expect(within(tc).queryByTestId('fact-totalCholesterol-recorded')).toBeNull();
    expect(within(tc).getByTestId('fact-totalCholesterol-source')).toHaveTextContent('Observation/tc-1 · http://loinc.org|2093-3 · recorded 210 mg/dL');
    expect(within(tc).getByText('Source details').closest('details')).not.toHaveAttribute('open');
    expect(within(tc).getByTestId('fact-totalCholesterol-status')).toHaveTextContent('fresh (30 days old; fresh ≤ 365 days, old ≤ 1826 days, stale beyond)');
    expect(screen.getByTestId('fact-hba1c-status')).toHaveTextContent('stale');
    expect(screen.getByTestId('fact-hba1c-value')).toHaveTextContent('6.1 %');
    expect(screen.getByTestId('fact-systolicBP-value')).toHaveTextContent('138 mmHg');
    expect(screen.getByTestId('fact-systolicBP-value')).toHaveTextContent('12-month mean 138 mmHg (1 reading)');
    expect(screen.getByTestId('fact-age')).toHaveAttribute('data-origin', 'derived');
    // One statin row; informational rows: no SLCO1B1 result is "not recorded", not a highlighted gap.
    expect(screen.queryByTestId('fact-statin')).toBeNull();
    expect(screen.getByTestId('fact-onStatin-value')).toHaveTextContent('None recorded0 prescriptions or medication statements on file');
    expect(screen.getByTestId('fact-slco1b1')).toHaveAttribute('data-origin', 'not-recorded');
    expect(screen.getByTestId('fact-slco1b1')).not.toHaveClass('fact-missing');
    expect(screen.getByTestId('fact-slco1b1-status')).toHaveTextContent('not recorded');
    expect(screen.queryByTestId('site-code-errors')).toBeNull();
  });

  it('says when the site code file has problems', () => {
    useChartStore.setState({ siteCodeErrors: ['site codes: "observations.cholesterol" is not a known concept'] });
    render(<FactsPanel />);
    expect(screen.getByTestId('site-code-errors')).toHaveTextContent('"observations.cholesterol" is not a known concept');
  });

  it('highlights missing inputs with a labelled field, and an entry is marked entered and can be undone (keyboard only)', async () => {
    const user = userEvent.setup();
    render(<FactsPanel />);
    const hdl = screen.getByTestId('fact-hdl');
    expect(hdl).toHaveAttribute('data-state', 'unknown');
    expect(hdl).toHaveClass('fact-missing');
    expect(within(hdl).getByTestId('fact-hdl-status')).toHaveTextContent('missing');

    const input = screen.getByLabelText('Enter HDL cholesterol (mg/dL)');
    input.focus();
    await user.keyboard('52{Enter}');
    const entered = screen.getByTestId('fact-hdl');
    expect(entered).toHaveAttribute('data-origin', 'entered');
    expect(within(entered).getByTestId('fact-hdl-value')).toHaveTextContent('52 mg/dL');
    expect(within(entered).getByTestId('fact-hdl-status')).toHaveTextContent('entered');

    await user.click(screen.getByRole('button', { name: 'Undo entered HDL cholesterol' }));
    expect(screen.getByTestId('fact-hdl')).toHaveAttribute('data-state', 'unknown');
  });

  it('rejects an out-of-range entry with an alert instead of using it', async () => {
    const user = userEvent.setup();
    render(<FactsPanel />);
    await user.type(screen.getByLabelText('Enter HDL cholesterol (mg/dL)'), '5000{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a number from 5 to 250 mg/dL');
    expect(useChartStore.getState().entries.hdl).toBeUndefined();
  });

  it('lets a chart value be overridden with a choice (diabetes yes/no) by keyboard', async () => {
    const user = userEvent.setup();
    render(<FactsPanel />);
    // No diagnosis, no drug and HbA1c 6.1 %: the chart says "No"; the clinician changes it.
    expect(screen.getByTestId('fact-diabetes-value')).toHaveTextContent('No');
    await user.click(screen.getByRole('button', { name: 'Change Diabetes' }));
    await user.selectOptions(screen.getByLabelText('Enter Diabetes'), 'Yes');
    await user.click(within(screen.getByTestId('fact-diabetes-entry')).getByRole('button', { name: 'Use' }));
    expect(useChartStore.getState().entries.diabetes?.value).toBe(true);
    expect(screen.getByTestId('fact-diabetes-value')).toHaveTextContent('Yes');

    screen.getByRole('button', { name: 'Change Total cholesterol' }).focus();
    await user.keyboard('{Enter}');
    // The field opens focused, so typing goes straight into it; focus returns to Change afterwards.
    expect(screen.getByLabelText('Enter Total cholesterol (mg/dL)')).toHaveFocus();
    await user.keyboard('190{Enter}');
    expect(screen.getByRole('button', { name: 'Change Total cholesterol' })).toHaveFocus();
    expect(screen.getByTestId('fact-totalCholesterol-value')).toHaveTextContent('190 mg/dL');
    expect(screen.getByTestId('fact-totalCholesterol-value')).toHaveTextContent('Chart: 210 mg/dL');
  });

  it('asks for a race that is not recorded, after sex, and shows the entry in words', async () => {
    const user = userEvent.setup();
    render(<FactsPanel />);
    const rows = screen.getAllByRole('row').map((r) => r.getAttribute('data-testid'));
    expect(rows.indexOf('fact-race')).toBe(rows.indexOf('fact-sex') + 1);
    const race = screen.getByTestId('fact-race');
    expect(race).toHaveClass('fact-missing');
    expect(within(race).getByRole('rowheader')).toHaveTextContent('Race (PCE only)');
    expect(race).toHaveTextContent('Missing: race not recorded');
    const field = screen.getByLabelText('Enter Race (PCE only)');
    expect(within(field).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'White', 'Black or African American', 'Other race']);
    await user.selectOptions(field, 'Black or African American');
    await user.click(within(screen.getByTestId('fact-race-entry')).getByRole('button', { name: 'Use' }));
    expect(useChartStore.getState().entries.race?.value).toEqual(['black']);
    expect(screen.getByTestId('fact-race')).toHaveAttribute('data-origin', 'entered');
    expect(screen.getByTestId('fact-race-value')).toHaveTextContent('Black or African American');
  });

  it('shows per-source progress, truncation and failure with a retry button', async () => {
    const retry = vi.fn(async () => {});
    useChartStore.setState({ retrySource: retry });
    const user = userEvent.setup();
    render(<FactsPanel />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading chart: 2 of 3 sources done');
    // One line that expands; the failure is in view without expanding.
    expect(screen.getByTestId('source-medicationRequests')).toBeVisible();
    expect(screen.getByTestId('source-vitals')).not.toBeVisible();
    await user.click(screen.getByRole('button', { name: '3 sources, 1 incomplete' }));
    expect(screen.getByTestId('source-vitals')).toBeVisible();
    expect(screen.getByTestId('source-vitals')).toHaveAttribute('data-status', 'loading');
    expect(screen.getByTestId('source-labs')).toHaveTextContent('incomplete: stopped after 5 pages');
    expect(screen.getByTestId('source-medicationRequests')).toHaveTextContent('500: the server had an error — database down');
    await user.click(screen.getByRole('button', { name: 'Retry Prescriptions' }));
    expect(retry).toHaveBeenCalledWith('medicationRequests');
  });
});

describe('FactsPanel: inputs only some patients need', () => {
  const withEgfr = (egfr: number) =>
    buildFacts(chart({ patient: patient('female', '1960-01-01'), observations: [obs('98979-8', ucum(egfr, 'mL/min/{1.73_m2}'), { id: 'egfr-1', days: 20 })] }), NOW);

  it('does not flag the kidney-failure labs as gaps when eGFR is 60 or more, but still lets them be entered', async () => {
    useChartStore.setState({ facts: withEgfr(84) });
    render(<FactsPanel />);
    const calcium = screen.getByTestId('fact-calcium');
    expect(calcium).toHaveAttribute('data-origin', 'not-needed');
    expect(calcium).not.toHaveClass('fact-missing');
    expect(calcium).toHaveTextContent('Not needed: used only for kidney failure risk in CKD G3–G5; eGFR is 84');
    expect(screen.getByTestId('fact-calcium-status')).toHaveTextContent('not recorded');
    await userEvent.click(screen.getByRole('button', { name: 'Enter Calcium' }));
    expect(screen.getByLabelText('Enter Calcium (mg/dL)')).toHaveFocus();
    expect(screen.getByTestId('fact-ckdStage')).toHaveAttribute('data-origin', 'not-needed');
    // A model input every patient needs stays a flagged gap.
    expect(screen.getByTestId('fact-hdl')).toHaveClass('fact-missing');
  });

  it('flags them as gaps in CKD G3–G5 and when eGFR is unknown', () => {
    useChartStore.setState({ facts: withEgfr(40) });
    const { unmount } = render(<FactsPanel />);
    expect(screen.getByTestId('fact-calcium')).toHaveClass('fact-missing');
    expect(screen.getByTestId('fact-calcium')).toHaveAttribute('data-origin', 'missing');
    unmount();
    useChartStore.setState({ facts: buildFacts(chart({ patient: patient('female', '1960-01-01'), observations: [] }), NOW) });
    render(<FactsPanel />);
    expect(screen.getByTestId('fact-albumin')).toHaveClass('fact-missing');
  });
});
