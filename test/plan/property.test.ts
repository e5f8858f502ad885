/**
 * Properties over random patients (seeded): no suggestion starts a drug the patient takes or is allergic/intolerant
 * to, and every suggestion carries a citation, class and level, and the numbers that triggered it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DRUG_CLASSES } from '../../src/chart/valueSets/medications.ts';
import { suggestPlan } from '../../src/plan/engine.ts';
import type { Suggestion } from '../../src/plan/types.ts';
import { contextOf, type Situation } from './situation.ts';

const RUNS = { numRuns: 2000, seed: 20260801 };

/** Ingredients the random patients may take or be allergic to: every class the rules touch. */
const INGREDIENTS = ['atorvastatin 20', 'atorvastatin 80', 'rosuvastatin 10', 'simvastatin 40', 'ezetimibe', 'lisinopril', 'losartan', 'amlodipine', 'chlorthalidone', 'metformin', 'empagliflozin', 'semaglutide', 'aspirin', 'clopidogrel', 'warfarin'];
const ALLERGENS = ['atorvastatin', 'rosuvastatin', 'pravastatin', 'lisinopril', 'losartan', 'chlorthalidone', 'amlodipine', 'empagliflozin', 'dapagliflozin', 'semaglutide', 'ezetimibe', 'metformin', 'aspirin', 'ticagrelor', 'prasugrel'];
const classOf = (ingredient: string) => DRUG_CLASSES.find((c) => c.ingredients.some((i) => i.name === ingredient))?.key ?? '';
const SAME_JOB: Record<string, string[]> = { aceInhibitor: ['aceInhibitor', 'arb'], arb: ['aceInhibitor', 'arb'] };

const allergy = fc.oneof(
  fc.record({ ingredient: fc.constantFrom(...ALLERGENS), type: fc.constantFrom('allergy' as const, 'intolerance' as const) }).map((a) => ({ ...a, drugClass: classOf(a.ingredient), display: a.ingredient })),
  fc.record({ drugClass: fc.constantFrom('statin', 'aceInhibitor', 'arb'), type: fc.constantFrom('allergy' as const, 'intolerance' as const) }).map((a) => ({ ...a, display: `${a.drugClass} class` })),
);

const situation: fc.Arbitrary<Situation> = fc.record({
  age: fc.integer({ min: 20, max: 95 }),
  sex: fc.constantFrom('female' as const, 'male' as const),
  ldl: fc.option(fc.integer({ min: 40, max: 300 }), { nil: undefined }),
  hdl: fc.option(fc.integer({ min: 20, max: 100 }), { nil: undefined }),
  sbp: fc.option(fc.integer({ min: 95, max: 200 }), { nil: undefined }),
  dbp: fc.option(fc.integer({ min: 55, max: 120 }), { nil: undefined }),
  homeSbp: fc.option(fc.integer({ min: 95, max: 180 }), { nil: undefined }),
  homeDbp: fc.option(fc.integer({ min: 55, max: 110 }), { nil: undefined }),
  hba1c: fc.option(fc.double({ min: 4.5, max: 12, noNaN: true }), { nil: undefined }),
  egfr: fc.option(fc.integer({ min: 8, max: 120 }), { nil: undefined }),
  uacr: fc.option(fc.integer({ min: 2, max: 2000 }), { nil: undefined }),
  potassium: fc.option(fc.double({ min: 3, max: 6.5, noNaN: true }), { nil: undefined }),
  bmi: fc.option(fc.double({ min: 17, max: 50, noNaN: true }), { nil: undefined }),
  activity: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  auditC: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  smoker: fc.boolean(), diabetes: fc.boolean(), hypertension: fc.boolean(), ascvd: fc.boolean(), heartFailure: fc.boolean(), familyHistory: fc.boolean(),
  pregnant: fc.option(fc.boolean(), { nil: undefined }),
  drugs: fc.uniqueArray(fc.constantFrom(...INGREDIENTS), { maxLength: 5, selector: (d) => d.split(' ')[0] }).filter((d) => d.filter((x) => classOf(x.split(' ')[0] ?? '') === 'statin').length <= 1),
  allergies: fc.array(allergy, { maxLength: 3 }),
  slco1b1: fc.option(fc.constantFrom('normal function' as const, 'decreased function' as const, 'poor function' as const), { nil: undefined }),
  cyp2c19: fc.option(fc.constantFrom('normal metabolizer' as const, 'intermediate metabolizer' as const, 'poor metabolizer' as const), { nil: undefined }),
  pce: fc.option(fc.double({ min: 0.001, max: 0.6, noNaN: true }), { nil: undefined }),
  kfre5y: fc.option(fc.double({ min: 0.001, max: 0.6, noNaN: true }), { nil: undefined }),
}, { requiredKeys: [] });

