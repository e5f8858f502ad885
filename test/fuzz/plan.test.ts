/**
 * Fuzz: the plan suggestions engine (src/plan: suggestPlan) over chart facts of every state (chartFacts.arbitrary.ts)
 * and arbitrary model results. test/plan/property.test.ts runs the same guarantees over hand-shaped situations (a
 * fully loaded chart, a short drug list); here the drug and allergy lists range over the whole drug table, class-level
 * and unclassifiable records, a statin intolerance with no statin record, lists that did not load, and numbers the
 * chart layer should never deliver. Nothing throws; nothing is started that the patient takes or is allergic or
 * intolerant to (a statin-class intolerance allows only the low-dose rechallenge of another statin); every
 * suggestion carries its citation, class and level; a list that did not load is named on every drug suggested.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnown, type ChartFacts } from '../../src/chart/types.ts';
import { suggestPlan } from '../../src/plan/engine.ts';
import type { Suggestion } from '../../src/plan/types.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import { NOW } from '../chart/fixtures.ts';
import { chartFacts } from './chartFacts.arbitrary.ts';
import { modelResults } from './modelResults.arbitrary.ts';
import { must } from './must.ts';
import { FUZZ } from './runs.ts';

/** Classes that do one job: an ACE inhibitor and an ARB are not combined (KDIGO 2024); any other class only itself. */
const SAME_JOB: Readonly<Record<string, readonly string[]>> = { aceInhibitor: ['aceInhibitor', 'arb'], arb: ['aceInhibitor', 'arb'] };

const starts = (s: Suggestion) => s.activity.kind === 'medication' && ['start', 'add', 'rechallenge'].includes(s.activity.action);
/** Any medication the patient would take under the suggestion (not a stop or an avoid). */
const gives = (s: Suggestion) => s.activity.kind === 'medication' && s.activity.action !== 'stop' && s.activity.action !== 'avoid';

function checkDrugsTaken(facts: ChartFacts, s: Suggestion): void {
  const { ingredient, drugClass, action } = s.activity;
  if (!isKnown(facts.drugs)) {
    must(s.cautions.some((c) => c.includes('medications not loaded')), `${s.id}: starts ${ingredient} without saying medications did not load`);
    return;
  }
  const taken = facts.drugs.value;
  must(!taken.some((d) => d.ingredient === ingredient), `${s.id}: starts ${ingredient}, which the patient takes`);
  if (action === 'rechallenge') return;
  const sameJob = SAME_JOB[drugClass ?? ''] ?? [drugClass];
  const duplicate = taken.find((d) => sameJob.includes(d.drugClass));
  must(duplicate === undefined, `${s.id}: starts ${ingredient} (${drugClass}) beside ${duplicate?.ingredient}`);
}

function checkAllergies(facts: ChartFacts, s: Suggestion): void {
  const { ingredient, drugClass, action, intensity } = s.activity;
  if (!isKnown(facts.drugAllergies)) {
    must(s.cautions.some((c) => c.includes('allergies not loaded')), `${s.id}: gives ${ingredient} without saying allergies did not load`);
    return;
  }
  const records = facts.drugAllergies.value;
  must(!records.some((r) => r.ingredient !== undefined && r.ingredient === ingredient), `${s.id}: gives ${ingredient}, recorded as an allergy or intolerance`);
  const classRecords = records.filter((r) => r.ingredient === undefined && r.drugClass !== undefined && r.drugClass === drugClass);
  must(!classRecords.some((r) => r.type === 'allergy'), `${s.id}: gives ${ingredient} despite an allergy to its class ${drugClass}`);
  const lowDoseRechallenge = drugClass === 'statin' && action === 'rechallenge' && intensity === 'low';
  if (classRecords.length > 0) must(lowDoseRechallenge, `${s.id}: ${action} ${ingredient} despite an intolerance to its class`);
  // A statin intolerance the allergy list cannot class (e.g. from a diagnosis) allows only the rechallenge too.
  const statinListed = records.some((r) => r.drugClass === 'statin');
  if (drugClass === 'statin' && !statinListed && isKnown(facts.statinIntolerance) && facts.statinIntolerance.value) {
    must(action === 'rechallenge', `${s.id}: ${action} ${ingredient} despite a recorded statin intolerance`);
  }
}

function checkCitation(s: Suggestion): void {
  must(s.citation.guideline.length > 0 && s.citation.where.length > 0, `${s.id}: no citation`);
  must(s.strength.cor.length > 0 && s.strength.loe.length > 0, `${s.id}: no class or level`);
}

describe('fuzz: plan suggestions over chart facts of every state', () => {
  it('starts nothing taken or ruled out by an allergy or intolerance, names lists that did not load, and cites every suggestion', () => {
    const seen = { starts: 0, rechallenges: 0, withAllergies: 0 };
    fc.assert(
      fc.property(chartFacts, modelResults, (facts, results) => {
        const plan = suggestPlan({ facts, inputs: chartInputs(facts, { kfreRegion: 'north-america' }), results, now: NOW });
        for (const s of plan.suggestions) {
          checkCitation(s);
          must(s.triggers.length > 0, `${s.id}: no triggers`);
          if (starts(s)) {
            seen.starts++;
            if (s.activity.action === 'rechallenge') seen.rechallenges++;
            checkDrugsTaken(facts, s);
          }
          if (gives(s)) {
            if (isKnown(facts.drugAllergies) && facts.drugAllergies.value.length > 0) seen.withAllergies++;
            checkAllergies(facts, s);
          }
        }
        for (const n of plan.notSuggested) {
          checkCitation(n.suggestion);
          must(n.because.length > 0, `${n.suggestion.id}: ruled out without a reason`);
        }
      }),
      FUZZ.plan,
    );
    // The properties must bite: many drugs started, statin rechallenges among them, and drugs given beside allergy records.
    expect(seen.starts).toBeGreaterThanOrEqual(2000);
    expect(seen.rechallenges).toBeGreaterThanOrEqual(100);
    expect(seen.withAllergies).toBeGreaterThanOrEqual(1000);
  });
});
