/**
 * Fuzz: chart facts → model inputs (src/risk/chartInputs.ts), the plain not-applicable reasons and every model's
 * prepare, over random ChartFacts (chartFacts.arbitrary.ts). Nothing throws, and every number a model could read
 * comes from a known fact in the model's unit with a finite value; an unknown fact is listed as missing, never a value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChartFacts, OmbRace } from '../../src/chart/types.ts';
import { chartInputs, INPUT_FACT, type FactInput } from '../../src/risk/chartInputs.ts';
import { INPUT_SPECS } from '../../src/risk/inputs.ts';
import { MODELS } from '../../src/risk/models/index.ts';
import { plainReason } from '../../src/risk/plainReason.ts';
import { MODEL_IDS, type KfreRegion, type ModelId, type PceRace } from '../../src/risk/types.ts';
import { chartFacts } from './chartFacts.arbitrary.ts';
import { must } from './must.ts';
import { FUZZ } from './runs.ts';

const site = fc.constantFrom<KfreRegion>('north-america', 'other');
const FACT_INPUTS = Object.keys(INPUT_FACT) as FactInput[];

/** Goff 2013 as Tailor applies it, worked out here: Black (alone or not) → black; White alone → white; else other. */
function expectedRace(categories: readonly OmbRace[]): PceRace | undefined {
  if (categories.length === 0) return undefined;
  if (categories.includes('black')) return 'black';
  return categories.every((c) => c === 'white') ? 'white' : 'other';
}

/** Whether a known fact's value may reach the models: a finite number in the model's unit, or any race category. */
function usable(name: FactInput, value: unknown): boolean {
  const spec = INPUT_SPECS[name];
  if (spec.kind === 'number') {
    const quantity = value as { value: number; unit: string };
    return quantity.unit === spec.unit && Number.isFinite(quantity.value);
  }
  return name !== 'race' || (value as OmbRace[]).length > 0;
}

/** An input that reaches the models, checked against the fact it names. */
function checkInput(facts: ChartFacts, name: FactInput, value: unknown): void {
  const fact = facts[INPUT_FACT[name]];
  must(fact.state === 'known', `${name} came from an unknown fact`);
  if (fact.state !== 'known') return;
  const spec = INPUT_SPECS[name];
  if (spec.kind === 'number') {
    const quantity = fact.value as { value: number; unit: string };
    must(typeof value === 'number' && Number.isFinite(value), `${name} = ${String(value)} is not a finite number`);
    must(quantity.unit === spec.unit, `${name} read from a value in ${quantity.unit}, the model takes ${spec.unit}`);
    must(Object.is(quantity.value, value), `${name} = ${String(value)} is not the fact's value ${quantity.value}`);
  } else if (name === 'race') {
    must(value === expectedRace(fact.value as OmbRace[]), `race ${String(value)} from ${String(fact.value)}`);
  } else {
    must(value === fact.value, `${name} = ${String(value)}, the fact says ${String(fact.value)}`);
  }
}

describe('fuzz: chart facts → model inputs', () => {
  it('never throws, and every input comes from a known fact in the canonical unit with a finite value; unknown facts are missing', () => {
    fc.assert(
      fc.property(chartFacts, site, (facts, kfreRegion) => {
        const ci = chartInputs(facts, { kfreRegion });
        const deceased = facts.deceased.state === 'known' && facts.deceased.value;
        for (const [name, value] of Object.entries(ci.inputs)) {
          must(Object.hasOwn(INPUT_SPECS, name), `unknown input ${name}`);
          if (name === 'region') {
            must(value === kfreRegion, `region ${String(value)}, the site says ${kfreRegion}`);
            continue;
          }
          must(!deceased, `${name} passed on for a deceased patient`);
          checkInput(facts, name as FactInput, value);
          must(ci.provenance[name as FactInput]?.fact === INPUT_FACT[name as FactInput], `${name} without its provenance`);
        }
        if (deceased) return;
        for (const name of FACT_INPUTS) {
          const fact = facts[INPUT_FACT[name]];
          if (fact.state === 'unknown') {
            must(ci.inputs[name] === undefined, `${name} has a value from an unknown fact`);
            must(ci.missing[name]?.reason === fact.reason, `${name}: unknown fact not listed as missing with its reason`);
          } else if (usable(name, fact.value)) {
            must(ci.inputs[name] !== undefined, `${name} dropped, though its fact is usable`);
          } else {
            must(ci.inputs[name] === undefined && (ci.missing[name]?.reason.length ?? 0) > 0, `${name} not held back with a reason`);
          }
        }
      }),
      FUZZ.chartInputs,
    );
  });

  it('feeds every model: prepare and plainReason never throw and agree, and a prepared profile gives finite features', () => {
    const applicable: Record<ModelId, number> = { pce: 0, prevent: 0, kfre4: 0, kfre8: 0 };
    fc.assert(
      fc.property(chartFacts, site, (facts, kfreRegion) => {
        const ci = chartInputs(facts, { kfreRegion });
        for (const id of MODEL_IDS) {
          const def = MODELS[id];
          const prepared = def.prepare(ci.inputs);
          const reason = plainReason(id, ci);
          must((reason === null) === (prepared.ok && !ci.deceased), `${id}: plainReason and prepare disagree`);
          if (reason) {
            must(reason.text.length > 0, `${id}: an empty reason`);
            // What to enter is always a fact behind an input the model lacks.
            for (const fact of reason.enter) {
              must(FACT_INPUTS.some((n) => INPUT_FACT[n] === fact && ci.inputs[n] === undefined), `${id}: asks to enter ${fact}, which it has`);
            }
          }
          if (!prepared.ok) continue;
          applicable[id]++;
          for (const feature of def.features) {
            const x = feature.value(prepared.profile);
            must(Number.isFinite(x), `${id}: feature ${feature.name} = ${x}`);
          }
        }
      }),
      FUZZ.chartInputs,
    );
    // The generator must reach the models' numbers, not only their refusals: each model in 100 cases or more.
    for (const id of MODEL_IDS) expect(applicable[id], `${id} applicable in ${applicable[id]} cases`).toBeGreaterThanOrEqual(100);
  });
});
