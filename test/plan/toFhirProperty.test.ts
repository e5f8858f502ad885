/**
 * Over random plans (seeded): every resource planToFhir builds, and the fallback note, validates against the R4
 * structure definitions as the sandbox validates writes, and every reference resolves within the Bundle or to the
 * chart (the patient, the encounter, the practitioner, the chart resources the plan was given).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES, counselling, labTest } from '../../src/plan/rules/common.ts';
import { medication } from '../../src/plan/drugs.ts';
import type { Activity } from '../../src/plan/types.ts';
import { goalToSign, planNote, planToFhir } from '../../src/plan/toFhir/index.ts';
import type { ChartReference, ModelResultSeen, PlanItemToSign, PlanToSign } from '../../src/plan/toFhir/types.ts';
import { MODEL_IDS, type InputName } from '../../src/risk/types.ts';
import type { InputProvenance } from '../../src/risk/viewModel.ts';
import { GOAL_KINDS } from '../../src/store/planDraft.ts';
import { validationErrors } from './fhirValidation.ts';
import { APP, card, suggestion } from './toFhirFixture.ts';

const RUNS = { numRuns: 2000, seed: 20260902 };

const CARDS = Object.fromEntries(MODEL_IDS.map((id) => [id, card(id)]));
const ACTIVITIES: Activity[] = [
  medication('atorvastatin', 'start', '40 mg once daily', 'high'),
  medication('rosuvastatin', 'intensify', '5–10 mg once daily', 'moderate'),
  medication('metformin', 'start', '500 mg once daily with food, up to 1000 mg twice daily'),
  medication('simvastatin', 'avoid', '40 mg a day or more'),
  medication('semaglutide', 'start', '0.25 mg weekly, titrated to 1 mg'),
  medication('varenicline', 'start', '1 mg twice daily for 12 weeks'),
  counselling(CODES.dietEducation),
  labTest(CODES.lipidPanel),
  { kind: 'referral', action: 'refer', code: CODES.nephrologyReferral },
];
const HOSTILE = ['<script>alert(1)</script>', '& &amp; "q" \'s\'', '</div>', '\u0000\u0007\uD800', '   ', ''];

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...HOSTILE));
const fhirId = fc.stringMatching(/^[A-Za-z0-9\-.]{1,64}$/);
const instant = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
const chartRef = fc.record({
  resourceType: fc.constantFrom('Observation', 'Patient', 'MedicationRequest', 'Condition', 'MedicationStatement'),
  id: fhirId,
  display: fc.option(text, { nil: undefined }),
});

const goalText = fc.oneof(text, fc.constantFrom('LDL-C < 70 mg/dL', 'BP < 130/80 mmHg', 'HbA1c ≤ 6.5 %', '2026-04-01', 'LDL-C ≥ 50 % lower and < 55 mg/dL'));

const item: fc.Arbitrary<PlanItemToSign> = fc.oneof(
  fc.record({
    activity: fc.constantFrom(...ACTIVITIES),
    goalKind: fc.option(fc.constantFrom(...GOAL_KINDS), { nil: undefined }),
    benefit: fc.boolean(),
    triggers: fc.array(text, { maxLength: 3 }),
    physicianText: text,
    edit: fc.record({ text: text, dose: fc.constantFrom('20 mg once daily', '10 mg twice daily', 'as tolerated', ''), timing: text }, { requiredKeys: [] }),
  }).map(({ activity, goalKind, benefit, triggers, physicianText, edit }) => ({
    kind: 'suggestion' as const,
    suggestion: suggestion('s', activity, {
      physicianText, triggers,
      ...(goalKind ? { goal: { kind: goalKind, text: 'default goal' } } : {}),
      ...(benefit ? { benefit: { therapy: 'statin-moderate' as const, absoluteReduction: 0.02, numberNeededToTreat: 50, label: 'statin' } } : {}),
    }),
    edit,
  })),
  fc.record({ id: fc.string(), text, timing: text }).map((a) => ({ kind: 'added' as const, ...a })),
);

const model: fc.Arbitrary<ModelResultSeen> = fc.constantFrom(...MODEL_IDS).chain((id) =>
  fc.record({
    applicable: fc.boolean(),
    risks: fc.record(Object.fromEntries((CARDS[id]?.risks ?? []).map((k) => [k, fc.double({ min: 0, max: 1, noNaN: true })])), { requiredKeys: [] }),
    reason: text,
    variant: text,
  }).map(({ applicable, risks, reason, variant }): ModelResultSeen => ({
    card: CARDS[id] ?? card(id),
    result: applicable ? { model: id, applicable: true, reason, variant, risks } : { model: id, applicable: false, reason, variant, risks: {} },
  })),
);

const INPUT_NAMES: InputName[] = ['age', 'sex', 'race', 'totalCholesterol', 'hdl', 'systolicBP', 'onBPTreatment', 'onStatin', 'smoker', 'diabetes', 'egfr', 'bmi', 'hba1c', 'uacr', 'albumin', 'phosphate', 'bicarbonate', 'calcium', 'region'];
const provenance = fc.dictionary(
  fc.constantFrom(...INPUT_NAMES),
  fc.record({ origin: fc.constantFrom('chart' as const, 'derived' as const, 'entered' as const), display: text, method: fc.option(text, { nil: undefined }), sources: fc.array(chartRef, { maxLength: 3 }) }),
  { maxKeys: 12 },
).map((d) =>
  Object.fromEntries(
    Object.entries(d).map(([name, { method, ...p }]): [string, InputProvenance] => [name, { input: name as InputName, fact: 'age', ...p, ...(method === undefined ? {} : { method }) }]),
  ),
);

const plan: fc.Arbitrary<PlanToSign> = fc.record({
  draftId: fc.uuid(),
  status: fc.constantFrom('draft' as const, 'active' as const),
  title: text,
  patientId: fhirId,
  encounterId: fc.option(fhirId, { nil: undefined }),
  practitioner: fhirId.map((id) => `Practitioner/${id}`),
  createdAt: instant,
  signedAt: instant,
  items: fc.array(item, { maxLength: 6 }),
  goals: fc.uniqueArray(fc.record({ kind: fc.constantFrom(...GOAL_KINDS), text: goalText }), { selector: (g) => g.kind, maxLength: 5 }),
  models: fc.uniqueArray(model, { selector: (m) => m.card.id, maxLength: 4 }),
  provenance,
  therapyBaseline: fc.option(fc.constantFrom('pce' as const, 'prevent' as const), { nil: undefined }),
  addresses: fc.array(fc.record({ resourceType: fc.constant('Condition'), id: fhirId, display: fc.option(text, { nil: undefined }) }), { maxLength: 3 }),
  rationale: text,
  revise: fc.option(fc.record({ carePlanId: fhirId, versionId: fc.stringMatching(/^[0-9]{1,4}$/) }), { nil: undefined }),
}).map(({ goals, provenance: p, encounterId, therapyBaseline, revise, ...rest }): PlanToSign => ({
  ...rest,
  goals: goals.map((g) => goalToSign(g.kind, { set: true, text: g.text })),
  inputs: { inputs: {}, provenance: p, missing: {} },
  app: { name: APP.name, version: APP.version },
  ...(encounterId ? { encounterId } : {}),
  ...(therapyBaseline ? { therapyBaseline } : {}),
  ...(revise ? { revise } : {}),
}));

/** Every `reference` string anywhere in a resource. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'reference' && typeof v === 'string' ? [v] : referencesIn(v)));
  }
  return [];
}

function chartReferences(p: PlanToSign): Set<string> {
  const chart: ChartReference[] = [...p.addresses, ...Object.values(p.inputs.provenance).flatMap((i) => i?.sources ?? [])];
  return new Set([`Patient/${p.patientId}`, p.practitioner, ...(p.encounterId ? [`Encounter/${p.encounterId}`] : []), ...chart.map((c) => `${c.resourceType}/${c.id}`)]);
}

describe('planToFhir over random plans', () => {
  it('every resource validates and every reference resolves within the Bundle or to the chart', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const out = planToFhir(p);
        const local = new Set(out.steps.map((s) => s.fullUrl));
        const chart = chartReferences(p);
        for (const s of out.steps) {
          expect(validationErrors(s.resource), s.resource.resourceType).toEqual([]);
          for (const r of referencesIn(s.resource)) expect(local.has(r) || chart.has(r), r).toBe(true);
        }
        const note = planNote(p).resource;
        expect(validationErrors(note)).toEqual([]);
        for (const r of referencesIn(note)) expect(chart.has(r), r).toBe(true);
        // One CarePlan, one Provenance, one assessment per applicable model with a number, one goal per goal.
        const count = (type: string) => out.steps.filter((s) => s.resource.resourceType === type).length;
        expect([count('CarePlan'), count('Provenance'), count('Goal')]).toEqual([1, 1, p.goals.length]);
        expect(count('RiskAssessment')).toBe(p.models.filter((m) => m.result.applicable && Object.keys(m.result.risks).length > 0).length);
      }),
      RUNS,
    );
  }, 300_000);
});