const starts = (s: Suggestion) => s.activity.kind === 'medication' && (s.activity.action === 'start' || s.activity.action === 'add' || s.activity.action === 'rechallenge');

describe('plan properties', () => {
  it('never starts a drug the patient takes, nor one a class doing the same job', () => {
    fc.assert(fc.property(situation, (p) => {
      const taken = (p.drugs ?? []).map((d) => d.split(' ')[0] ?? '');
      for (const s of suggestPlan(contextOf(p)).suggestions.filter(starts)) {
        expect(taken).not.toContain(s.activity.ingredient);
        if (s.activity.action !== 'rechallenge') {
          const cls = s.activity.drugClass ?? '';
          expect(taken.map(classOf).filter((c) => (SAME_JOB[cls] ?? [cls]).includes(c))).toEqual([]);
        }
      }
    }), RUNS);
  });

  it('never starts a drug the patient is allergic or intolerant to (a class intolerance allows only the low-dose rechallenge of another statin)', () => {
    fc.assert(fc.property(situation, (p) => {
      const recs = p.allergies ?? [];
      for (const s of suggestPlan(contextOf(p)).suggestions.filter(starts)) {
        const { ingredient, drugClass, action } = s.activity;
        expect(recs.filter((a) => a.ingredient !== undefined && a.ingredient === ingredient)).toEqual([]);
        const classRecs = recs.filter((a) => a.ingredient === undefined && a.drugClass === drugClass);
        expect(classRecs.filter((a) => a.type === 'allergy')).toEqual([]);
        if (classRecs.length > 0) expect([drugClass, action, s.activity.intensity]).toEqual(['statin', 'rechallenge', 'low']);
      }
    }), RUNS);
  });

  it('gives every suggestion and every ruled-out one a citation, class and level; every suggestion its triggers, every ruled-out one a reason', () => {
    fc.assert(fc.property(situation, (p) => {
      const plan = suggestPlan(contextOf(p));
      for (const s of [...plan.suggestions, ...plan.notSuggested.map((n) => n.suggestion)]) {
        expect(s.citation.guideline.length).toBeGreaterThan(0);
        expect(s.citation.where.length).toBeGreaterThan(0);
        expect(s.strength.cor.length).toBeGreaterThan(0);
        expect(s.strength.loe.length).toBeGreaterThan(0);
        expect(s.patientText.length).toBeGreaterThan(0);
      }
      for (const s of plan.suggestions) expect(s.triggers.length).toBeGreaterThan(0);
      for (const n of plan.notSuggested) expect(n.because.length).toBeGreaterThan(0);
      expect(new Set(plan.suggestions.map((s) => s.id)).size).toBe(plan.suggestions.length);
    }), RUNS);
  });

  it('never suggests simvastatin with reduced SLCO1B1 function, nor aspirin over 70 or with an anticoagulant', () => {
    fc.assert(fc.property(situation, (p) => {
      const plan = suggestPlan(contextOf(p)).suggestions.filter(starts);
      if (p.slco1b1 === 'decreased function' || p.slco1b1 === 'poor function') expect(plan.map((s) => s.activity.ingredient)).not.toContain('simvastatin');
      if ((p.age ?? 55) > 70 || (p.drugs ?? []).includes('warfarin')) expect(plan.map((s) => s.activity.ingredient)).not.toContain('aspirin');
    }), RUNS);
  });
});
