/**
 * Fuzz: from the chart to the write-back. Chart facts of every state (chartFacts.arbitrary.ts) go through
 * chartInputs and suggestPlan; the physician signs every suggestion the engine made, with its goals, the model
 * results seen and the inputs' provenance; planToFhir (src/plan/toFhir) must build resources that all validate
 * against R4 as the sandbox FHIR server validates writes. test/plan/toFhirProperty.test.ts fuzzes the builder over
 * hostile text and a fixed set of activities; this one feeds it what the rules really suggest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestPlan } from '../../src/plan/engine.ts';
import { goalToSign, planToFhir, type PlanToSign } from '../../src/plan/toFhir/index.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import { NOW } from '../chart/fixtures.ts';
import { validationErrors } from '../plan/fhirValidation.ts';
import { APP, card } from '../plan/toFhirFixture.ts';
import { chartFacts } from './chartFacts.arbitrary.ts';
import { modelResults } from './modelResults.arbitrary.ts';
import { must } from './must.ts';
import { FUZZ } from './runs.ts';

const signing = fc.record({ draftId: fc.uuid(), status: fc.constantFrom('draft' as const, 'active' as const), withEncounter: fc.boolean() });

describe('fuzz: chart → suggestions → signed plan → FHIR R4', () => {
  it('every resource built from what the engine suggested validates as the sandbox validates writes', () => {
    let resources = 0;
    fc.assert(
      fc.property(chartFacts, modelResults, signing, (facts, results, { draftId, status, withEncounter }) => {
        const inputs = chartInputs(facts, { kfreRegion: 'north-america' });
        const { suggestions } = suggestPlan({ facts, inputs, results, now: NOW });
        const goals = [...new Map(suggestions.flatMap((s) => (s.goal ? [[s.goal.kind, s.goal.text] as const] : []))).entries()];
        const conditions = [facts.diabetes, facts.hypertension, facts.ascvd].flatMap((f) => (f.state === 'known' ? f.sources : [])).filter((s) => s.resourceType === 'Condition');
        const plan: PlanToSign = {
          draftId, status, title: 'Cardiovascular prevention plan', patientId: 'p1', practitioner: 'Practitioner/dr-1',
          ...(withEncounter ? { encounterId: 'enc-1' } : {}),
          createdAt: '2026-06-15T11:40:00.000Z', signedAt: NOW.toISOString(),
          items: suggestions.map((suggestion) => ({ kind: 'suggestion' as const, suggestion, edit: {} })),
          goals: goals.map(([kind, text]) => goalToSign(kind, { set: true, text })),
          models: Object.values(results).map((result) => ({ result, card: card(result.model) })),
          inputs, addresses: [...new Map(conditions.map((c) => [c.id, { resourceType: 'Condition', id: c.id }])).values()],
          rationale: 'Discussed with the patient.', app: { name: APP.name, version: APP.version },
        };
        for (const step of planToFhir(plan).steps) {
          resources++;
          const errors = validationErrors(step.resource);
          must(errors.length === 0, `${step.resource.resourceType}: ${errors.join('; ')}`);
        }
      }),
      FUZZ.writeBack,
    );
    // Every plan writes at least its CarePlan and Provenance; most also assessments and goals.
    expect(resources).toBeGreaterThanOrEqual(3 * FUZZ.writeBack.numRuns);
  });
});
