import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { unknown, type ChartFacts, type DrugUse, type Fact, type StatinUse } from '../../src/chart/types.ts';
import { therapyImpact } from '../../src/risk/therapy.ts';
import type { TherapyImpact } from '../../src/risk/viewModel.ts';
import { NOW, chart, patient } from '../chart/fixtures.ts';

/** Facts that vary only in what the therapy rules read; everything else from an empty chart of a 55-year-old man. */
const BASE = buildFacts(chart({ patient: patient('male', '1971-03-01') }), NOW);
const known = <T,>(value: T): Fact<T> => ({ state: 'known', origin: 'chart', value, sources: [], rejected: [] });
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined }).map((v) => (v === undefined ? unknown('not in the chart') : known(v)));

const drug = fc.constantFrom<DrugUse>(
  { drugClass: 'antiplatelet', ingredient: 'aspirin', matchedBy: 'code' },
  { drugClass: 'antiplatelet', ingredient: 'clopidogrel', matchedBy: 'code' },
  { drugClass: 'anticoagulant', ingredient: 'apixaban', matchedBy: 'code' },
  { drugClass: 'aceInhibitor', ingredient: 'lisinopril', matchedBy: 'code' },
);
const statin = fc.option(fc.record({ ingredient: fc.constant('atorvastatin'), intensity: fc.option(fc.constantFrom('high', 'moderate', 'low'), { nil: undefined }) }), { nil: null })
  .map((s): StatinUse | null => (s === null ? null : { ingredient: s.ingredient, ...(s.intensity ? { intensity: s.intensity } : {}) }));
const sbp = fc.record({ value: fc.double({ min: 90, max: 200, noNaN: true }), mean: fc.option(fc.double({ min: 90, max: 200, noNaN: true }), { nil: undefined }) });

const factsArb = fc.record({
  ldl: maybe(fc.double({ min: 40, max: 300, noNaN: true })),
  sbp: fc.option(sbp, { nil: undefined }),
  smoker: maybe(fc.boolean()),
  onStatin: maybe(fc.boolean()),
  statin: statin,
  intolerant: maybe(fc.boolean()),
  drugs: maybe(fc.uniqueArray(drug, { selector: (d) => d.ingredient, maxLength: 3 })),
  ascvd: maybe(fc.boolean()),
}).map(({ ldl, sbp: bp, smoker, onStatin, statin: use, intolerant, drugs, ascvd }): ChartFacts => ({
  ...BASE,
  ldl: ldl.state === 'known' ? known({ value: ldl.value, unit: 'mg/dL' as const }) : ldl,
  systolicBP: bp === undefined ? unknown('no reading')
    : { state: 'known', origin: 'chart', value: { value: bp.value, unit: 'mm[Hg]' }, sources: [], rejected: [], ...(bp.mean !== undefined ? { summary12Months: { mean: bp.mean, count: 3, complete: true } } : {}) },
  smoker, onStatin, statin: known(use), statinIntolerance: intolerant, drugs, ascvd,
}));

const risks = fc.record({ baseline: fc.double({ min: 0.001, max: 0.9, noNaN: true }), optimal: fc.double({ min: 0.0005, max: 0.9, noNaN: true }) });
const age = fc.option(fc.integer({ min: 30, max: 79 }), { nil: undefined });

const impactOf = (facts: ChartFacts, r: { baseline: number; optimal: number }, a: number | undefined): TherapyImpact =>
  therapyImpact({ facts, inputs: a === undefined ? {} : { age: a }, baseline: { model: 'pce', risk: 'ascvd_10y', value: r.baseline, label: 'PCE 10-year ASCVD' }, optimalRisk: r.optimal });

const RUNS = { numRuns: 2000, seed: 20260615 };

