// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { ckdEpi2021 as labEgfr } from '../../../sandbox/data/egfr.ts';
import { startChartLoad, useChartStore } from '../../../src/store/chart.ts';
import { createRiskStore } from '../../../src/store/risk.ts';
import { RiskView } from '../../../src/ui/risk/RiskView.tsx';
import { RiskStoreContext } from '../../../src/ui/risk/riskStoreContext.ts';
import { fakeEhr, fetchRequester } from '../../fhir/fakeEhr.ts';
import { kfreRisk, pceRisk, preventRisk, type RefPce, type RefPrevent } from '../../risk/reference.ts';
import { engineClient, NOW, patientResources, type TestClient } from './riskHarness.ts';

// jsdom has no modal dialogs; this stands in for the browser's showModal/close (open attribute and close event).
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
  this.dispatchEvent(new Event('close'));
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderView(client: TestClient = engineClient()) {
  const store = createRiskStore({ client, chart: useChartStore, kfreRegion: 'north-america', now: () => NOW });
  render(
    <RiskStoreContext.Provider value={store}>
      <RiskView />
    </RiskStoreContext.Provider>,
  );
  return { client, store };
}

async function load(patientId: string): Promise<void> {
  server.use(...fakeEhr({ resources: patientResources(patientId) }));
  await act(() => startChartLoad(fetchRequester, patientId));
}

/** The number shown in a risk element, in percent. */
function shown(testId: string): number {
  const m = /^(\d+\.\d) %$/.exec(screen.getByTestId(testId).textContent ?? '');
  if (!m) throw new Error(`${testId}: "${screen.getByTestId(testId).textContent}" is not "d.d %"`);
  return Number(m[1]);
}
const percent1 = (fraction: number) => Number((fraction * 100).toFixed(1));

// Inputs written by hand from sandbox/data/patients.ts; expected risks from test/risk/reference.ts (float64, independent of src/risk).
const smokerDiabetic: RefPce = { age: 61, sex: 'male', race: 'white', totalCholesterol: 236, hdl: 36, systolicBP: 152, onBPTreatment: true, smoker: true, diabetes: true };

