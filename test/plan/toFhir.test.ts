/**
 * planToFhir on a realistic plan (test/plan/toFhirFixture.ts): every resource written out by hand from the fixture
 * and the codes' sources, validated as the sandbox FHIR server validates writes, with identifiers that make retries
 * idempotent and a revision an update.
 */
import { describe, expect, it } from 'vitest';
import { planToFhir, resolveLocalReferences, TAILOR_IDENTIFIER_SYSTEM } from '../../src/plan/toFhir/index.ts';
import { canonicalJson, fnv1a64, uuidFor } from '../../src/plan/toFhir/identifiers.ts';
import type { ModelResultSeen, PlanToSign, WriteStep } from '../../src/plan/toFhir/types.ts';
import { validationErrors } from './fhirValidation.ts';
import { PLAN, RESULTS } from './toFhirFixture.ts';

const DRAFT = '3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f809a1b';
const URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const idValue = (slot: string) => expect.stringMatching(new RegExp(`^${DRAFT}/${slot}/[0-9a-f]{16}$`));
const SIGNED = '2026-03-10T14:30:00.000Z';
const UCUM = 'http://unitsofmeasure.org';
const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const years = (value: number) => ({ high: { value, unit: 'years', system: UCUM, code: 'a' } });
const ref = (reference: string) => ({ reference });
const PATIENT = ref('Patient/pt-alvarez');
const ENCOUNTER = ref('Encounter/enc-1');
const DR = ref('Practitioner/dr-okafor');
const ENTERED_NOTE = { text: 'Entered by hand in Tailor, not from the chart: HDL cholesterol 48 mg/dL; current smoking yes.' };
const ASCVD = {
  coding: [{ system: SCT, code: '72092001', display: 'Arteriosclerotic vascular disease (disorder)' }],
  text: 'Atherosclerotic cardiovascular disease event (Goff 2013, hard ASCVD: nonfatal myocardial infarction, coronary heart disease death, fatal or nonfatal stroke; Khan 2024 PREVENT ASCVD likewise)',
};
const CVD = { coding: [{ system: SCT, code: '49601007', display: 'Disorder of cardiovascular system (disorder)' }], text: 'Total cardiovascular disease event: ASCVD or heart failure (Khan 2024, PREVENT)' };
const HF = { coding: [{ system: SCT, code: '84114007', display: 'Heart failure (disorder)' }], text: 'Heart failure (Khan 2024, PREVENT)' };
const PCE_CODE = { system: LOINC, code: '79423-0', display: 'Cardiovascular disease 10Y risk [Likelihood] ACC-AHA Pooled Cohort by Goff 2013' };
const PCE_NAME = 'Pooled Cohort Equations (PCE), 10-year hard ASCVD risk';
const PREVENT_NAME = 'AHA PREVENT equations: 10- and 30-year total CVD, ASCVD and heart failure risk';
const GOFF = 'Goff DC Jr et al. 2013 ACC/AHA Guideline on the Assessment of Cardiovascular Risk. Circulation. 2014;129(25 Suppl 2):S49-S73.';
const KHAN = "Khan SS et al. Development and Validation of the American Heart Association's PREVENT Equations. Circulation. 2024;149(6):430-449.";
const PCE_METHOD = {
  coding: [{ system: 'urn:tailor:risk-model', version: '1.1.0', code: 'pce', display: PCE_NAME }],
  text: `${PCE_NAME}, version 1.1.0, white-female (Tailor model card models/pce/card.json; ${GOFF})`,
};
const PCE_BASIS = [PATIENT, { reference: 'Observation/chol-1', display: 'Cholesterol [Mass/volume] in Serum or Plasma' }, ref('Observation/bp-1'), ref('Observation/bp-2'), ref('MedicationRequest/mr-lis')];

const out = planToFhir(PLAN);
const step = (type: string, n = 0): WriteStep => {
  const found = out.steps.filter((s) => s.resource.resourceType === type)[n];
  if (!found) throw new Error(`no ${type} #${n}`);
  return found;
};
const urn = (type: string, n = 0) => step(type, n).fullUrl;

