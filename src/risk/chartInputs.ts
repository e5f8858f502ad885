/**
 * The one mapping from chart facts to model inputs. Every input keeps the fact it came from (origin, date,
 * staleness, FHIR sources), and an unknown fact stays unknown: absent from the inputs and listed as missing with the
 * chart layer's reason. Nothing is defaulted.
 */
import type { ChartFacts, Fact, FactKey, KnownFact, OmbRace, Quantity, UnknownFact } from '../chart/types.ts';
import { formatInput, OMB_RACE_LABEL } from './inputDisplay.ts';
import { INPUT_SPECS } from './inputs.ts';
import type { InputName, KfreRegion, PceRace } from './types.ts';
import type { ChartInputs, InputProvenance } from './viewModel.ts';

type QuantityInput = 'age' | 'totalCholesterol' | 'hdl' | 'systolicBP' | 'egfr' | 'bmi' | 'hba1c' | 'uacr' | 'calcium' | 'phosphate' | 'bicarbonate' | 'albumin';
type BooleanInput = 'onBPTreatment' | 'onStatin' | 'smoker' | 'diabetes' | 'priorASCVD';
/** Inputs read from a fact; the KFRE region is a site setting instead. */
export type FactInput = Exclude<InputName, 'region'>;

/** The chart fact each model input is read from. */
export const INPUT_FACT = {
  age: 'age', sex: 'sex', race: 'race', totalCholesterol: 'totalCholesterol', hdl: 'hdl', systolicBP: 'systolicBP',
  onBPTreatment: 'onBPTreatment', onStatin: 'onStatin', smoker: 'smoker', diabetes: 'diabetes', egfr: 'egfr', bmi: 'bmi',
  hba1c: 'hba1c', uacr: 'uacr', calcium: 'calcium', phosphate: 'phosphate', bicarbonate: 'bicarbonate', albumin: 'albumin',
  priorASCVD: 'ascvd',
} as const satisfies Record<FactInput, FactKey>;

/**
 * PCE race group from the OMB categories: Black or African American, alone or with other categories → the
 * African-American equations (Tailor's rule: Goff 2013 names no rule for several races); White alone → white; any
 * other category or combination → "other", scored with the white equations (Goff DC et al., Circulation
 * 2014;129:S49–S73: the white equations may be considered for other groups, COR IIb). Undefined for an empty list.
 */
export function pceRace(categories: readonly OmbRace[]): PceRace | undefined {
  if (categories.length === 0) return undefined;
  if (categories.includes('black')) return 'black';
  return categories.every((c) => c === 'white') ? 'white' : 'other';
}

export function chartInputs(facts: ChartFacts, site: { kfreRegion: KfreRegion }): ChartInputs {
  // A deceased patient has no future risk: nothing is passed on, so no model gives a number (plainReason says why).
  if (facts.deceased.state === 'known' && facts.deceased.value) {
    return { inputs: { region: site.kfreRegion }, provenance: {}, missing: {}, deceased: facts.deceased.date ? { date: facts.deceased.date } : {} };
  }
  const out: ChartInputs = { inputs: { region: site.kfreRegion }, provenance: {}, missing: {} };
  const quantity = (input: QuantityInput): void => {
    const fact: Fact<Quantity> = facts[INPUT_FACT[input]];
    if (fact.state !== 'known') return missing(out, input, fact.reason, fact.gap);
    const { value, unit } = fact.value;
    // The chart layer refuses non-finite values; should one get through, NaN passes every range check and would
    // become a NaN risk, so it is held back here too (fuzzed in test/fuzz/chartInputs.test.ts).
    if (!Number.isFinite(value)) return missing(out, input, `recorded value ${value} is not a finite number`);
    // Facts arrive in canonical units; a unit other than the model's would be a wrong number, so it is not used.
    const expected = INPUT_SPECS[input].unit;
    if (unit !== expected) return missing(out, input, `recorded in ${unit}, the model takes ${expected ?? 'no unit'}`);
    out.inputs[input] = value;
    out.provenance[input] = provenance(input, fact, formatInput(input, value));
  };
  const boolean = (input: BooleanInput): void => {
    const fact: Fact<boolean> = facts[INPUT_FACT[input]];
    if (fact.state !== 'known') return missing(out, input, fact.reason, fact.gap);
    out.inputs[input] = fact.value;
    out.provenance[input] = provenance(input, fact, withDetail(formatInput(input, fact.value), booleanDetail(fact)));
  };
  (['age', 'totalCholesterol', 'hdl', 'systolicBP', 'egfr', 'bmi', 'hba1c', 'uacr', 'calcium', 'phosphate', 'bicarbonate', 'albumin'] as const).forEach(quantity);
  (['onBPTreatment', 'onStatin', 'smoker', 'diabetes', 'priorASCVD'] as const).forEach(boolean);

  if (facts.sex.state === 'known') {
    out.inputs.sex = facts.sex.value;
    out.provenance.sex = provenance('sex', facts.sex, formatInput('sex', facts.sex.value));
  } else missing(out, 'sex', facts.sex.reason, facts.sex.gap);

  const race = facts.race.state === 'known' ? pceRace(facts.race.value) : undefined;
  if (facts.race.state === 'known' && race) {
    out.inputs.race = race;
    out.provenance.race = provenance('race', facts.race, raceDisplay(facts.race.value, race));
  } else if (facts.race.state === 'known') missing(out, 'race', 'no race category recorded');
  else missing(out, 'race', facts.race.reason, facts.race.gap);
  return out;
}

function missing(out: ChartInputs, input: FactInput, reason: string, gap?: UnknownFact['gap']): void {
  out.missing[input] = { input, fact: INPUT_FACT[input], reason, ...(gap ? { gap } : {}) };
}

function provenance(input: FactInput, fact: KnownFact<unknown>, display: string): InputProvenance {
  return {
    input, fact: INPUT_FACT[input], origin: fact.origin, display,
    ...(fact.date ? { date: fact.date } : {}),
    ...(fact.staleness ? { staleness: fact.staleness } : {}),
    sources: fact.sources,
    ...(fact.origin === 'derived' ? { method: fact.method } : {}),
  };
}

/** What a yes/no rests on: the chart's note (e.g. the drugs), else the diagnoses it came from. */
function booleanDetail(fact: KnownFact<boolean>): string | undefined {
  if (fact.note) return fact.note;
  const diagnoses = [...new Set(fact.sources.filter((s) => s.resourceType === 'Condition' && s.value).map((s) => s.value))];
  return diagnoses.length > 0 ? diagnoses.join(', ') : undefined;
}

function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} (${detail})` : text;
}

/** The recorded categories, and for "other" the equations it gets. */
function raceDisplay(categories: readonly OmbRace[], race: PceRace): string {
  const recorded = categories.map((c) => OMB_RACE_LABEL[c]).join(', ');
  return race === 'other' ? `${recorded} (PCE: other, white equations)` : recorded;
}
