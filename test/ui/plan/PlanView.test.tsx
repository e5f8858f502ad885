// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { planStorageKey } from '../../../src/store/plan.ts';
import { pceRisk, type RefPce } from '../../risk/reference.ts';
import { loadChart, ownerOf, renderPlan } from './planHarness.tsx';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => sessionStorage.clear());

// Inputs written by hand from sandbox/data/patients.ts; risks from test/risk/reference.ts (independent float64 PCE).
const smokerDiabetic: RefPce = { age: 61, sex: 'male', race: 'white', totalCholesterol: 236, hdl: 36, systolicBP: 152, onBPTreatment: true, smoker: true, diabetes: true };
const ldl190: RefPce = { age: 44, sex: 'male', race: 'black', totalCholesterol: 292, hdl: 46, systolicBP: 126, onBPTreatment: false, smoker: false, diabetes: false };
/** ACC optimal factors (Goff 2013): TC 170, HDL 50, SBP 110 untreated, non-smoker, no diabetes; age, sex, race the patient's. */
const optimal = (p: RefPce): RefPce => ({ ...p, totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: false });

// Million Hearts Table 2 relative risks, worked by hand for smoker-diabetic: SBP 12-month mean (152 + 148) / 2 = 150
// to 130 → 0.65^2; high-intensity statin lowers LDL-C 152 by 50 % = 76 mg/dL = 76 × 0.02586 mmol/L → 0.75^1.965;
// quitting → 0.73.
const RR_BP = 0.65 ** ((150 - 130) / 10);
const RR_STATIN_HIGH_SD = 0.75 ** (152 * 0.5 * 0.02586);
const RR_SMOKING = 0.73;

const percentShown = (el: HTMLElement) => Number(/(\d+\.\d) %/.exec(el.textContent ?? '')?.[1]);
const item = (id: string) => screen.getByTestId(`plan-item-${id}`);
const box = (id: string) => within(item(id)).getByRole('checkbox');
const shownIds = () => within(screen.getByTestId('plan-suggestions')).getAllByRole('listitem').map((li) => li.dataset.testid?.replace('plan-item-', ''));

async function ready(patientId: string) {
  const view = renderPlan(ownerOf(patientId));
  await loadChart(server, patientId);
  await screen.findByTestId('plan-suggestions');
  // The chart has finished loading: no suggestion will still appear or go.
  await waitFor(() => expect(screen.getByRole('heading', { name: /^Suggestions, by expected benefit/ })).not.toHaveTextContent('chart still loading'));
  return view;
}

/** Presses Tab until `target` has focus (at most 300 times): reachable by keyboard alone. */
async function tabTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let i = 0; i < 300 && document.activeElement !== target; i++) await user.tab();
  expect(target).toHaveFocus();
}

