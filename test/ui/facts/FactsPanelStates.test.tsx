// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FactsPanel } from '../../../src/ui/facts/FactsPanel.tsx';
import { PANEL_ROWS } from '../../../src/ui/facts/factFormat.ts';
import { chartStoreConfig, useChartStore } from '../../../src/store/chart.ts';
import { buildFacts } from '../../../src/chart/buildFacts.ts';
import type { RecordGap, RecordKind } from '../../../src/chart/types.ts';
import type { SourceState } from '../../../src/fhir/chart-loader/loadChart.ts';
import type { SourceId } from '../../../src/fhir/chart-loader/searchPlan.ts';
import { chart, EMPTY, NOW, obs, patient, ucum } from './statesFixtures.ts';

const KINDS: Record<RecordKind, SourceId> = {
  patient: 'patient', laboratory: 'labs', 'vital-signs': 'vitals', 'social-history': 'social', genomics: 'genomics',
  conditions: 'conditions', medications: 'medicationRequests', allergies: 'allergies', familyHistory: 'familyHistory',
};
const every = (gap: RecordGap) => Object.fromEntries(Object.keys(KINDS).map((k) => [k, gap])) as Record<RecordKind, RecordGap>;
const NOTHING_LOADED = { loaded: { patient: false, conditions: false, medications: false, allergies: false, familyHistory: false } };
const state = (id: SourceId, status: SourceState['status']): SourceState => ({ id, label: id, resourceType: 'X', status, count: 0, pages: 0 });

function show(gaps: Partial<Record<RecordKind, RecordGap>>, status: SourceState['status'], parts = EMPTY) {
  const facts = buildFacts(chart({ ...parts, gaps }), NOW);
  useChartStore.setState({ facts, sources: Object.values(KINDS).map((id) => state(id, status)), entries: {}, siteCodeErrors: [] });
  return render(<FactsPanel />);
}

beforeEach(() => {
  sessionStorage.clear();
  chartStoreConfig.now = () => NOW;
});

