/**
 * The real-world chart shapes of issue 13, one sandbox patient each (sandbox/data/chartShapes.ts), through the fact
 * builder. Expected facts are worked out by hand from the resources as defined there: resource ids follow the Chart
 * builder's order (one counter per chart), dates count back from NOW's UTC midnight at 09:30.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Resource } from 'fhir/r4';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import type { ChartFacts, Fact, FactKey } from '../../src/chart/types.ts';
import { sandboxChart } from './fixtures.ts';

const NOW = new Date('2026-03-10T15:00:00Z');
const resources = buildSandboxResources(NOW);
const facts = (id: string) => buildFacts(sandboxChart(resources, id), NOW);
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age [× 1.012 female] (Inker 2021). */
const ckdEpi = (scr: number, age: number, female: boolean): number => {
  const r = scr / (female ? 0.7 : 0.9);
  return 142 * Math.min(r, 1) ** (female ? -0.241 : -0.302) * Math.max(r, 1) ** -1.2 * 0.9938 ** age * (female ? 1.012 : 1);
};

type Expectation = { [K in FactKey]?: (fact: ChartFacts[K]) => void };

const known = (value: unknown, sourceIds?: string[]) => (fact: Fact<unknown>) => {
  expect(fact.state).toBe('known');
  if (fact.state === 'known') expect(fact.value).toEqual(value);
  if (sourceIds) expect(fact.sources.map((s) => s.id)).toEqual(sourceIds);
};

const CASES: Record<string, Expectation> = {
  // Stroke (resolved: history counts) and hypertension, both Conditions without category; lisinopril.
  'uncategorised-conditions': {
    ascvd: known(true, ['uncategorised-conditions-cond-1']),
    hypertension: known(true, ['uncategorised-conditions-cond-2']),
    onBPTreatment: known(true),
  },
  // The only smoking status: 72166-2 = SNOMED 449868002 "Smokes tobacco daily", category survey, 25 days ago.
  'survey-smoking': {
    smokingStatus: (f) => {
      known('current', ['survey-smoking-obs-1'])(f);
      expect(f.state === 'known' && f.date).toBe('2026-02-13T09:30:00.000Z');
    },
    smoker: known(true),
  },
  // RxNorm 316672 (simvastatin 10 MG, displayed "Simvistatin 10 MG"), 1 tablet once daily = 10 mg/day: low intensity
  // (2018 AHA/ACC Table 3, simvastatin 10 mg). Acetaminophen 313782 is active and not recognised.
  'product-statin': {
    onStatin: known(true, ['product-statin-med-1']),
    statin: known({ ingredient: 'simvastatin', doseMg: 10, doseBasis: 'daily-dose', intensity: 'low' }),
    drugs: (f) => {
      known([{ drugClass: 'statin', ingredient: 'simvastatin', matchedBy: 'code' }])(f);
      expect(f.sources[0]?.code).toBe(`${RXNORM}|316672`);
      expect(f.rejected).toContainEqual(expect.objectContaining({ source: expect.objectContaining({ id: 'product-statin-med-2', value: 'Acetaminophen 325 MG Oral Tablet' }), reason: expect.stringContaining('not recognised') }));
    },
    onBPTreatment: (f) => {
      known(false)(f);
      expect(f.state === 'known' && f.note).toContain('Acetaminophen 325 MG Oral Tablet');
      expect(f.rejected.map((r) => r.source.id)).toEqual(['product-statin-med-2']);
    },
  },
  // GFR 44 mL/min (no /1.73 m²) refused; creatinine 1.2 mg/dL, woman of 71 on the draw date:
  // 142 × (1.2/0.7)^−1.2 × 0.9938^71 × 1.012 = 142 × 0.5237 × 0.6430 × 1.012 = 48.4.
  'gfr-not-indexed': {
    egfr: (f) => {
      expect(f.state === 'known' && f.origin).toBe('derived');
      expect(f.state === 'known' && f.value.value).toBeCloseTo(ckdEpi(1.2, 71, true), 6);
      expect(f.state === 'known' && f.value.value).toBeCloseTo(48.4, 1);
      expect(f.rejected).toContainEqual(expect.objectContaining({ source: expect.objectContaining({ id: 'gfr-not-indexed-obs-8', unit: 'mL/min' }), reason: expect.stringContaining('{1.73_m2}') }));
    },
  },
  // Total cholesterol 212 (obs-2) and 248 (obs-3), both final, same instant: neither. HDL 44 (obs-4, final) and 52
  // (obs-5, corrected), same instant: the correction.
  'same-time-conflict': {
    totalCholesterol: (f) => {
      expect(f.state).toBe('unknown');
      expect(f.sources.map((s) => s.id)).toEqual(['same-time-conflict-obs-2', 'same-time-conflict-obs-3']);
      expect(f.note).toContain('212 mg/dL');
      expect(f.note).toContain('248 mg/dL');
      expect(f.state === 'unknown' && f.reason).toContain('same time');
    },
    hdl: (f) => {
      known({ value: 52, unit: 'mg/dL' }, ['same-time-conflict-obs-5'])(f);
      expect(f.rejected.map((r) => r.source.id)).toContain('same-time-conflict-obs-4');
    },
  },
  // Died 400 days before 2026-03-10 (2025-02-03), aged 73: she turned 74 on 2025-11-30 (100 days ago).
  deceased: {
    deceased: (f) => {
      known(true, ['deceased'])(f);
      expect(f.state === 'known' && f.date).toBe('2025-02-03T09:30:00.000Z');
    },
    age: known({ value: 73, unit: 'a' }),
  },
  // HbA1c 4.2 % is a plausible result (3–20 %), kept as the fact; only PREVENT's add-on leaves it out.
  'low-hba1c': {
    hba1c: known({ value: 4.2, unit: '%' }, ['low-hba1c-obs-7']),
  },
};

describe('real-world chart shapes (sandbox patients)', () => {
  it.each(Object.entries(CASES))('%s', (id, expectation) => {
    const f = facts(id);
    for (const [key, check] of Object.entries(expectation) as [FactKey, (fact: Fact<unknown>) => void][]) check(f[key]);
  });

  it('uncategorised-conditions: its Conditions really have no category', () => {
    const mine = resources.filter((r: Resource): r is Condition => r.resourceType === 'Condition').filter((c) => c.subject.reference === 'Patient/uncategorised-conditions');
    expect(mine).toHaveLength(2);
    for (const c of mine) expect(c.category).toBeUndefined();
  });

  it('a living patient is not deceased, and her age runs to today', () => {
    const f = facts('survey-smoking');
    expect(f.deceased).toMatchObject({ state: 'known', value: false });
    expect(f.age).toMatchObject({ state: 'known', value: { value: 52 } });
  });
});