describe('FNV-1a 64 and the named UUIDs', () => {
  it('gives the published FNV-1a 64-bit test vectors (Fowler/Noll/Vo test suite)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
  it('names a version-8 UUID with the RFC 4122 variant, the same for the same name', () => {
    expect(uuidFor('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFor('x')).toBe(uuidFor('x'));
    expect(uuidFor('x')).not.toBe(uuidFor('y'));
  });
  it('orders keys in canonical JSON and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});

describe('planToFhir: the realistic plan', () => {
  it('writes, in dependency order: PCE assessment and its Observation, PREVENT assessment, three goals, the CarePlan, the Provenance (KFRE not applicable: nothing)', () => {
    expect(out.steps.map((s) => s.resource.resourceType)).toEqual(['RiskAssessment', 'Observation', 'RiskAssessment', 'Goal', 'Goal', 'Goal', 'CarePlan', 'Provenance']);
    for (const s of out.steps) expect(s.fullUrl).toMatch(s.resource.resourceType === 'CarePlan' ? `urn:uuid:${DRAFT}` : URN);
    expect(new Set(out.steps.map((s) => s.fullUrl)).size).toBe(8);
  });

  it('PCE RiskAssessment', () => {
    const s = step('RiskAssessment');
    expect(s.resource).toEqual({
      resourceType: 'RiskAssessment',
      status: 'final',
      code: { coding: [PCE_CODE], text: PCE_NAME },
      subject: PATIENT, encounter: ENCOUNTER,
      occurrenceDateTime: SIGNED,
      performer: DR,
      method: PCE_METHOD,
      basis: PCE_BASIS,
      // 0.12345678 to 4 decimals.
      prediction: [{ outcome: ASCVD, probabilityDecimal: 0.1235, whenRange: years(10) }],
      note: [ENTERED_NOTE],
      identifier: [{ system: TAILOR_IDENTIFIER_SYSTEM, value: idValue('risk-assessment/pce') }],
    });
    expect(s.identifier).toEqual({ system: 'urn:tailor:plan', value: idValue('risk-assessment/pce') });
    expect(s.request).toEqual({ method: 'POST', url: 'RiskAssessment', ifNoneExist: `identifier=urn%3Atailor%3Aplan|${encodeURIComponent(s.identifier.value ?? '')}` });
    expect(s.fullUrl).toBe(`urn:uuid:${uuidFor(s.identifier.value ?? '')}`);
    expect(s.references).toEqual([]);
  });

  it('PCE 10-year risk Observation, LOINC 79423-0 in %', () => {
    const s = step('Observation');
    expect(s.resource).toEqual({
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
      code: { coding: [PCE_CODE], text: PCE_CODE.display },
      subject: PATIENT, encounter: ENCOUNTER,
      effectiveDateTime: SIGNED, issued: SIGNED,
      performer: [DR],
      valueQuantity: { value: 12.35, unit: '%', system: UCUM, code: '%' },
      method: PCE_METHOD,
      // Only Observations: derivedFrom cannot reference the Patient or the MedicationRequest.
      derivedFrom: PCE_BASIS.slice(1, 4),
      note: [ENTERED_NOTE],
      identifier: [{ system: TAILOR_IDENTIFIER_SYSTEM, value: idValue('observation/ascvd-10y') }],
    });
    expect(s.request).toMatchObject({ method: 'POST', url: 'Observation' });
  });

  it('PREVENT RiskAssessment: six predictions in the card order, eGFR named as derived', () => {
    expect(step('RiskAssessment', 1).resource).toEqual({
      resourceType: 'RiskAssessment',
      status: 'final',
      code: { text: PREVENT_NAME },
      subject: PATIENT, encounter: ENCOUNTER,
      occurrenceDateTime: SIGNED,
      performer: DR,
      method: {
        coding: [{ system: 'urn:tailor:risk-model', version: '1.0.0', code: 'prevent', display: PREVENT_NAME }],
        text: `${PREVENT_NAME}, version 1.0.0, base (Tailor model card models/prevent/card.json; ${KHAN})`,
      },
      basis: [...PCE_BASIS, ref('Observation/creat-1')],
      prediction: [
        { outcome: CVD, probabilityDecimal: 0.0891, whenRange: years(10) },
        { outcome: ASCVD, probabilityDecimal: 0.0612, whenRange: years(10) },
        { outcome: HF, probabilityDecimal: 0.0354, whenRange: years(10) },
        { outcome: CVD, probabilityDecimal: 0.2777, whenRange: years(30) },
        { outcome: ASCVD, probabilityDecimal: 0.19, whenRange: years(30) },
        { outcome: HF, probabilityDecimal: 0.131, whenRange: years(30) },
      ],
      note: [ENTERED_NOTE, { text: 'Derived by Tailor from chart values: eGFR 88 mL/min/1.73 m² (CKD-EPI 2021 creatinine equation).' }],
      identifier: [{ system: TAILOR_IDENTIFIER_SYSTEM, value: idValue('risk-assessment/prevent') }],
    });
  });

  it('Goals: LDL-C and BP with UCUM targets measured by their LOINC tests, the quit date as a due date', () => {
    const goal = (text: string, kind: string, target: unknown[]) => ({
      resourceType: 'Goal', lifecycleStatus: 'active', description: { text }, subject: PATIENT, target, expressedBy: DR,
      identifier: [{ system: TAILOR_IDENTIFIER_SYSTEM, value: idValue(`goal/${kind}`) }],
    });
    const measure = (code: string, display: string) => ({ coding: [{ system: LOINC, code, display }], text: display });
    expect(step('Goal', 0).resource).toEqual(goal('LDL-C < 70 mg/dL', 'ldl', [
      { measure: measure('2089-1', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma'), detailQuantity: { value: 70, comparator: '<', unit: 'mg/dL', system: UCUM, code: 'mg/dL' } },
    ]));
    expect(step('Goal', 1).resource).toEqual(goal('BP < 130/80 mmHg', 'bp', [
      { measure: measure('8480-6', 'Systolic blood pressure'), detailQuantity: { value: 130, comparator: '<', unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
      { measure: measure('8462-4', 'Diastolic blood pressure'), detailQuantity: { value: 80, comparator: '<', unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
    ]));
    expect(step('Goal', 2).resource).toEqual(goal('Quit date 2026-04-01', 'quit-date', [{ dueDate: '2026-04-01' }]));
  });

  it('CarePlan: every field, each activity linked to its goal, the statin also to the PCE result that ranked it', () => {
    const s = step('CarePlan');
    const { text, ...carePlan } = s.resource as { text: { status: string; div: string } };
    expect(text.status).toBe('generated');
    expect(text.div).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">.*<\/div>$/);
    expect(carePlan).toEqual({
      resourceType: 'CarePlan',
      identifier: [{ system: 'urn:tailor:plan', value: DRAFT }],
      status: 'active',
      intent: 'plan',
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan', display: 'Assessment and Plan of Treatment' }] }],
      title: 'Cardiovascular prevention plan',
      subject: PATIENT, encounter: ENCOUNTER,
      created: '2026-03-10T14:02:00.000Z',
      author: DR,
      addresses: [{ reference: 'Condition/cond-htn', display: 'Essential hypertension' }],
      supportingInfo: [
        { reference: urn('RiskAssessment', 0), type: 'RiskAssessment' },
        { reference: urn('RiskAssessment', 1), type: 'RiskAssessment' },
        { reference: urn('Observation'), type: 'Observation' },
      ],
      goal: [0, 1, 2].map((n) => ({ reference: urn('Goal', n), type: 'Goal' })),
      activity: [
        {
          detail: {
            kind: 'MedicationRequest',
            productCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '83367', display: 'atorvastatin' }], text: 'atorvastatin' },
            reasonCode: [{ text: 'PCE 10-year ASCVD 12.3 %' }, { text: 'LDL-C 162 mg/dL (2026-02-08)' }],
            reasonReference: [{ reference: urn('Observation'), type: 'Observation' }],
            goal: [{ reference: urn('Goal', 0), type: 'Goal' }],
            status: 'not-started',
            scheduledString: 'start today',
            // The physician's 40 mg once daily, not the engine's 20 mg.
            dailyAmount: { value: 40, unit: 'mg', system: UCUM, code: 'mg' },
            description: 'Intermediate risk (PCE 12.3 %): start atorvastatin 20 mg once daily (moderate intensity). Dose: 40 mg once daily. When: start today.',
          },
        },
        {
          detail: {
            kind: 'MedicationRequest',
            productCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '29046', display: 'lisinopril' }], text: 'lisinopril' },
            reasonCode: [{ text: 'BP 142/88 mmHg (mean of 3 readings, 2025-09 to 2026-02)' }],
            goal: [{ reference: urn('Goal', 1), type: 'Goal' }],
            status: 'not-started',
            // "10–40 mg once daily" is a range: no daily amount.
            description: 'Stage 2 hypertension (BP 142/88 mmHg): start lisinopril 10–40 mg once daily, goal BP < 130/80 mmHg.',
          },
        },
        {
          detail: {
            kind: 'ServiceRequest',
            code: { coding: [{ system: SCT, code: '225323000', display: 'Smoking cessation education' }], text: 'Smoking cessation education' },
            reasonCode: [{ text: 'Current smoker (entered in Tailor)' }],
            goal: [{ reference: urn('Goal', 2), type: 'Goal' }],
            status: 'not-started',
            description: 'Smoking cessation counselling today & follow-up call',
          },
        },
        { detail: { status: 'not-started', description: 'Walk 30 minutes after dinner. When: daily.', scheduledString: 'daily' } },
      ],
      note: [{ authorReference: DR, time: SIGNED, text: 'Intermediate risk with a smoker; statin & BP goals discussed with the patient.' }],
    });
    expect(s.request).toEqual({ method: 'POST', url: 'CarePlan', ifNoneExist: `identifier=urn%3Atailor%3Aplan|${DRAFT}` });
    expect(s.references).toEqual([urn('RiskAssessment', 0), urn('RiskAssessment', 1), urn('Observation'), urn('Goal', 0), urn('Goal', 1), urn('Goal', 2)]);
    expect(out.carePlanIdentifier).toEqual({ system: 'urn:tailor:plan', value: DRAFT });
  });

  it('Provenance: the practitioner as author, Tailor and its version as the assembling software, every written resource as target', () => {
    const s = step('Provenance');
    const targets = out.steps.slice(0, 7).map((t) => ({ reference: t.fullUrl, type: t.resource.resourceType }));
    expect(s.resource).toEqual({
      resourceType: 'Provenance',
      target: targets,
      recorded: SIGNED,
      activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' }] },
      agent: [
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }] }, who: DR },
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'assembler', display: 'Assembler' }] },
          who: { identifier: { system: 'urn:tailor:plan', value: 'software/tailor/0.1.0' }, display: 'tailor 0.1.0 (SMART on FHIR app)' },
        },
      ],
      meta: { tag: [{ system: 'urn:tailor:plan', code: idValue('provenance') }] },
    });
    expect(s.request).toEqual({ method: 'POST', url: 'Provenance', ifNoneExist: `_tag=urn%3Atailor%3Aplan|${encodeURIComponent(s.identifier.value ?? '')}` });
    expect(s.references).toEqual(targets.map((t) => t.reference));
  });

  it('the transaction Bundle holds the same entries: urn:uuid fullUrls, each a conditional create', () => {
    expect(out.transaction.resourceType).toBe('Bundle');
    expect(out.transaction.type).toBe('transaction');
    expect(out.transaction.entry).toEqual(out.steps.map((s) => ({ fullUrl: s.fullUrl, resource: s.resource, request: s.request })));
    for (const e of out.transaction.entry ?? []) expect(e.request?.ifNoneExist).toMatch(/^(identifier|_tag)=urn%3Atailor%3Aplan\|/);
  });

  it('a step refers only to steps before it (one-by-one order)', () => {
    out.steps.forEach((s, i) => {
      const before = new Set(out.steps.slice(0, i).map((b) => b.fullUrl));
      for (const r of s.references) expect(before.has(r)).toBe(true);
    });
  });
});

