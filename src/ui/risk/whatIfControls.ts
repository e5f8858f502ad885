import type { InputName, RiskInputs } from '../../risk/types.ts';
import type { RangeRule } from '../../risk/models/definition.ts';
import { PCE_RANGES } from '../../risk/models/pce.ts';
import { PREVENT_RANGES } from '../../risk/models/prevent.ts';
import { KFRE_RANGES } from '../../risk/models/kfre.ts';
import { INPUT_LABEL, unitLabelOf } from '../../risk/inputDisplay.ts';
import { capitalise } from './text.ts';

/** The modifiable inputs the what-if panel offers, in the order shown. */
export const WHAT_IF_NUMBERS = ['systolicBP', 'totalCholesterol', 'hdl', 'hba1c', 'bmi', 'egfr', 'uacr'] as const;
export const WHAT_IF_TOGGLES = ['smoker', 'onBPTreatment', 'onStatin'] as const;
export type WhatIfNumber = (typeof WHAT_IF_NUMBERS)[number];
export type WhatIfToggle = (typeof WHAT_IF_TOGGLES)[number];

/**
 * A slider. `scale: 'log'` means the slider position is log10 of the value (UACR spans 0.1–25,000 mg/g, where equal
 * steps of the value would make the clinically busy 3–300 range a few pixels wide).
 */
export interface NumberControl {
  kind: 'number';
  input: WhatIfNumber;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Slider step in position units (value units for linear, log10 units for log). */
  step: number;
  scale: 'linear' | 'log';
}
export interface ToggleControl {
  kind: 'toggle';
  input: WhatIfToggle;
  label: string;
}
export type WhatIfControl = NumberControl | ToggleControl;

/** Every model's validity rules: a slider spans the union, so it reaches every value some model accepts. */
const MODEL_RANGES: readonly RangeRule[] = [...PCE_RANGES, ...PREVENT_RANGES, ...KFRE_RANGES];

/**
 * Step per input: the precision the chart reports it in (whole mmHg, mg/dL and eGFR; one decimal for HbA1c and BMI).
 * UACR moves by 0.05 log10 units (×1.12 per step, about 110 steps over its range).
 */
const STEPS: Record<WhatIfNumber, { step: number; scale: 'linear' | 'log' }> = {
  systolicBP: { step: 1, scale: 'linear' },
  totalCholesterol: { step: 1, scale: 'linear' },
  hdl: { step: 1, scale: 'linear' },
  hba1c: { step: 0.1, scale: 'linear' },
  bmi: { step: 0.1, scale: 'linear' },
  egfr: { step: 1, scale: 'linear' },
  uacr: { step: 0.05, scale: 'log' },
};

/** The smallest and largest value any model accepts for the input (an exclusive maximum is never the widest here). */
export function modelSpan(input: InputName, rules: readonly RangeRule[] = MODEL_RANGES): { min: number; max: number } {
  const own = rules.filter((r) => r.input === input);
  const maxima = own.map((r) => r.max);
  if (own.length === 0 || maxima.some((m) => m === undefined)) throw new Error(`No bounded model range for ${input}`);
  return { min: Math.min(...own.map((r) => r.min)), max: Math.max(...maxima.filter((m) => m !== undefined)) };
}

/**
 * The controls for the inputs the chart supplies. An unknown input gets no control: the what-if never invents a value
 * the chart does not have. A chart value outside the models' ranges widens its slider, so the slider starts on it.
 */
export function whatIfControls(base: RiskInputs): WhatIfControl[] {
  const numbers = WHAT_IF_NUMBERS.flatMap((input): NumberControl[] => {
    const value = base[input];
    if (value === undefined) return [];
    const span = modelSpan(input);
    return [{ kind: 'number', input, label: capitalise(INPUT_LABEL[input]), unit: unitLabelOf(input) ?? '', min: Math.min(span.min, value), max: Math.max(span.max, value), ...STEPS[input] }];
  });
  const toggles = WHAT_IF_TOGGLES.flatMap((input): ToggleControl[] => (base[input] === undefined ? [] : [{ kind: 'toggle', input, label: capitalise(INPUT_LABEL[input]) }]));
  return [...numbers, ...toggles];
}

const decimalsOf = (step: number): number => (Number.isInteger(step) ? 0 : String(step).split('.')[1]?.length ?? 0);

/** Slider position for a value. */
export function toPosition(c: NumberControl, value: number): number {
  return c.scale === 'log' ? Math.log10(value) : value;
}
export function positionBounds(c: NumberControl): { min: number; max: number } {
  return { min: toPosition(c, c.min), max: toPosition(c, c.max) };
}

/**
 * The value at a slider position, rounded to the control's precision and kept within its span.
 * Log values keep two significant digits (30, 34, 38 mg/g …), the precision UACR is reported with.
 */
export function fromPosition(c: NumberControl, position: number): number {
  const bounds = positionBounds(c);
  const p = Math.min(bounds.max, Math.max(bounds.min, position));
  if (c.scale === 'log') return Math.min(c.max, Math.max(c.min, Number((10 ** p).toPrecision(2))));
  return Number(p.toFixed(decimalsOf(c.step)));
}

/** Keys that move a slider, as native range inputs do: arrows by one step, Page keys by ten, Home/End to the ends. */
export type SliderKey = 'ArrowUp' | 'ArrowRight' | 'ArrowDown' | 'ArrowLeft' | 'PageUp' | 'PageDown' | 'Home' | 'End';
const KEY_STEPS: Record<SliderKey, number> = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 10, PageDown: -10, Home: -Infinity, End: Infinity };
export const isSliderKey = (key: string): key is SliderKey => key in KEY_STEPS;

/** The value after a key press: steps are counted on the slider's grid (from its minimum), so values stay on it. */
export function stepValue(c: NumberControl, value: number, key: SliderKey): number {
  const bounds = positionBounds(c);
  const steps = KEY_STEPS[key];
  if (!Number.isFinite(steps)) return steps > 0 ? c.max : c.min;
  const onGrid = Math.round((toPosition(c, value) - bounds.min) / c.step);
  return fromPosition(c, bounds.min + (onGrid + steps) * c.step);
}

/** The value as shown beside its slider, e.g. "142 mmHg", "6.1 %", "34 mg/g". */
export function formatControlValue(c: NumberControl, value: number): string {
  // A log-scale value (UACR) spans 0.1 to thousands: two significant digits below 10, whole numbers above.
  const text = c.scale === 'log' ? (value >= 10 ? value.toFixed(0) : value.toPrecision(2)) : value.toFixed(decimalsOf(c.step));
  return `${text} ${c.unit}`;
}