describe('therapy impact: properties', () => {
  it('every projection is the product rule, clamped to [min(optimal, baseline), baseline]', () => {
    fc.assert(fc.property(factsArb, risks, age, (facts, r, a) => {
      const impact = impactOf(facts, r, a);
      const rr = new Map(impact.options.map((o) => [o.id, o.relativeRisk]));
      for (const p of impact.projections) {
        const product = p.therapies.reduce((risk, id) => risk * (rr.get(id) ?? Number.NaN), r.baseline);
        expect(p.risk).toBe(Math.min(r.baseline, Math.max(r.optimal, product)));
        expect(p.floored).toBe(product < r.optimal);
        expect(p.risk).toBeLessThanOrEqual(r.baseline);
        expect(p.risk).toBeGreaterThanOrEqual(Math.min(r.optimal, r.baseline));
        expect(p.absoluteReduction).toBe(r.baseline - p.risk);
        expect(p.numberNeededToTreat === null).toBe(p.absoluteReduction <= 0);
        if (p.numberNeededToTreat !== null) expect(p.numberNeededToTreat).toBeGreaterThanOrEqual(1 / p.absoluteReduction - 1e-6);
      }
    }), RUNS);
  });

  it('combined effects are never added: a combination is at least the additive risk and no higher than any of its parts', () => {
    fc.assert(fc.property(factsArb, risks, age, (facts, r, a) => {
      const impact = impactOf(facts, r, a);
      const rr = new Map(impact.options.map((o) => [o.id, o.relativeRisk]));
      const byKey = new Map(impact.projections.map((p) => [p.therapies.join('+'), p]));
      for (const p of impact.projections) {
        const additive = r.baseline - p.therapies.reduce((sum, id) => sum + r.baseline * (1 - (rr.get(id) ?? Number.NaN)), 0);
        expect(p.risk).toBeGreaterThanOrEqual(additive - 1e-12);
        // (1 − x)(1 − y) = 1 − x − y + xy: with two real effects and no floor, strictly above the added reductions
        const effects = p.therapies.map((id) => rr.get(id) ?? Number.NaN);
        if (effects.length >= 2 && !p.floored && effects.every((e) => e <= 0.999)) expect(p.risk).toBeGreaterThan(additive);
        for (const id of p.therapies) {
          const rest = byKey.get(p.therapies.filter((t) => t !== id).join('+'));
          if (rest) expect(p.risk).toBeLessThanOrEqual(rest.risk + 1e-15);
        }
      }
    }), RUNS);
  });

  it('projects exactly the available options and their combinations, never two statins together, singles first', () => {
    fc.assert(fc.property(factsArb, risks, age, (facts, r, a) => {
      const impact = impactOf(facts, r, a);
      expect(impact.options.map((o) => o.id)).toEqual(['statin-moderate', 'statin-high', 'bp-target', 'stop-smoking', 'aspirin']);
      const availableIds = impact.options.filter((o) => o.status === 'available').map((o) => o.id);
      for (const o of impact.options) {
        if (o.status === 'available') {
          expect(o.relativeRisk).toBeGreaterThan(0);
          expect(o.relativeRisk).toBeLessThan(1);
        } else expect(o.relativeRisk).toBe(1);
      }
      const statins = availableIds.filter((id) => id.startsWith('statin')).length;
      const others = availableIds.length - statins;
      expect(impact.projections).toHaveLength((statins + 1) * 2 ** others - 1);
      const keys = impact.projections.map((p) => p.therapies.join('+'));
      expect(new Set(keys).size).toBe(keys.length);
      for (const p of impact.projections) {
        expect(p.therapies.every((id) => availableIds.includes(id))).toBe(true);
        expect(p.therapies.filter((id) => id.startsWith('statin')).length).toBeLessThanOrEqual(1);
      }
      const sizes = impact.projections.map((p) => p.therapies.length);
      expect(sizes).toEqual([...sizes].sort((x, y) => x - y));
      if (facts.ascvd.state === 'known' && facts.ascvd.value) expect(impact.projections).toEqual([]);
    }), RUNS);
  });
});