describe('FactsPanel: loading, failed and none recorded, for every kind of fact', () => {
  it('while every record loads, every row says loading, offers no entry and never says missing', () => {
    show(every('loading'), 'loading', NOTHING_LOADED);
    for (const row of PANEL_ROWS) {
      const tr = screen.getByTestId(`fact-${row.key}`);
      expect(tr, row.key).toHaveAttribute('data-origin', 'loading');
      expect(tr, row.key).not.toHaveTextContent(/missing/i);
      expect(within(tr).queryByRole('textbox'), row.key).toBeNull();
      expect(within(tr).queryByRole('spinbutton'), row.key).toBeNull();
      expect(within(tr).queryByRole('combobox'), row.key).toBeNull();
      expect(within(tr).queryByRole('button', { name: /^(Enter|Change) / }), row.key).toBeNull();
    }
    expect(screen.getByTestId('fact-hdl-value')).toHaveTextContent('Loading laboratory results…');
    expect(screen.getByTestId('fact-systolicBP-value')).toHaveTextContent('Loading vital signs…');
    expect(screen.getByTestId('fact-age-value')).toHaveTextContent('Loading patient demographics…');
    expect(screen.getByTestId('fact-ascvd-value')).toHaveTextContent('Loading problems and diagnoses…');
    expect(screen.getByTestId('fact-onStatin-value')).toHaveTextContent('Loading medications…');
    expect(screen.getByTestId('fact-diabetes-value')).toHaveTextContent('Loading problems and diagnoses and medications and laboratory results…');
    expect(screen.getByTestId('fact-smoker-value')).toHaveTextContent('Loading social history…');
    expect(screen.getByTestId('fact-slco1b1-value')).toHaveTextContent('Loading genomic results…');
    expect(screen.getByTestId('fact-drugAllergies-value')).toHaveTextContent('Loading allergies…');
    expect(screen.getByTestId('fact-familyHistoryPrematureAscvd-value')).toHaveTextContent('Loading family history…');
    expect(screen.getByTestId('fact-hdl-status')).toHaveTextContent('loading');
    expect(screen.queryByTestId('facts-missing-summary')).toBeNull();
  });

  it('after every record failed, every row says which records failed, with Retry, and never says missing', async () => {
    const retry = vi.fn(async () => {});
    useChartStore.setState({ retrySource: retry });
    show(every('failed'), 'failed', NOTHING_LOADED);
    for (const row of PANEL_ROWS) {
      const tr = screen.getByTestId(`fact-${row.key}`);
      expect(tr, row.key).toHaveAttribute('data-origin', 'failed');
      expect(tr, row.key).not.toHaveTextContent(/missing/i);
      expect(within(tr).getByTestId(`fact-${row.key}-value`), row.key).toHaveTextContent(/failed to load — Retry/);
      expect(within(tr).getByTestId(`fact-${row.key}-status`), row.key).toHaveTextContent('failed');
    }
    expect(screen.getByTestId('fact-hdl-value')).toHaveTextContent('laboratory results failed to load — Retry');
    expect(screen.getByTestId('fact-ascvd-value')).toHaveTextContent('problems and diagnoses failed to load — Retry');
    expect(screen.getByTestId('fact-onBPTreatment-value')).toHaveTextContent('medications failed to load — Retry');
    await userEvent.click(within(screen.getByTestId('fact-hdl')).getByRole('button', { name: 'Retry loading laboratory results' }));
    expect(retry.mock.calls).toEqual([['labs']]);
  });

  it('a failure of one kind leaves the others as they are: labs failed, the loaded vital signs still shown', () => {
    show({ laboratory: 'failed' }, 'loaded', { ...EMPTY, observations: [obs('8480-6', ucum(142, 'mm[Hg]'), { id: 'sbp' })] });
    expect(screen.getByTestId('fact-systolicBP-value')).toHaveTextContent('142 mmHg');
    expect(screen.getByTestId('fact-hdl')).toHaveAttribute('data-origin', 'failed');
    // Diabetes' "no" would rest on a HbA1c that could not be read: failed, not "No".
    expect(screen.getByTestId('fact-diabetes')).toHaveAttribute('data-origin', 'failed');
    expect(screen.getByTestId('fact-ascvd')).toHaveAttribute('data-origin', 'none-recorded');
  });

  it('with empty lists, conditions, medications, allergies and family history read "None recorded" with the list size, and can be confirmed', async () => {
    const enter = vi.fn();
    useChartStore.setState({ enterFact: enter });
    show({}, 'loaded', { ...EMPTY, familyHistory: [] });
    for (const [key, text] of [
      ['ascvd', 'None recorded0 problems or diagnoses on file'],
      ['diabetes', 'None recorded0 problems or diagnoses on file, 0 prescriptions or medication statements on file'],
      ['onBPTreatment', 'None recorded0 prescriptions or medication statements on file'],
      ['onStatin', 'None recorded0 prescriptions or medication statements on file'],
      ['statinIntolerance', 'None recorded0 allergy records on file'],
      ['drugAllergies', 'None recorded0 allergy records on file'],
    ] as const) {
      expect(screen.getByTestId(`fact-${key}`), key).toHaveAttribute('data-origin', 'none-recorded');
      expect(screen.getByTestId(`fact-${key}-value`), key).toHaveTextContent(text);
      expect(screen.getByTestId(`fact-${key}-status`), key).toHaveTextContent('none recorded');
      expect(screen.getByTestId(`fact-${key}-value`), key).not.toHaveTextContent(/^No(?!ne)/);
    }
    // No family history at all is unknown (nothing to rest a "no" on), not "none recorded".
    expect(screen.getByTestId('fact-familyHistoryPrematureAscvd')).toHaveAttribute('data-origin', 'missing');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm no Established ASCVD' }));
    expect(enter).toHaveBeenCalledWith('ascvd', false);
  });

  it('a "No" backed by a result is a plain No, not "none recorded"', () => {
    show({}, 'loaded', { ...EMPTY, observations: [obs('4548-4', ucum(5.4, '%'), { id: 'a1c', days: 30 })] });
    expect(screen.getByTestId('fact-diabetes')).toHaveAttribute('data-origin', 'derived');
    expect(screen.getByTestId('fact-diabetes-value')).toHaveTextContent(/^No/);
    expect(screen.getByTestId('fact-diabetes-recorded')).toHaveTextContent('5.4 %');
  });

  it('a missing input says which model needs it; values no applicable model needs are folded into "Other values"', () => {
    show({}, 'loaded', { ...EMPTY, observations: [obs('98979-8', ucum(84, 'mL/min/{1.73_m2}'), { id: 'egfr', days: 20 })] });
    expect(screen.getByTestId('fact-hdl-value')).toHaveTextContent('Needed by PCE, PREVENT');
    expect(screen.getByTestId('facts-missing-summary')).toHaveTextContent('HDL cholesterol (PCE, PREVENT)');
    const other = screen.getByTestId('facts-other');
    expect(other).not.toHaveAttribute('open');
    for (const key of ['calcium', 'phosphate', 'bicarbonate', 'albumin', 'ckdStage']) expect(within(other).getByTestId(`fact-${key}`), key).toBeInTheDocument();
    expect(within(other).queryByTestId('fact-hdl')).toBeNull();
  });

  it('an entered value has its own badge and no staleness', async () => {
    show({}, 'loaded', { ...EMPTY, patient: patient('female', '1960-01-01') });
    useChartStore.setState({ facts: { ...useChartStore.getState().facts, hdl: { state: 'known', origin: 'entered', value: { value: 52, unit: 'mg/dL' }, enteredAt: NOW.toISOString(), date: NOW.toISOString(), sources: [], rejected: [], replaces: { state: 'unknown', reason: 'no HDL cholesterol result', rejected: [], sources: [] } } } });
    expect(await screen.findByText('52 mg/dL')).toBeInTheDocument();
    expect(screen.getByTestId('fact-hdl-status').textContent).toBe('entered');
  });
});

describe('FactsPanel: UACR outside CKD G3–G5', () => {
  it('an unknown UACR with eGFR ≥ 60 is not a gap (PREVENT takes it optionally, the KFRE does not apply); a known one stays among the values used', () => {
    show({}, 'loaded', { ...EMPTY, observations: [obs('98979-8', ucum(84, 'mL/min/{1.73_m2}'), { id: 'egfr', days: 20 })] });
    const other = screen.getByTestId('facts-other');
    expect(within(other).getByTestId('fact-uacr')).toHaveTextContent('Not needed: optional for PREVENT; used only for kidney failure risk in CKD G3–G5; eGFR is 84');
    expect(screen.getByTestId('facts-missing-summary')).not.toHaveTextContent('Urine');
  });
});