describe('PlanView', () => {
  it('smoker-diabetic: suggestions by expected benefit, with class/level, the numbers behind them and the citation', async () => {
    await ready('smoker-diabetic');
    // ARR on the PCE baseline: BP 1 − 0.4225, high statin 1 − 0.568, quitting 1 − 0.73 (both smoking items), aspirin 1 − 0.9;
    // then the ones without a projection by class (I/1/A before IIb) and table order.
    expect(shownIds().slice(0, 5)).toEqual(['bp-intensify-high-risk', 'statin-diabetes-high', 'smoking-counselling', 'smoking-pharmacotherapy', 'aspirin-primary-prevention']);
    expect(shownIds()).toEqual(expect.arrayContaining(['lifestyle-diet', 'lifestyle-weight', 'diabetes-sglt2-ckd', 'diabetes-hba1c-goal']));

    const statin = item('statin-diabetes-high');
    expect(within(statin).getByTestId('plan-strength')).toHaveTextContent('IIa, B-R');
    expect(within(statin).getByTestId('plan-triggers')).toHaveTextContent(/diabetes \(Diabetes mellitus type 2\).*age 61.*current smoker/);
    expect(statin).toHaveTextContent('2018 AHA/ACC/Multisociety cholesterol guideline');
    expect(statin).toHaveTextContent('§4.3 diabetes, recommendation 3');
    expect(within(item('bp-intensify-high-risk')).getByTestId('plan-triggers')).toHaveTextContent('office BP 150/92 mmHg (mean of 2 readings in 12 months)');
    expect(within(item('diabetes-hba1c-goal')).getByTestId('plan-triggers')).toHaveTextContent('HbA1c 8.2 %');
    // Duplicated numbers from merged conditions are shown once.
    expect(within(item('diabetes-sglt2-ckd')).getByTestId('plan-triggers').textContent?.match(/Diabetes mellitus type 2/g)).toHaveLength(1);

    // Aspirin (IIb) asks for a risk discussion: marked; the statin is not.
    expect(within(item('aspirin-primary-prevention')).getByTestId('plan-shared-decision')).toHaveTextContent('Shared decision');
    expect(within(statin).queryByTestId('plan-shared-decision')).toBeNull();

    // Lisinopril is already taken: listed under "not suggested", collapsed with its count.
    const not = screen.getByTestId('plan-not-suggested');
    expect(not).not.toHaveAttribute('open');
    expect(within(not).getByText(/^Not suggested because … \(1\)$/)).toBeInTheDocument();
    expect(screen.getByTestId('plan-not-ckd-ras-a3-or-diabetes:lisinopril')).toHaveTextContent('already takes lisinopril');
    // Nothing ticked yet: the baseline is named.
    expect(screen.getByTestId('plan-impact')).toHaveTextContent(`Tick suggestions to see their combined impact on PCE 10-year ASCVD ${(pceRisk(smokerDiabetic) * 100).toFixed(1)} %`);
  });

  it('the combined impact follows the ticks: relative risks multiplied, one smoking effect however many smoking items', async () => {
    const user = userEvent.setup();
    await ready('smoker-diabetic');
    const baseline = pceRisk(smokerDiabetic);
    await user.click(box('bp-intensify-high-risk'));
    await waitFor(() => expect(percentShown(screen.getByTestId('plan-impact-risk'))).toBeCloseTo(baseline * RR_BP * 100, 0));

    await user.click(box('statin-diabetes-high'));
    await user.click(box('smoking-counselling'));
    const risk = baseline * RR_BP * RR_STATIN_HIGH_SD * RR_SMOKING;
    expect(risk).toBeGreaterThan(pceRisk(optimal(smokerDiabetic))); // not floored
    expect(Math.abs(percentShown(screen.getByTestId('plan-impact-risk')) - risk * 100)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(Number(screen.getByTestId('plan-impact-arr').textContent) - (baseline - risk) * 100)).toBeLessThanOrEqual(0.1);
    expect(Number(screen.getByTestId('plan-impact-nnt').textContent)).toBe(Math.ceil(1 / (baseline - risk)));
    expect(screen.getByTestId('plan-impact-result')).toHaveTextContent('over 10 years');
    expect(screen.getByTestId('plan-impact-result')).toHaveTextContent('PCE 10-year ASCVD from');

    // The medicine to stop smoking acts through the same quitting: counted once, and said so.
    const before = screen.getByTestId('plan-impact-risk').textContent;
    await user.click(box('smoking-pharmacotherapy'));
    expect(screen.getByTestId('plan-impact-risk').textContent).toBe(before);
    expect(screen.getByTestId('plan-impact-uncounted')).toHaveTextContent('Medicine to help stop smoking (counted once, with Advise to quit smoking, with behavioural support)');
    // An item with no relative risk in the table is named as not in the projection.
    await user.click(box('diabetes-sglt2-ckd'));
    expect(screen.getByTestId('plan-impact-uncounted')).toHaveTextContent('SGLT2 inhibitor (diabetes with CKD, eGFR ≥ 20) (no relative risk for it in the therapy table)');

    await user.click(box('bp-intensify-high-risk'));
    const withoutBp = baseline * RR_STATIN_HIGH_SD * RR_SMOKING;
    expect(Math.abs(percentShown(screen.getByTestId('plan-impact-risk')) - withoutBp * 100)).toBeLessThanOrEqual(0.1);
  });

  it('ldl-190: a high-intensity statin would take the risk below the optimal-factor risk, so it stops there', async () => {
    const user = userEvent.setup();
    await ready('ldl-190');
    expect(within(item('statin-ldl-190')).getByTestId('plan-triggers')).toHaveTextContent(/LDL-C 214 mg\/dL \(\d{4}-\d\d-\d\d\)/);
    await user.click(box('statin-ldl-190'));
    // LDL-C 214 lowered 50 %: 107 mg/dL = 2.767 mmol/L, RR 0.75^2.767 = 0.451; 4.3 % × 0.451 is below the floor.
    const floor = pceRisk(optimal(ldl190));
    expect(pceRisk(ldl190) * 0.75 ** (214 * 0.5 * 0.02586)).toBeLessThan(floor);
    const result = await screen.findByTestId('plan-impact-result');
    expect(Math.abs(percentShown(screen.getByTestId('plan-impact-risk')) - floor * 100)).toBeLessThanOrEqual(0.1);
    expect(result).toHaveTextContent('at the floor');
    expect(result).toHaveTextContent('the risk with optimal factors');
  });

  it('ascvd-statin: no new statin (already at high intensity), ezetimibe for LDL-C 70, and no primary-prevention projection', async () => {
    await ready('ascvd-statin');
    expect(shownIds()).toContain('ezetimibe-very-high-risk');
    expect(within(item('ezetimibe-very-high-risk')).getByTestId('plan-triggers')).toHaveTextContent('LDL-C 70 mg/dL');
    expect(shownIds().filter((id) => id?.startsWith('statin-'))).toEqual([]);
    expect(screen.getByTestId('plan-not-statin-secondary-high')).toHaveTextContent('already on atorvastatin 80 mg (high intensity)');
    expect(screen.getByTestId('plan-impact')).toHaveTextContent(/no projection/);
  });

  it('composes a plan by keyboard only: tick, edit dose and timing, add an activity, set goals prefilled from the suggestion', async () => {
    const user = userEvent.setup();
    const { plan } = await ready('smoker-diabetic');

    await tabTo(user, box('statin-diabetes-high'));
    await user.keyboard(' ');
    expect(box('statin-diabetes-high')).toBeChecked();
    // Once ticked, its editor follows in tab order: plan text, patient text, dose, timing.
    const editor = within(item('statin-diabetes-high')).getByRole('group', { name: /^Edit: / });
    const dose = within(editor).getByRole('textbox', { name: 'Dose' });
    expect(dose).toHaveValue('40–80 mg once daily');
    await tabTo(user, dose);
    await user.keyboard('{Control>}a{/Control}40 mg once daily');
    await user.tab();
    expect(within(editor).getByRole('textbox', { name: 'Timing' })).toHaveFocus();
    await user.keyboard('start today, lipids in 6 weeks');

    await tabTo(user, box('smoking-counselling'));
    await user.keyboard(' ');

    const activity = screen.getByRole('textbox', { name: 'Activity' });
    await tabTo(user, activity);
    await user.keyboard('Dietitian referral');
    await user.tab();
    await user.keyboard('within 4 weeks{Enter}');
    expect(screen.getByTestId('plan-added')).toHaveTextContent('Dietitian referral (within 4 weeks)');

    // Goals: the ticked statin's LDL-C goal and the smoking advice's quit date are set, prefilled; BP is offered, unset.
    const ldlGoal = screen.getByTestId('plan-goal-ldl');
    expect(within(ldlGoal).getByRole('checkbox')).toBeChecked();
    expect(within(ldlGoal).getByRole('textbox')).toHaveValue('LDL-C ≥ 50 % lower and < 70 mg/dL (ADA 2025)');
    const bpGoal = screen.getByTestId('plan-goal-bp');
    expect(within(bpGoal).getByRole('checkbox')).not.toBeChecked();
    expect(within(bpGoal).getByRole('textbox')).toHaveValue('BP < 130/80 mmHg');
    const quit = screen.getByTestId('plan-goal-quit-date');
    expect(within(quit).getByRole('checkbox')).toBeChecked();
    expect(quit).toHaveTextContent('Suggested: Quit date agreed with the patient');
    await tabTo(user, within(bpGoal).getByRole('checkbox'));
    await user.keyboard(' ');
    expect(within(bpGoal).getByRole('checkbox')).toBeChecked();

    const d = plan.getState().draft!;
    expect(d.ticked).toEqual(['statin-diabetes-high', 'smoking-counselling']);
    expect(d.edits['statin-diabetes-high']).toEqual({ dose: '40 mg once daily', timing: 'start today, lipids in 6 weeks' });
    expect(d.goals.bp).toEqual({ set: true, text: 'BP < 130/80 mmHg' });
    expect(d.added.map((a) => [a.text, a.timing])).toEqual([['Dietitian referral', 'within 4 weeks']]);
  });

  it('a reload shows the same draft: ticks, edits, activities, goals and draft id', async () => {
    const user = userEvent.setup();
    const first = await ready('smoker-diabetic');
    await user.click(box('statin-diabetes-high'));
    await user.type(within(item('statin-diabetes-high')).getByRole('textbox', { name: 'Timing' }), 'today');
    await user.type(screen.getByRole('textbox', { name: 'Activity' }), 'Foot exam{Enter}');
    const id = screen.getByTestId('plan-draft-id').textContent;
    first.unmount();

    await ready('smoker-diabetic');
    expect(box('statin-diabetes-high')).toBeChecked();
    expect(box('bp-intensify-high-risk')).not.toBeChecked();
    expect(within(item('statin-diabetes-high')).getByRole('textbox', { name: 'Timing' })).toHaveValue('today');
    expect(screen.getByTestId('plan-added')).toHaveTextContent('Foot exam');
    expect(screen.getByTestId('plan-draft-id').textContent).toBe(id);
    expect(screen.queryByTestId('plan-patient-switch')).toBeNull();
  });

  it('a relaunch for another patient in the same tab shows that patient’s own plan and names both', async () => {
    const user = userEvent.setup();
    const first = await ready('smoker-diabetic');
    await user.click(box('statin-diabetes-high'));
    first.unmount();

    await ready('ldl-190');
    const notice = screen.getByTestId('plan-patient-switch');
    expect(notice).toHaveTextContent('this was Robert Kowalski, now Daniel Okonkwo');
    expect(notice).toHaveAttribute('role', 'alert');
    expect(screen.queryByTestId('plan-item-statin-diabetes-high')).toBeNull();
    expect(screen.queryAllByRole('checkbox', { checked: true }).filter((b) => b.closest('[data-testid^="plan-item-"]'))).toEqual([]);
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('plan-patient-switch')).toBeNull();
  });

  it('shows no draft while the chart on screen is another patient’s', async () => {
    // The plan is opened for Daniel but the chart store still holds Robert's chart (a relaunch not yet loaded).
    renderPlan(ownerOf('smoker-diabetic'));
    await loadChart(server, 'smoker-diabetic');
    await screen.findByTestId('plan-suggestions');
    document.body.innerHTML = '';
    renderPlan(ownerOf('ldl-190'));
    expect(await screen.findByText("Opening Daniel Okonkwo's plan…")).toBeInTheDocument();
    expect(screen.queryByTestId('plan-suggestions')).toBeNull();
  });

  it('says what it dropped from a malformed stored draft and keeps the rest', async () => {
    sessionStorage.setItem(planStorageKey(ownerOf('smoker-diabetic')), JSON.stringify({ id: '4fb0ad6c-7a5b-4cae-9d6f-5e6f708192a3', ticked: ['statin-diabetes-high', 3], goals: 'none' }));
    await ready('smoker-diabetic');
    expect(screen.getByTestId('plan-storage-problems')).toHaveTextContent('dropped 1 ticked item that was not an id; dropped the goals (not an object)');
    expect(box('statin-diabetes-high')).toBeChecked();
  });
});

describe('PlanView: patient handout', () => {
  it('opens the print view with the ticked items and the risk with the plan, and calls the browser’s print', async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await ready('smoker-diabetic');
    await user.click(box('smoking-counselling'));
    await user.click(screen.getByRole('button', { name: 'Patient handout' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(document.body).toHaveTextContent('Robert Kowalski');
    expect(document.body).toHaveTextContent('Stop smoking');
    print.mockRestore();
  });
});
