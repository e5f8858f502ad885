/**
 * Why a model gives no number, in words a physician reads, and which facts to enter to change that. The model's own
 * definition decides (its prepare, requiredInputs, ranges and the primary-prevention rule); this only words it, so no
 * threshold is restated here.
 */
import type { FactKey } from '../chart/types.ts';
import { INPUT_FACT } from './chartInputs.ts';
import { RECORD_LABEL } from '../chart/recordGaps.ts';
import { andList, formatInput, INPUT_LABEL, inRunningText, orList, unitLabelOf } from './inputDisplay.ts';
import { INPUT_SPECS } from './inputs.ts';
import { rangeProblem, rangeSpan, type ModelDefinition, type RangeRule } from './models/definition.ts';
import { MODELS } from './models/index.ts';
import { PREVENT_PARTIAL_RANGES } from './models/prevent.ts';
import type { InputName, ModelId } from './types.ts';
import type { ChartInputs, PlainReason } from './viewModel.ts';

const MODEL_NAME: Record<ModelId, string> = { pce: 'the PCE', prevent: 'PREVENT', kfre4: 'the 4-variable KFRE', kfre8: 'the 8-variable KFRE' };

/** Null when the model gives a number for these inputs; otherwise the reason and what to enter. */
export function plainReason(model: ModelId, ci: ChartInputs): PlainReason | null {
  if (ci.deceased) return { text: `patient deceased${ci.deceased.date ? ` (${ci.deceased.date.slice(0, 10)})` : ''}: no risk is estimated`, enter: [] };
  const def = MODELS[model];
  const prepared = def.prepare(ci.inputs);
  if (prepared.ok) return null;
  // Entry cannot help against prior ASCVD or a known value outside the range, so those come before missing inputs.
  return priorAscvd(def, ci) ?? outOfRange(model, def, ci) ?? failedRecords(def, ci) ?? missingInputs(def, ci) ?? { text: prepared.reason, enter: [] };
}

/** PCE and PREVENT take priorASCVD only to refuse it: they are primary-prevention equations (see their prepare). */
function priorAscvd(def: ModelDefinition<unknown>, ci: ChartInputs): PlainReason | null {
  if (!def.optionalInputs.includes('priorASCVD') || ci.inputs.priorASCVD !== true) return null;
  const p = ci.provenance.priorASCVD;
  const diagnoses = [...new Set(p?.sources.flatMap((s) => (s.value ? [inRunningText(s.value)] : [])))];
  const basis = diagnoses.length > 0 ? diagnoses.join(', ') : p?.origin === 'entered' ? 'entered by clinician' : undefined;
  return { text: `prior ASCVD${basis ? ` (${basis})` : ''}: secondary prevention applies; primary-prevention equations give no number`, enter: [] };
}

function outOfRange(model: ModelId, def: ModelDefinition<unknown>, ci: ChartInputs): PlainReason | null {
  // PREVENT's BMI and HbA1c ranges withhold only the heart-failure risk or the HbA1c add-on (prevent.ts), never the model.
  const rule = def.ranges.find((r) => !PREVENT_PARTIAL_RANGES.includes(r) && rangeProblem(ci.inputs, [r], def.label) !== null);
  const value = rule ? ci.inputs[rule.input] : undefined;
  if (!rule || typeof value !== 'number') return null;
  return { text: rangeText(model, rule, value), enter: [] };
}

function rangeText(model: ModelId, rule: RangeRule, value: number): string {
  const name = MODEL_NAME[model];
  if (rule.input === 'age') return `${name} is for ages ${rangeSpan(rule)}; this patient is ${value}`;
  const unit = unitLabelOf(rule.input);
  const label = INPUT_LABEL[rule.input];
  const shown = formatInput(rule.input, value);
  // The KFRE's upper eGFR limit is the CKD G3 threshold (kfre.ts: KDIGO G3–G5, eGFR < 60).
  if ((model === 'kfre4' || model === 'kfre8') && rule.input === 'egfr' && rule.max !== undefined && value >= rule.max) {
    return `${name} is for CKD G3–G5 (${label} below ${formatInput('egfr', rule.max)}); this patient's ${label} is ${shown}`;
  }
  return `${name} takes ${label} ${rangeSpan(rule)}${unit ? ` ${unit}` : ''}; this patient's is ${shown}`;
}

/** Inputs whose records failed to load are not absent, only not known: the failure is the reason, and retry the remedy. */
function failedRecords(def: ModelDefinition<unknown>, ci: ChartInputs): PlainReason | null {
  const failed = def.requiredInputs.filter((n) => ci.inputs[n] === undefined && ci.missing[n]?.gap?.status === 'failed');
  if (failed.length === 0) return null;
  const records = [...new Set(failed.flatMap((n) => ci.missing[n]?.gap?.records ?? []))].map((r) => RECORD_LABEL[r]);
  const inputs = failed.map((n) => INPUT_LABEL[n]);
  return {
    text: `${andList(records)} failed to load, so ${andList(inputs)} ${inputs.length === 1 ? 'is' : 'are'} not known: retry loading them in the chart panel, or enter the ${inputs.length === 1 ? 'value' : 'values'}`,
    enter: factsToEnter(failed, ci),
  };
}

function factsToEnter(inputs: readonly InputName[], ci: ChartInputs): FactKey[] {
  return [...new Set(inputs.flatMap((n): FactKey[] => (n === 'region' ? [] : [ci.missing[n]?.fact ?? INPUT_FACT[n]])))];
}

function missingInputs(def: ModelDefinition<unknown>, ci: ChartInputs): PlainReason | null {
  const absent = def.requiredInputs.filter((n) => ci.inputs[n] === undefined);
  if (absent.length === 0) return null;
  const clauses = absent.map((n) => `${INPUT_LABEL[n]} unknown${reasonOf(n, ci)}: ${howToEnter(n)}`);
  return { text: clauses.join('; '), enter: factsToEnter(absent, ci) };
}

function reasonOf(input: InputName, ci: ChartInputs): string {
  const reason = ci.missing[input]?.reason;
  return reason ? ` (${reason})` : '';
}

/** The action for a missing input, from its kind in INPUT_SPECS: a number, yes/no, or one of the listed values. */
function howToEnter(input: InputName): string {
  const spec = INPUT_SPECS[input];
  if (spec.kind === 'number') return 'enter a value';
  if (spec.kind === 'boolean') return 'enter yes or no';
  return `choose ${orList((spec.values ?? []).map((v) => formatInput(input, v)))}`;
}