describe('validation against the R4 structure definitions (as the sandbox validates writes)', () => {
  it('accepts every resource as sent in the transaction, and the Bundle itself', () => {
    for (const s of out.steps) expect(validationErrors(s.resource), s.resource.resourceType).toEqual([]);
    expect(validationErrors(out.transaction)).toEqual([]);
  }, 30_000);

  it('accepts every resource one by one, with its urn:uuid references replaced by created ids', () => {
    const created: Record<string, string> = {};
    for (const [i, s] of out.steps.entries()) {
      const resolved = resolveLocalReferences(s.resource, created);
      expect(JSON.stringify(resolved)).not.toContain('urn:uuid:');
      expect(validationErrors(resolved), s.resource.resourceType).toEqual([]);
      created[s.fullUrl] = `${s.resource.resourceType}/id-${i}`;
    }
  }, 30_000);

  it('refuses to resolve a reference to a step not written yet', () => {
    expect(() => resolveLocalReferences(step('CarePlan').resource, {})).toThrow(/write it first/);
  });
});

describe('identifiers: a retry never duplicates, a revision updates the same CarePlan', () => {
  const later = planToFhir({ ...PLAN, signedAt: '2026-03-10T15:05:00.000Z' });
  const identifiers = (o: typeof out) => o.steps.map((s) => s.identifier.value);

  it('signing the same plan later gives the same identifiers and fullUrls', () => {
    expect(identifiers(later)).toEqual(identifiers(out));
    expect(later.steps.map((s) => s.fullUrl)).toEqual(out.steps.map((s) => s.fullUrl));
  });

  it('a changed result gives a new identifier to that assessment only; the CarePlan keeps the draft id', () => {
    const models = PLAN.models.map((m): ModelResultSeen => (m.card.id === 'prevent' ? { ...m, result: { ...RESULTS.prevent, applicable: true, risks: { ...RESULTS.prevent.risks, hf_10y: 0.04 } } } : m));
    const revised = planToFhir({ ...PLAN, models });
    const changed = identifiers(revised).map((v, i) => v !== identifiers(out)[i]);
    // RA pce, Obs, RA prevent, 3 goals, CarePlan, Provenance (its targets changed).
    expect(changed).toEqual([false, false, true, false, false, false, false, true]);
  });

  it('a draft plan proposes its goals; a revise is a PUT of the same CarePlan with If-Match', () => {
    const revise: PlanToSign = { ...PLAN, status: 'draft', revise: { carePlanId: 'cp-77', versionId: '3' } };
    const r = planToFhir(revise);
    const cp = r.steps.find((s) => s.resource.resourceType === 'CarePlan');
    expect(cp?.request).toEqual({ method: 'PUT', url: 'CarePlan/cp-77', ifMatch: 'W/"3"' });
    expect(cp?.resource).toMatchObject({ id: 'cp-77', status: 'draft', identifier: [{ system: 'urn:tailor:plan', value: DRAFT }] });
    expect(r.steps.filter((s) => s.resource.resourceType === 'Goal').map((s) => (s.resource as { lifecycleStatus: string }).lifecycleStatus)).toEqual(['proposed', 'proposed', 'proposed']);
    expect(r.steps.at(-1)?.resource).toMatchObject({ activity: { coding: [{ code: 'UPDATE' }] } });
  });

  it('refuses input it cannot write faithfully', () => {
    expect(() => planToFhir({ ...PLAN, draftId: 'not-a-uuid' })).toThrow(/UUID/);
    expect(() => planToFhir({ ...PLAN, practitioner: 'dr okafor' })).toThrow(/Practitioner/);
    expect(() => planToFhir({ ...PLAN, addresses: [{ resourceType: 'Observation', id: 'x' }] })).toThrow(/Conditions only/);
    expect(() => planToFhir({ ...PLAN, goals: [...PLAN.goals, ...PLAN.goals.slice(0, 1)] })).toThrow(/one goal per kind/);
  });
});

describe('the validator can fail', () => {
  it('refuses a Goal without its required elements and a CarePlan with an element R4 does not define', () => {
    expect(validationErrors({ resourceType: 'Goal' })).not.toEqual([]);
    // Code bindings are not checked (as in the sandbox): an unknown element is.
    expect(validationErrors({ ...step('CarePlan').resource, signedBy: 'x' })).toEqual(['CarePlan.signedBy: Invalid additional property "signedBy"']);
  });
});
