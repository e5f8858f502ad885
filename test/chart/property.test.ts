import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildFacts, EMPTY_CHART, RISK_INPUT_KEYS } from '../../src/chart/buildFacts.ts';
import { OBSERVATION_CONCEPTS } from '../../src/chart/valueSets/observations.ts';
import type { ChartFacts, Fact } from '../../src/chart/types.ts';
import { ALL_LOADED, NOW } from './fixtures.ts';

// Codes the builder reads, so generated resources hit real code paths rather than being skipped.
const LOINCS = [...OBSERVATION_CONCEPTS.flatMap((c) => c.codes.map((x) => x.code)), '85354-9', '55284-4', '72166-2', '82810-3', '84413-4'];

const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant({}), fc.constant([]));
const number = fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(Infinity), fc.constant(-1e308), fc.constant(1e308), fc.constant(-0));
const unit = fc.oneof(fc.constantFrom('mg/dL', 'mmol/L', 'umol/L', 'mm[Hg]', 'mmHg', '%', 'mmol/mol', 'kg', '[lb_av]', 'cm', 'mg/g', 'mg/mmol', 'g/L', 'meq/L', '{score}', 'mL/min/{1.73_m2}', '', 'µ', 'm/s2', '10*3/uL'), fc.string());
const date = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30', '2026-13-01', 'yesterday', '', '2026', '2025-06', '+020000-01-01'),
  junk,
);
const coding = fc.record({ system: fc.oneof(fc.constantFrom('http://loinc.org', 'http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10-cm', 'http://www.nlm.nih.gov/research/umls/rxnorm'), junk), code: fc.oneof(fc.constantFrom(...LOINCS, '449868002', '8517006', 'E11', 'I10', '22298006', '83367', '36567'), junk), display: fc.oneof(fc.string(), fc.constantFrom('atorvastatin 40 MG Oral Tablet', 'SLCO1B1 *1/*5'), junk) }, { requiredKeys: [] });
const concept = fc.oneof(fc.record({ coding: fc.oneof(fc.array(coding, { maxLength: 3 }), junk), text: fc.oneof(fc.string(), junk) }, { requiredKeys: [] }), junk);
const quantity = fc.oneof(fc.record({ value: fc.oneof(number, junk), unit: fc.oneof(unit, junk), system: fc.oneof(fc.constant('http://unitsofmeasure.org'), junk), code: fc.oneof(unit, junk), comparator: fc.oneof(fc.constantFrom('<', '>='), fc.constant(undefined)) }, { requiredKeys: [] }), junk);
const id = fc.oneof(fc.constantFrom('a', 'b', 'dup'), fc.string(), junk);
const status = fc.oneof(fc.constantFrom('final', 'amended', 'corrected', 'preliminary', 'entered-in-error', 'active', 'stopped'), junk);

const observation = fc.record({
  resourceType: fc.oneof(fc.constant('Observation'), junk), id, status, code: concept, valueQuantity: quantity, valueCodeableConcept: concept,
  valueInteger: fc.oneof(number, junk), effectiveDateTime: date, effectivePeriod: fc.oneof(fc.record({ start: date, end: date }, { requiredKeys: [] }), junk),
  dataAbsentReason: fc.oneof(fc.constant(undefined), concept),
  component: fc.oneof(fc.array(fc.record({ code: concept, valueQuantity: quantity, dataAbsentReason: fc.oneof(fc.constant(undefined), concept) }, { requiredKeys: [] }), { maxLength: 3 }), junk),
}, { requiredKeys: [] });
const statusConcept = fc.oneof(fc.record({ coding: fc.array(fc.record({ code: fc.oneof(fc.constantFrom('active', 'resolved', 'refuted', 'confirmed', 'entered-in-error'), junk) }, { requiredKeys: [] }), { maxLength: 2 }) }, { requiredKeys: [] }), junk);
const condition = fc.record({ resourceType: fc.oneof(fc.constant('Condition'), junk), id, code: concept, clinicalStatus: statusConcept, verificationStatus: statusConcept, onsetDateTime: date, recordedDate: date }, { requiredKeys: [] });
const dosage = fc.oneof(fc.array(fc.record({ timing: fc.oneof(fc.record({ repeat: fc.record({ frequency: fc.oneof(number, junk), period: fc.oneof(number, junk), periodUnit: fc.oneof(fc.constantFrom('d', 'wk', 'h'), junk) }, { requiredKeys: [] }) }, { requiredKeys: [] }), junk), doseAndRate: fc.oneof(fc.array(fc.record({ doseQuantity: quantity }, { requiredKeys: [] }), { maxLength: 1 }), junk) }, { requiredKeys: [] }), { maxLength: 2 }), junk);
const medRequest = fc.record({ resourceType: fc.oneof(fc.constant('MedicationRequest'), junk), id, status, intent: fc.oneof(fc.constantFrom('order', 'proposal'), junk), medicationCodeableConcept: concept, medicationReference: fc.oneof(fc.record({ reference: fc.oneof(fc.constantFrom('#m', 'Medication/m'), fc.string()) }), junk), dosageInstruction: dosage, doNotPerform: fc.oneof(fc.boolean(), junk) }, { requiredKeys: [] });
const allergy = fc.record({ resourceType: fc.oneof(fc.constant('AllergyIntolerance'), junk), id, code: concept, clinicalStatus: statusConcept, verificationStatus: statusConcept, recordedDate: date }, { requiredKeys: [] });
const family = fc.record({ resourceType: fc.oneof(fc.constant('FamilyMemberHistory'), junk), id, status, relationship: concept, sex: concept, condition: fc.oneof(fc.array(fc.record({ code: concept, onsetAge: quantity }, { requiredKeys: [] }), { maxLength: 2 }), junk) }, { requiredKeys: [] });
const patientRes = fc.oneof(fc.record({ resourceType: fc.oneof(fc.constant('Patient'), junk), id, gender: fc.oneof(fc.constantFrom('female', 'male', 'other'), junk), birthDate: date }, { requiredKeys: [] }), junk);
const anything = fc.oneof(junk, fc.anything());

