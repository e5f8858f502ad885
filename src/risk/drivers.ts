/**
 * What drives a patient's risk: each input's Shapley contribution to the linear predictor (features.ts,
 * shapleyContributions, computed by the engine), against the model's stated reference profile, with the patient's
 * value and the reference value in words, and one sentence a physician reads in five seconds.
 */
import { andList, formatInput, INPUT_LABEL, INPUT_NAMES } from './inputDisplay.ts';
import type { Explanation, InputName, RiskKey } from './types.ts';
import type { ChartInputs } from './viewModel.ts';

export interface Driver {
  input: InputName;
  /** The input's name, e.g. "systolic BP". */
  label: string;
  /** The patient's value as the model used it, e.g. "162 mmHg", "yes". */
  value: string;
  /** The reference profile's value the contribution is measured against, e.g. "110 mmHg". */
  reference: string;
  /** The patient's value in running text, e.g. "systolic BP 162 mmHg", "smoking", "no diabetes". */
  phrase: string;
  /** The reference value in running text, e.g. "systolic BP 110 mmHg", "not smoking". */
  referencePhrase: string;
  /** Share of the linear predictor (log hazard or log odds) relative to the reference; the shares add up to the difference. */
  contribution: number;
  direction: 'raises' | 'lowers';
}

/**
 * Contributions smaller than this (on the log scale: a relative change of 0.0001 %) are float noise or an input equal
 * to the reference, and are not drivers.
 */
const NEGLIGIBLE = 1e-6;

/** Yes/no inputs in running text. */
const BOOLEAN_PHRASE: Partial<Record<InputName, { yes: string; no: string }>> = {
  smoker: { yes: 'smoking', no: 'not smoking' },
  diabetes: { yes: 'diabetes', no: 'no diabetes' },
  onBPTreatment: { yes: 'BP treatment', no: 'no BP treatment' },
  onStatin: { yes: 'statin use', no: 'no statin' },
};

/** Each input's contribution to `risk`, largest effect first; empty when the explanation does not cover that risk. */
export function drivers(explanation: Explanation, risk: RiskKey, ci: ChartInputs): Driver[] {
  const entry = explanation.byRisk[risk];
  if (!entry) return [];
  return INPUT_NAMES.flatMap((input): Driver[] => {
    const contribution = entry.contributions[input];
    const value = ci.inputs[input];
    if (contribution === undefined || Math.abs(contribution) < NEGLIGIBLE || value === undefined) return [];
    const ref = explanation.reference[input];
    return [{
      input,
      label: INPUT_LABEL[input],
      value: formatInput(input, value),
      reference: referenceValue(input, ref),
      phrase: phrase(input, value),
      referencePhrase: referencePhraseOf(input, ref),
      contribution,
      direction: contribution > 0 ? 'raises' : 'lowers',
    }];
  }).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** The KFRE's reference sex is the cohort's share of men (kfre.ts), not one sex. */
function referenceValue(input: InputName, ref: number | boolean | null | undefined): string {
  if (ref === undefined || ref === null) return 'not measured';
  if (input === 'sex' && typeof ref === 'number') return `${Math.round(ref * 100)} % men`;
  return formatInput(input, ref);
}

function referencePhraseOf(input: InputName, ref: number | boolean | null | undefined): string {
  if (ref === undefined || ref === null) return `${INPUT_LABEL[input]} not measured`;
  if (input === 'sex' && typeof ref === 'number') return `the cohort's mix of ${referenceValue(input, ref)}`;
  return phrase(input, ref);
}

function phrase(input: InputName, value: number | string | boolean): string {
  if (typeof value === 'boolean') {
    const words = BOOLEAN_PHRASE[input];
    return words ? (value ? words.yes : words.no) : `${INPUT_LABEL[input]} ${formatInput(input, value)}`;
  }
  if (input === 'age' && typeof value === 'number') return `age ${Math.round(value)}`;
  if (input === 'sex' && typeof value === 'string') return `${value} sex`;
  return `${INPUT_LABEL[input]} ${formatInput(input, value)}`;
}

/** At most this many other drivers are named per direction, so the sentence stays a five-second read. */
const NAMED_PER_DIRECTION = 3;

/**
 * "Systolic BP 162 mmHg adds most; HDL cholesterol 38 mg/dL and smoking also raise the risk; total cholesterol
 * 150 mg/dL lowers it (against the reference: systolic BP 110 mmHg, …)." The reference named is the model's stated
 * reference profile, for the inputs named.
 */
export function driverSentence(list: readonly Driver[]): string {
  const [top, ...rest] = list;
  if (!top) return 'No input moves the risk away from the reference profile.';
  const raising = rest.filter((d) => d.direction === 'raises').slice(0, NAMED_PER_DIRECTION);
  const lowering = rest.filter((d) => d.direction === 'lowers').slice(0, NAMED_PER_DIRECTION);
  const topRaises = top.direction === 'raises';
  const verb = (ds: readonly Driver[], singular: string, plural: string): string => `${andList(ds.map((d) => d.phrase))} ${ds.length === 1 ? singular : plural}`;
  const clauses = [
    `${capitalise(top.phrase)} ${topRaises ? 'adds most' : 'lowers the risk most'}`,
    ...(raising.length > 0 ? [topRaises ? verb(raising, 'also raises the risk', 'also raise the risk') : verb(raising, 'raises it', 'raise it')] : []),
    ...(lowering.length > 0 ? [topRaises ? verb(lowering, 'lowers it', 'lower it') : verb(lowering, 'also lowers it', 'also lower it')] : []),
  ];
  const named = [top, ...raising, ...lowering];
  return `${clauses.join('; ')} (against the reference profile: ${named.map((d) => d.referencePhrase).join(', ')}).`;
}

/** "systolic BP …" → "Systolic BP …"; a word written with an inner capital ("eGFR", "HbA1c") stays as it is. */
function capitalise(text: string): string {
  return /^[a-z][a-z ]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
