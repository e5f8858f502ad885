// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WhatIfPanel, type WhatIfPanelProps } from '../../../src/ui/risk/WhatIfPanel.tsx';
import type { RiskInputs } from '../../../src/risk/types.ts';

// No HbA1c, BMI, eGFR or UACR in this chart: the panel must not offer them (an unknown is never invented).
const base: RiskInputs = { age: 60, sex: 'male', race: 'white', systolicBP: 150, totalCholesterol: 210, hdl: 45, smoker: true, onBPTreatment: false, onStatin: false, diabetes: false };
const current = [{ label: 'PCE 10-year ASCVD', value: 0.123 }];

function renderPanel(props: Partial<WhatIfPanelProps> = {}) {
  const onChange = vi.fn<(inputs: RiskInputs) => void>();
  const view = render(<WhatIfPanel base={base} current={current} whatIf={null} onChange={onChange} {...props} />);
  return { onChange, ...view };
}
const lastInputs = (onChange: ReturnType<typeof vi.fn<(inputs: RiskInputs) => void>>) => onChange.mock.lastCall?.[0];

describe('WhatIfPanel', () => {
  it('offers a slider per known modifiable input, labelled with its unit and spanning the models’ valid range, and a switch per known yes/no input', () => {
    renderPanel();
    const sbp = screen.getByRole('slider', { name: 'Systolic BP (mmHg)' });
    // PCE and PREVENT both accept SBP 90–200 mmHg (pce.ts, prevent.ts RangeRules).
    expect(sbp).toHaveAttribute('min', '90');
    expect(sbp).toHaveAttribute('max', '200');
    expect(sbp).toHaveAttribute('aria-valuetext', '150 mmHg');
    expect(screen.getByRole('slider', { name: 'Total cholesterol (mg/dL)' })).toHaveAttribute('min', '130');
    expect(screen.getByRole('slider', { name: 'HDL cholesterol (mg/dL)' })).toHaveAttribute('max', '100');
    expect(screen.getAllByRole('slider')).toHaveLength(3);
    expect(screen.getByRole('checkbox', { name: 'Current smoking' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'BP treatment' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Statin use' })).not.toBeChecked();
    expect(screen.queryByRole('slider', { name: /HbA1c/ })).toBeNull();
  });

  it('moves a slider by one step per arrow key, ten per Page key, to the ends with Home/End, and calls onChange each time', async () => {
    const user = userEvent.setup();
    const { onChange } = renderPanel();
    const sbp = screen.getByRole('slider', { name: 'Systolic BP (mmHg)' });
    sbp.focus();
    await user.keyboard('{ArrowDown}');
    expect(lastInputs(onChange)).toEqual({ ...base, systolicBP: 149 });
    expect(within(screen.getByTestId('what-if-control-systolicBP')).getByText('149 mmHg')).toBeInTheDocument();
    expect(screen.getByTestId('what-if-control-systolicBP')).toHaveTextContent('chart: 150 mmHg');
    await user.keyboard('{PageDown}');
    expect(lastInputs(onChange)?.systolicBP).toBe(139);
    await user.keyboard('{ArrowUp}{ArrowRight}');
    expect(lastInputs(onChange)?.systolicBP).toBe(141);
    await user.keyboard('{Home}');
    expect(lastInputs(onChange)?.systolicBP).toBe(90);
    await user.keyboard('{End}');
    expect(lastInputs(onChange)?.systolicBP).toBe(200);
    expect(onChange).toHaveBeenCalledTimes(6);
  });

  it('passes a dragged value through on the input event, keeping the other moves', async () => {
    const user = userEvent.setup();
    const { onChange } = renderPanel();
    await user.click(screen.getByRole('checkbox', { name: 'Current smoking' }));
    expect(lastInputs(onChange)).toEqual({ ...base, smoker: false });
    fireEvent.change(screen.getByRole('slider', { name: 'HDL cholesterol (mg/dL)' }), { target: { value: '62' } });
    expect(lastInputs(onChange)).toEqual({ ...base, smoker: false, hdl: 62 });
  });

  it('resets every control to the chart values', async () => {
    const user = userEvent.setup();
    const { onChange } = renderPanel();
    const reset = screen.getByRole('button', { name: 'Reset to chart values' });
    expect(reset).toBeDisabled();
    screen.getByRole('slider', { name: 'Total cholesterol (mg/dL)' }).focus();
    await user.keyboard('{PageDown}');
    await user.click(screen.getByRole('checkbox', { name: 'BP treatment' }));
    expect(lastInputs(onChange)).toEqual({ ...base, totalCholesterol: 200, onBPTreatment: true });
    await user.click(reset);
    expect(lastInputs(onChange)).toEqual(base);
    expect(screen.getByRole('slider', { name: 'Total cholesterol (mg/dL)' })).toHaveAttribute('aria-valuetext', '210 mg/dL');
    expect(screen.getByRole('checkbox', { name: 'BP treatment' })).not.toBeChecked();
    expect(reset).toBeDisabled();
  });

  it("shows the equation's estimate beside the current risk, with the change", () => {
    const { rerender, onChange } = renderPanel();
    expect(screen.getByTestId('what-if-PCE 10-year ASCVD')).toHaveTextContent('move a control');
    rerender(<WhatIfPanel base={base} current={current} whatIf={[{ label: 'PCE 10-year ASCVD', value: 0.081 }]} onChange={onChange} busy />);
    const row = within(screen.getByTestId('what-if-PCE 10-year ASCVD')).getAllByRole('cell').map((c) => c.textContent);
    expect(row).toEqual(['12.3 %', '8.1 %', '12.3 % → 8.1 % (−4.2 percentage points)']);
    expect(screen.getByRole('columnheader', { name: "The equation's estimate for someone with these values" })).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
  });

  it('steps UACR on a log scale and widens a slider to hold a chart value outside the models’ range', async () => {
    const user = userEvent.setup();
    const { onChange } = renderPanel({ base: { ...base, systolicBP: 212, uacr: 30 } });
    expect(screen.getByRole('slider', { name: 'Systolic BP (mmHg)' })).toHaveAttribute('max', '212');
    const uacr = screen.getByRole('slider', { name: 'UACR (mg/g)' });
    // Position = log10(UACR) over log10(0.1) … log10(25000) (prevent.ts), steps of 0.05: 30 mg/g sits at step
    // round((log10 30 + 1) / 0.05) = round(49.54) = 50; one step up is 10^(−1 + 51 × 0.05) = 10^1.55 = 35.5 → 35 mg/g.
    expect(uacr).toHaveAttribute('aria-valuetext', '30 mg/g');
    uacr.focus();
    await user.keyboard('{ArrowUp}');
    expect(lastInputs(onChange)?.uacr).toBe(35);
    expect(uacr).toHaveAttribute('aria-valuetext', '35 mg/g');
  });
});