const chartArb = fc.record({
  patient: patientRes,
  observations: fc.array(fc.oneof(observation, anything), { maxLength: 12 }),
  conditions: fc.array(fc.oneof(condition, anything), { maxLength: 4 }),
  medicationRequests: fc.array(fc.oneof(medRequest, anything), { maxLength: 4 }),
  allergies: fc.array(fc.oneof(allergy, anything), { maxLength: 2 }),
  familyHistory: fc.array(fc.oneof(family, anything), { maxLength: 2 }),
});

const build = (c: Record<string, unknown>) =>
  buildFacts({ ...EMPTY_CHART, ...(c as object), medicationStatements: [], medications: [], loaded: ALL_LOADED }, NOW);

function allFacts(facts: ChartFacts): [string, Fact<unknown>][] {
  return Object.entries(facts) as [string, Fact<unknown>][];
}

describe('fact builder on malformed resources (fast-check)', () => {
  it('never throws, and every known quantity is finite, in its canonical unit and plausible range', () => {
    fc.assert(
      fc.property(chartArb, (c) => {
        const facts = build(c);
        for (const concept of OBSERVATION_CONCEPTS) {
          const f = facts[concept.key];
          if (f.state !== 'known') continue;
          expect(f.value.unit).toBe(concept.unit);
          expect(Number.isFinite(f.value.value)).toBe(true);
          if (f.origin === 'chart') {
            expect(f.value.value).toBeGreaterThanOrEqual(concept.plausible[0]);
            expect(f.value.value).toBeLessThanOrEqual(concept.plausible[1]);
          }
        }
        for (const [, f] of allFacts(facts)) {
          expect(['known', 'unknown']).toContain(f.state);
          if (f.state === 'known') expect(f.value).not.toBeUndefined();
        }
        for (const key of RISK_INPUT_KEYS) expect(facts[key]).toBeDefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('a valid result gives its value; any one corruption of it gives no value (never a value from invalid data)', () => {
    const concepts = OBSERVATION_CONCEPTS.filter((c) => c.unit !== '{score}');
    const corruption = fc.constantFrom(
      { status: 'entered-in-error' }, { status: 'preliminary' }, { status: undefined }, { status: 42 },
      { dataAbsentReason: { text: 'not done' } },
      { effectiveDateTime: '2099-01-01' }, { effectiveDateTime: '2026-02-30' }, { effectiveDateTime: 'soon' }, { effectiveDateTime: undefined },
      { value: Number.NaN }, { value: Infinity }, { value: '120' }, { value: undefined }, { value: 1e300 }, { value: -5 },
      { unit: undefined }, { unit: 'furlong' }, { unit: 'mmol/kg/s' },
      { comparator: '<' }, { id: undefined }, { id: 7 }, { resourceType: 'Condition' }, { code: { text: 'cholesterol' } },
    );
    const arb = fc.record({
      concept: fc.constantFrom(...concepts),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      days: fc.integer({ min: 0, max: 5000 }),
      corruptions: fc.uniqueArray(corruption, { maxLength: 3, selector: (c) => JSON.stringify(c) }),
    });
    fc.assert(
      fc.property(arb, ({ concept, fraction, days, corruptions }) => {
        const [lo, hi] = concept.plausible;
        const value = lo + (hi - lo) * fraction;
        const patch = Object.assign({}, ...corruptions) as Record<string, unknown>;
        const has = (k: string) => k in patch;
        const quantity = {
          value: has('value') ? patch.value : value,
          ...(has('comparator') ? { comparator: patch.comparator } : {}),
          ...(has('unit') ? (patch.unit === undefined ? {} : { unit: patch.unit, system: 'http://unitsofmeasure.org', code: patch.unit }) : { unit: concept.unit, system: 'http://unitsofmeasure.org', code: concept.unit }),
        };
        const resource: Record<string, unknown> = {
          resourceType: has('resourceType') ? patch.resourceType : 'Observation',
          id: has('id') ? patch.id : 'obs-1',
          status: has('status') ? patch.status : 'final',
          code: has('code') ? patch.code : { coding: [concept.codes[0]] },
          effectiveDateTime: has('effectiveDateTime') ? patch.effectiveDateTime : new Date(NOW.getTime() - days * 86_400_000).toISOString(),
          valueQuantity: quantity,
          ...(has('dataAbsentReason') ? { dataAbsentReason: patch.dataAbsentReason } : {}),
          // Home BP concepts read only readings the patient took (homeReadings.ts).
          ...(concept.setting === 'out-of-office' ? { performer: [{ reference: 'Patient/p1' }] } : {}),
        };
        const f = buildFacts({ ...EMPTY_CHART, observations: [resource], loaded: ALL_LOADED }, NOW)[concept.key];
        if (corruptions.length === 0) {
          expect(f.state).toBe('known');
          expect(f.state === 'known' && f.value.value).toBeCloseTo(value, 9);
        } else {
          expect(f.state).toBe('unknown');
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('resources that are not FHIR objects at all give only unknown quantities', () => {
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 10 }), (observations) => {
        const facts = buildFacts({ ...EMPTY_CHART, observations, loaded: ALL_LOADED }, NOW);
        for (const concept of OBSERVATION_CONCEPTS) expect(facts[concept.key].state).toBe('unknown');
      }),
      { numRuns: 1000 },
    );
  });
});