describe('RiskView', () => {
  it('smoker-diabetic: PCE with its category in words, PREVENT full model with why, each equal to the published equations', async () => {
    renderView();
    await load('smoker-diabetic');
    await screen.findByTestId('risk-pce-ascvd10');
    const prevent: RefPrevent = { ...smokerDiabetic, onStatin: false, bmi: 31.9, egfr: labEgfr(1.02, 61, 'male'), uacr: 42, hba1c: 8.2 };
    expect(shown('risk-pce-ascvd10')).toBe(percent1(pceRisk(smokerDiabetic)));
    expect(shown('risk-prevent-cvd10')).toBe(percent1(preventRisk(prevent, 'cvd', 10)));
    expect(shown('risk-prevent-ascvd10')).toBe(percent1(preventRisk(prevent, 'ascvd', 10)));
    expect(shown('risk-prevent-hf10')).toBe(percent1(preventRisk(prevent, 'hf', 10)));
    // Age 61: no 30-year risks (Khan 2024 gives them for 30–59).
    expect(screen.queryByTestId('risk-prevent-cvd30')).toBeNull();
    expect(pceRisk(smokerDiabetic)).toBeGreaterThanOrEqual(0.2);
    expect(screen.getByTestId('risk-pce-category')).toHaveTextContent(/^High \(≥ 20 %\)$/);
    expect(screen.getByTestId('risk-prevent-model')).toHaveTextContent('full (+UACR, +HbA1c)');
    expect(screen.getByTestId('risk-prevent-model')).toHaveTextContent(/UACR 42 mg\/g and HbA1c 8\.2 % known/);
    // No CKD G3–G5 (eGFR from creatinine 1.02 is about 83): no KFRE numbers.
    expect(screen.queryByTestId('risk-kfre-2y')).toBeNull();
    // Based on: one line counting the inputs (chart: sex, race, TC, HDL, SBP, BP treatment, smoking, diabetes, eGFR,
    // BMI, HbA1c, UACR; derived: age, statin use, prior ASCVD), opening into each value, date and resource.
    expect(screen.getByTestId('risk-inputs-summary')).toHaveTextContent(/^Based on 12 chart values, newest \d{4}-\d\d-\d\d, oldest \d{4}-\d\d-\d\d; 3 derived; 0 entered; 0 stale$/);
    expect(screen.getByTestId('risk-inputs-summary').closest('details')).not.toHaveAttribute('open');
    // The KFRE 8-variable labs are not gaps without CKD G3–G5: named apart, not as unknown rows.
    expect(screen.queryByTestId('risk-input-calcium')).toBeNull();
    expect(screen.getByTestId('risk-inputs-not-needed')).toHaveTextContent('calcium unknown, phosphate unknown, bicarbonate unknown, albumin unknown');
    const sbp = screen.getByTestId('risk-input-systolicBP');
    expect(sbp).toHaveTextContent('152 mmHg');
    expect(within(sbp).getByText(/^Observation\//)).toBeInTheDocument();
    expect(screen.getByTestId('risk-input-egfr')).toHaveAttribute('data-origin', 'chart');
    // The first number on screen set the bench's mark once.
    expect(performance.getEntriesByName('tailor:first-risk', 'mark')).toHaveLength(1);
    expect(performance.getEntriesByName('tailor:risk-view-ready', 'mark')).toHaveLength(1);
  });

  it('opens the model card as a dialog with its HTI-1 attributes and returns focus to its button', async () => {
    const user = userEvent.setup();
    renderView();
    await load('smoker-diabetic');
    const card = await screen.findByTestId('risk-card-pce');
    const button = within(card).getByRole('button', { name: /Model card/ });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: /Pooled Cohort Equations/ });
    await within(dialog).findByText('Developer', { selector: 'dt' });
    for (const term of ['Developer', 'Funding', 'Intended use', 'Intended users', 'Out-of-scope uses', 'Population', 'Development data', 'Validation and performance', 'Fairness', 'Updates and monitoring', 'Valid ranges']) {
      expect(within(dialog).getByText(term, { selector: 'dt' })).toBeInTheDocument();
    }
    expect(dialog).toHaveTextContent('Goff DC Jr');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('age-35: the PCE says why it gives no number; PREVENT shows 10- and 30-year risks; therapy starts from PREVENT', async () => {
    renderView();
    await load('age-35');
    await screen.findByTestId('risk-pce-na');
    expect(screen.getByTestId('risk-pce-na')).toHaveTextContent(/ages 40.79; this patient is 35/);
    const prevent: RefPrevent = {
      age: 35, sex: 'male', totalCholesterol: 204, hdl: 47, systolicBP: 124, onBPTreatment: false, onStatin: false, smoker: false, diabetes: false,
      bmi: 26.1, egfr: labEgfr(1.0, 35, 'male'), hba1c: 5.2,
    };
    expect(shown('risk-prevent-cvd10')).toBe(percent1(preventRisk(prevent, 'cvd', 10)));
    expect(shown('risk-prevent-cvd30')).toBe(percent1(preventRisk(prevent, 'cvd', 30)));
    expect(shown('risk-prevent-hf30')).toBe(percent1(preventRisk(prevent, 'hf', 30)));
    expect(screen.getByTestId('risk-prevent-model')).toHaveTextContent('+HbA1c');
    expect(await screen.findByTestId('therapy-table')).toHaveTextContent('PREVENT 10-year ASCVD');
  });

  it('stale-missing: names what is missing, and entering it from the risk view makes the number appear', async () => {
    const user = userEvent.setup();
    renderView();
    await load('stale-missing');
    const na = await screen.findByTestId('risk-pce-na');
    expect(na).toHaveTextContent(/HDL cholesterol unknown/);
    expect(na).toHaveTextContent(/race unknown/);
    expect(screen.getByTestId('risk-prevent-na')).toHaveTextContent(/HDL cholesterol unknown/);
    expect(screen.getByTestId('risk-inputs-summary')).toHaveTextContent(/unknown: .*HDL cholesterol/);

    await user.click((await screen.findAllByTestId('risk-enter-hdl'))[0]!);
    await user.type(screen.getByLabelText(/Enter HDL cholesterol/), '55');
    await user.click(screen.getByRole('button', { name: 'Use' }));
    await user.click(screen.getAllByTestId('risk-enter-smoker')[0]!);
    await user.selectOptions(screen.getByLabelText(/Enter Current smoker/), 'No');
    await user.click(screen.getByRole('button', { name: 'Use' }));
    await user.click(screen.getAllByTestId('risk-enter-race')[0]!);
    await user.selectOptions(screen.getByLabelText(/Enter Race/), 'White');
    await user.click(screen.getByRole('button', { name: 'Use' }));

    await screen.findByTestId('risk-pce-ascvd10');
    // Age 58 female; TC 215 and SBP 134 from the (stale) chart; no BP treatment or diabetes recorded in the loaded chart.
    expect(shown('risk-pce-ascvd10')).toBe(percent1(pceRisk({ age: 58, sex: 'female', race: 'white', totalCholesterol: 215, hdl: 55, systolicBP: 134, onBPTreatment: false, smoker: false, diabetes: false })));
    expect(screen.getByTestId('risk-input-hdl')).toHaveAttribute('data-origin', 'entered');
    expect(screen.getByTestId('risk-input-hdl')).toHaveTextContent('entered by clinician');
  });

  it('ckd-3b: KFRE 2- and 5-year from the 4-variable equation, saying why not the 8-variable one', async () => {
    renderView();
    await load('ckd-3b');
    await screen.findByTestId('risk-kfre-2y');
    // CKD-EPI 2021 from creatinine 1.35 mg/dL, female, 68 (Inker 2021), unrounded as the app derives it.
    const egfr = 142 * (1.35 / 0.7) ** -1.2 * 0.9938 ** 68 * 1.012;
    expect(shown('risk-kfre-2y')).toBe(percent1(kfreRisk('kfre4', { age: 68, sex: 'female', egfr, uacr: 85 }, 'north-america', 2)));
    expect(shown('risk-kfre-5y')).toBe(percent1(kfreRisk('kfre4', { age: 68, sex: 'female', egfr, uacr: 85 }, 'north-america', 5)));
    expect(screen.getByTestId('risk-kfre-model')).toHaveTextContent('4-variable');
    expect(screen.getByTestId('risk-kfre8-na')).toHaveTextContent(/calcium/);
    expect(screen.getByTestId('risk-input-egfr')).toHaveAttribute('data-origin', 'derived');
  });

  it('puts therapy impact, drivers, course and what-if in one tab set, by keyboard as the WAI-ARIA tabs pattern', async () => {
    const user = userEvent.setup();
    renderView();
    await load('smoker-diabetic');
    const tablist = await screen.findByRole('tablist', { name: 'Explain the risk' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Therapy impact', 'Drivers', 'Over time', 'What if']);
    // A PCE number to project on: therapy impact opens first, and it is the only panel shown.
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
    expect(await screen.findByTestId('therapy-impact', {}, { timeout: 5000 })).toBeInTheDocument();
    // One tab stop; arrows move and select (wrapping), Home and End go to the ends.
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    tabs[0]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(tabs[1]).toHaveFocus();
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('drivers-sentence', {}, { timeout: 10_000 })).toHaveTextContent(/adds most/);
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Drivers');
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(tabs[3]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(tabs[3]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
  });

  it('a what-if move by keyboard re-scores beside the current risk, and the course over time is drawn', async () => {
    const user = userEvent.setup();
    renderView();
    await load('smoker-diabetic');
    await user.click(await screen.findByRole('tab', { name: 'What if' }));
    const slider = within(await screen.findByTestId('what-if-control-systolicBP', {}, { timeout: 5000 })).getByRole('slider');
    slider.focus();
    for (let i = 0; i < 20; i++) await user.keyboard('{ArrowLeft}');
    const row = await screen.findByTestId('what-if-PCE 10-year ASCVD');
    const expected = `${percent1(pceRisk({ ...smokerDiabetic, systolicBP: 132 }))} %`;
    await within(row).findByText(expected, {}, { timeout: 3000 });
    expect(row).toHaveTextContent(`${percent1(pceRisk(smokerDiabetic))} %`);
    // The chart's current risk is unchanged: the what-if is beside it, not instead of it.
    expect(shown('risk-pce-ascvd10')).toBe(percent1(pceRisk(smokerDiabetic)));
    await user.click(screen.getByRole('tab', { name: 'Over time' }));
    expect(await screen.findByTestId('trajectory-chart', {}, { timeout: 10_000 })).toHaveTextContent('PREVENT 10-year total CVD over time');
    // Back on What if, the sliders kept the move.
    await user.click(screen.getByRole('tab', { name: 'What if' }));
    expect(within(screen.getByTestId('what-if-control-systolicBP')).getByRole('slider')).toHaveAttribute('aria-valuetext', '132 mmHg');
  });

  it('ascvd-statin: no number to project therapies on, so the drivers tab opens first', async () => {
    renderView();
    await load('ascvd-statin');
    await screen.findByTestId('risk-pce-na');
    expect(screen.getByRole('tab', { name: 'Drivers' })).toHaveAttribute('aria-selected', 'true');
  });

  it('switching patient clears the results at once, before the new patient’s answers', async () => {
    const client = engineClient();
    renderView(client);
    await load('smoker-diabetic');
    await screen.findByTestId('risk-pce-ascvd10');
    client.hold();
    server.use(...fakeEhr({ resources: patientResources('age-35') }));
    let next: Promise<void> | undefined;
    act(() => {
      next = startChartLoad(fetchRequester, 'age-35');
    });
    expect(screen.queryByTestId('risk-pce-ascvd10')).toBeNull();
    expect(screen.queryByTestId('risk-prevent-cvd10')).toBeNull();
    await act(() => next);
    await act(() => client.release());
    expect(await screen.findByTestId('risk-pce-na')).toHaveTextContent(/this patient is 35/);
  });
});
