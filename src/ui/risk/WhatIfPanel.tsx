import { useId, useState, type KeyboardEvent } from 'react';
import type { RiskInputs } from '../../risk/types.ts';
import { formatControlValue, fromPosition, isSliderKey, positionBounds, stepValue, toPosition, whatIfControls, type NumberControl, type ToggleControl } from './whatIfControls.ts';
import { formatPointsChange, formatRisk } from './riskFormat.ts';
import './charts.css';

/** One risk to compare, e.g. { label: 'PREVENT 10-year total CVD', value: 0.123 } (value a fraction). */
export interface WhatIfRisk {
  label: string;
  value: number;
}

export interface WhatIfPanelProps {
  /** The inputs from the chart; only inputs known here get a control. Keep it the same object while the chart is unchanged: a new one resets the controls. */
  base: RiskInputs;
  /** The current risks, from `base`. */
  current: WhatIfRisk[];
  /** The same risks re-scored for the controls' values (matched to `current` by label), or null before the first move. */
  whatIf: WhatIfRisk[] | null;
  /** Called on every input event with the whole modified input set; the caller coalesces re-scores (one per frame). */
  onChange(inputs: RiskInputs): void;
  /** A re-score is in flight. */
  busy?: boolean;
}

/**
 * What-if: sliders and switches for the modifiable inputs the chart supplies, and the equation's estimate for someone
 * with those values beside the current risk. The chart itself is never changed.
 */
export function WhatIfPanel({ base, current, whatIf, onChange, busy = false }: WhatIfPanelProps) {
  const headingId = useId();
  const [values, setValues] = useState(base);
  // A new chart (new `base`) resets the controls to it (React's "adjust state when a prop changes" pattern).
  const [valuesFrom, setValuesFrom] = useState(base);
  if (valuesFrom !== base) {
    setValuesFrom(base);
    setValues(base);
  }
  const controls = whatIfControls(base);
  const changed = controls.some((c) => values[c.input] !== base[c.input]);
  const update = (next: RiskInputs) => {
    setValues(next);
    onChange(next);
  };
  return (
    <section className="what-if" aria-labelledby={headingId} data-testid="what-if">
      <h3 id={headingId}>What if</h3>
      {controls.length === 0 ? (
        <p>None of the modifiable inputs (blood pressure, cholesterol, smoking, HbA1c, BMI, kidney function) is known from the chart.</p>
      ) : (
        <>
          <div className="what-if-controls">
            {controls.map((c) =>
              c.kind === 'number' ? (
                <Slider key={c.input} control={c} value={values[c.input]} chartValue={base[c.input]} onValue={(v) => update({ ...values, [c.input]: v })} />
              ) : (
                <Toggle key={c.input} control={c} checked={values[c.input]} onToggle={(v) => update({ ...values, [c.input]: v })} />
              ),
            )}
          </div>
          <button type="button" className="what-if-reset" onClick={() => update(base)} disabled={!changed}>
            Reset to chart values
          </button>
        </>
      )}
      <table className="risk-table what-if-results" aria-busy={busy} aria-live="polite">
        <caption>The equation's estimate for someone with these values, beside the patient's current risk{busy ? ' (updating…)' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Current</th>
            <th scope="col">The equation's estimate for someone with these values</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {current.map((risk) => {
            const estimate = whatIf?.find((w) => w.label === risk.label);
            return (
              <tr key={risk.label} data-testid={`what-if-${risk.label}`}>
                <th scope="row">{risk.label}</th>
                <td className="num">{formatRisk(risk.value)}</td>
                <td className="num">{estimate ? formatRisk(estimate.value) : whatIf ? 'no estimate for these values' : 'move a control'}</td>
                <td>
                  {estimate
                    ? `${formatRisk(risk.value)} → ${formatRisk(estimate.value)} (${formatPointsChange(estimate.value - risk.value)} percentage points)`
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Slider({ control, value, chartValue, onValue }: { control: NumberControl; value: number | undefined; chartValue: number | undefined; onValue(v: number): void }) {
  const id = useId();
  // whatIfControls only offers inputs the chart knows, and the panel never clears one.
  if (value === undefined || chartValue === undefined) return null;
  const bounds = positionBounds(control);
  const text = formatControlValue(control, value);
  // Arrow, Page, Home and End keys step on the control's grid (log steps for UACR), the same in every browser.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!isSliderKey(e.key)) return;
    e.preventDefault();
    const next = stepValue(control, value, e.key);
    if (next !== value) onValue(next);
  };
  return (
    <div className="what-if-slider" data-testid={`what-if-control-${control.input}`}>
      <label htmlFor={id}>
        {control.label} ({control.unit})
      </label>
      <input
        id={id}
        type="range"
        min={bounds.min}
        max={bounds.max}
        step={control.step}
        value={toPosition(control, value)}
        aria-valuetext={text}
        onChange={(e) => onValue(fromPosition(control, Number(e.currentTarget.value)))}
        onKeyDown={onKeyDown}
      />
      <output htmlFor={id}>{text}</output>
      {value !== chartValue ? <span className="risk-sub">chart: {formatControlValue(control, chartValue)}</span> : null}
    </div>
  );
}

function Toggle({ control, checked, onToggle }: { control: ToggleControl; checked: boolean | undefined; onToggle(v: boolean): void }) {
  if (checked === undefined) return null;
  return (
    <label className="what-if-toggle" data-testid={`what-if-control-${control.input}`}>
      <input type="checkbox" checked={checked} onChange={(e) => onToggle(e.currentTarget.checked)} /> {control.label}
    </label>
  );
}
