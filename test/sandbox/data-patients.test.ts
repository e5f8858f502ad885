import type { AllergyIntolerance, Condition, Encounter, MedicationRequest, Observation, Patient, Practitioner, Resource } from 'fhir/r4';
import { validateResource } from '@medplum/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSandboxResources, listPatients, listPractitioners, todaysVisitId } from '../../sandbox/data/index.ts';
import { ckdEpi2021 } from '../../sandbox/data/egfr.ts';
import { loadFhirSchema } from '../../sandbox/fhir/schema.ts';

const NOW = new Date('2026-11-25T17:00:00Z');
const ALL = buildSandboxResources(NOW);
const DAY = 86_400_000;

function chart(patientId: string): Resource[] {
  const ref = `Patient/${patientId}`;
  return ALL.filter((r) => {
    if (r.resourceType === 'Patient') return r.id === patientId;
    const x = r as { subject?: { reference?: string }; patient?: { reference?: string } };
    return (x.subject?.reference ?? x.patient?.reference) === ref;
  });
}

const ofType = <T extends Resource>(rs: Resource[], type: T['resourceType']): T[] => rs.filter((r): r is T => r.resourceType === type);
const observations = (id: string) => ofType<Observation>(chart(id), 'Observation');
const code = (o: Observation) => o.code.coding?.[0]?.code;
const withCode = (id: string, loinc: string) => observations(id).filter((o) => code(o) === loinc);
/** The most recent observation with the code, by effective date. */
const latest = (id: string, loinc: string) =>
  withCode(id, loinc).sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''))[0];
const daysAgo = (o: Observation | undefined) => (NOW.getTime() - Date.parse(o?.effectiveDateTime ?? '')) / DAY;

function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
  return now.getUTCFullYear() - y - (hadBirthday ? 0 : 1);
}
const patient = (id: string) => ALL.find((r): r is Patient => r.resourceType === 'Patient' && r.id === id) as Patient;

const EGFR_CODES = ['33914-3', '48642-3', '48643-1', '50044-7', '62238-1', '69405-9', '77147-7', '88293-6', '88294-4', '98979-8'];

describe('catalogue', () => {
  it("gives every patient today's visit with their own practitioner, for EHR launches to bind to", () => {
    for (const { id } of listPatients()) {
      const [visit, ...others] = ofType<Encounter>(chart(id), 'Encounter');
      expect(others, id).toEqual([]);
      expect(visit).toMatchObject({ id: todaysVisitId(id), status: 'in-progress', class: { code: 'AMB' } });
      expect(visit!.period?.start?.slice(0, 10)).toBe(NOW.toISOString().slice(0, 10));
      expect(visit!.participant?.[0]?.individual?.reference).toBe(patient(id).generalPractitioner?.[0]?.reference);
    }
  });

  it('lists every case once, each with a one-line summary and a Patient resource', () => {
    const patients = listPatients();
    expect(patients.length).toBeGreaterThanOrEqual(14);
    expect(new Set(patients.map((p) => p.id)).size).toBe(patients.length);
    for (const p of patients) {
      expect(p.summary.length).toBeGreaterThan(20);
      expect(p.summary).not.toMatch(/\n/);
      expect(patient(p.id).name?.[0]?.text).toBe(p.name);
    }
  });

  it('lists practitioners that exist as Practitioner resources, and every patient’s GP is one of them', () => {
    const ids = listPractitioners().map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const practitioners = ofType<Practitioner>(ALL, 'Practitioner').map((p) => p.id);
    expect(practitioners.sort()).toEqual([...ids].sort());
    for (const p of ofType<Patient>(ALL, 'Patient')) {
      expect(ids).toContain(p.generalPractitioner?.[0]?.reference?.replace('Practitioner/', ''));
    }
  });

  it('has unique resource ids per type', () => {
    const keys = ALL.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is deterministic for a date', () => {
    expect(JSON.stringify(buildSandboxResources(NOW))).toBe(JSON.stringify(ALL));
  });

  it('keeps ages exact whatever the date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), (now) => {
        const people = buildSandboxResources(now).filter((r): r is Patient => r.resourceType === 'Patient');
        const age = (id: string) => ageOn(people.find((p) => p.id === id)?.birthDate ?? '', now);
        expect(age('age-35')).toBe(35);
        expect(age('age-82')).toBe(82);
        expect(age('typical-woman')).toBe(55);
      }),
      { numRuns: 15 },
    );
  });
});

describe('coding', () => {
  it('gives only structurally valid R4 resources', () => {
    loadFhirSchema();
    // Every chart in full; of the heavy chart (same builders, 5,700 repeats) one resource per type and code.
    const seen = new Set<string>();
    const sample = ALL.filter((r) => {
      if (!r.id?.startsWith('heavy-chart')) return true;
      const key = `${r.resourceType}|${r.resourceType === 'Observation' ? code(r as Observation) : r.id}`;
      return !seen.has(key) && !!seen.add(key);
    });
    const invalid = sample.flatMap((r) => {
      try {
        return validateResource(r as Parameters<typeof validateResource>[0]).filter((i) => i.severity === 'error').map((i) => `${r.id}: ${i.expression?.[0]}`);
      } catch (err) {
        return [`${r.id}: ${String(err)}`];
      }
    });
    expect(invalid).toEqual([]);
  }, 30_000); // schema loading and validation are CPU-heavy when test files run in parallel

  it('gives every Observation a known category, a LOINC code and a value, components or an absent reason', () => {
    for (const o of ofType<Observation>(ALL, 'Observation')) {
      // survey: survey-smoking's smoking status, filed as many exports file it.
      expect(['laboratory', 'vital-signs', 'social-history', 'survey']).toContain(o.category?.[0]?.coding?.[0]?.code);
      expect(o.code.coding?.[0]?.system).toBe('http://loinc.org');
      const hasValue = o.valueQuantity ?? o.valueCodeableConcept ?? o.component ?? o.dataAbsentReason;
      expect(hasValue).toBeDefined();
      if (o.valueQuantity) expect(o.valueQuantity.system).toBe('http://unitsofmeasure.org');
      expect(Date.parse(o.effectiveDateTime ?? '')).toBeLessThan(NOW.getTime());
    }
  });

  it('records smoking status as 72166-2 with SNOMED CT answers', () => {
    const smoking = ofType<Observation>(ALL, 'Observation').filter((o) => code(o) === '72166-2');
    expect(smoking.length).toBeGreaterThan(10);
    for (const o of smoking) {
      expect(o.category?.[0]?.coding?.[0]?.code).toBe(o.subject?.reference === 'Patient/survey-smoking' ? 'survey' : 'social-history');
      expect(o.valueCodeableConcept?.coding?.[0]?.system).toBe('http://snomed.info/sct');
    }
  });

  it("records each patient's race as a US Core race extension (OMB category and text); stale-missing has none", () => {
    const expected: Record<string, { code: string; text: string } | undefined> = {
      'typical-woman': { code: '2106-3', text: 'White' },
      'smoker-diabetic': { code: '2106-3', text: 'White' },
      'ldl-190': { code: '2054-5', text: 'Black or African American' },
      'ckd-3b': { code: '2106-3', text: 'White' },
      'age-35': { code: '2054-5', text: 'Black or African American' },
      'age-82': { code: '2106-3', text: 'White' },
      'si-units': { code: '2106-3', text: 'White' },
      'ascvd-statin': { code: '2106-3', text: 'White' },
      'stale-missing': undefined,
      slco1b1: { code: '2106-3', text: 'White' },
      'statin-intolerance': { code: '2028-9', text: 'Asian' },
      'bp-panel': { code: '2106-3', text: 'White' },
      'data-quality': { code: '2054-5', text: 'Black or African American' },
      'heavy-chart': { code: '2106-3', text: 'White' },
      'cyp2c19-poor': { code: '2028-9', text: 'Asian' },
      'acei-angioedema': { code: '2054-5', text: 'Black or African American' },
      'home-bp': { code: '2106-3', text: 'White' },
      'uncategorised-conditions': { code: '2106-3', text: 'White' },
      'survey-smoking': { code: '2106-3', text: 'White' },
      'product-statin': { code: '2106-3', text: 'White' },
      'gfr-not-indexed': { code: '2106-3', text: 'White' },
      'same-time-conflict': { code: '2106-3', text: 'White' },
      deceased: { code: '2106-3', text: 'White' },
      'low-hba1c': { code: '2028-9', text: 'Asian' },
    };
    expect(Object.keys(expected).sort()).toEqual(listPatients().map((p) => p.id).sort());
    for (const [id, race] of Object.entries(expected)) {
      expect(patient(id).extension, id).toEqual(race && [{
        url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
        extension: [
          { url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: race.code, display: race.text } },
          { url: 'text', valueString: race.text },
        ],
      }]);
    }
  });

  it('gives Conditions clinical and verification status and a category, with SNOMED CT codes', () => {
    const conditions = ofType<Condition>(ALL, 'Condition');
    expect(conditions.length).toBeGreaterThan(10);
    for (const c of conditions) {
      expect(c.clinicalStatus?.coding?.[0]?.system).toBe('http://terminology.hl7.org/CodeSystem/condition-clinical');
      expect(c.verificationStatus?.coding?.[0]?.code).toBe('confirmed');
      // uncategorised-conditions has none, as many servers return them.
      expect(c.category?.[0]?.coding?.[0]?.code).toBe(c.subject.reference === 'Patient/uncategorised-conditions' ? undefined : 'problem-list-item');
      expect(c.code?.coding?.[0]?.system).toBe('http://snomed.info/sct');
    }
  });

  it('gives MedicationRequests RxNorm codes and a dosage', () => {
    const meds = ofType<MedicationRequest>(ALL, 'MedicationRequest');
    expect(meds.length).toBeGreaterThan(10);
    for (const m of meds) {
      expect(m.medicationCodeableConcept?.coding?.[0]?.system).toBe('http://www.nlm.nih.gov/research/umls/rxnorm');
      expect(m.dosageInstruction?.[0]?.timing?.repeat?.frequency).toBeGreaterThan(0);
      expect(m.dosageInstruction?.[0]?.text).toMatch(/tablet/);
    }
  });
});

describe('each case has the property it claims', () => {
  it('typical-woman: complete recent values, no conditions, never smoker', () => {
    for (const loinc of ['2093-3', '2085-9', '13457-7', '8480-6', '8462-4', '4548-4', '98979-8', '72166-2', '39156-5']) {
      expect(daysAgo(latest('typical-woman', loinc)), loinc).toBeLessThan(365);
    }
    expect(latest('typical-woman', '72166-2')?.valueCodeableConcept?.coding?.[0]?.code).toBe('266919005');
    expect(latest('typical-woman', '8480-6')?.valueQuantity?.value).toBeLessThan(130);
    expect(ofType(chart('typical-woman'), 'Condition')).toHaveLength(0);
    expect(patient('typical-woman').gender).toBe('female');
  });

  it('smoker-diabetic: daily smoker, type 2 diabetes, on antihypertensives', () => {
    expect(latest('smoker-diabetic', '72166-2')?.valueCodeableConcept?.coding?.[0]?.code).toBe('449868002');
    const conditions = ofType<Condition>(chart('smoker-diabetic'), 'Condition').map((c) => c.code?.coding?.[0]?.code);
    expect(conditions).toEqual(expect.arrayContaining(['44054006', '38341003']));
    const meds = ofType<MedicationRequest>(chart('smoker-diabetic'), 'MedicationRequest')
      .filter((m) => m.status === 'active')
      .map((m) => m.medicationCodeableConcept?.coding?.[0]?.code);
    expect(meds).toEqual(expect.arrayContaining(['314076', '197361']));
  });

  it('ldl-190: latest LDL is at least 190 mg/dL', () => {
    const ldl = latest('ldl-190', '13457-7');
    expect(ldl?.valueQuantity?.unit).toBe('mg/dL');
    expect(ldl?.valueQuantity?.value).toBeGreaterThanOrEqual(190);
  });

  it('ckd-3b: creatinine and urine ACR but no eGFR, and the computed eGFR is stage 3b (30–44)', () => {
    const creatinine = latest('ckd-3b', '2160-0');
    expect(creatinine?.valueQuantity?.unit).toBe('mg/dL');
    expect(latest('ckd-3b', '9318-7')?.valueQuantity?.value).toBeGreaterThanOrEqual(30);
    expect(observations('ckd-3b').filter((o) => EGFR_CODES.includes(code(o) ?? ''))).toHaveLength(0);
    const egfr = ckdEpi2021(creatinine?.valueQuantity?.value ?? 0, 68, 'female');
    expect(egfr).toBeGreaterThanOrEqual(30);
    expect(egfr).toBeLessThan(45);
    expect(ofType<Condition>(chart('ckd-3b'), 'Condition').map((c) => c.code?.coding?.[0]?.code)).toContain('700379002');
  });

  it('si-units: every lab is in SI units and none in mg/dL', () => {
    const labs = observations('si-units').filter((o) => o.category?.[0]?.coding?.[0]?.code === 'laboratory');
    expect(labs.length).toBeGreaterThanOrEqual(8);
    for (const o of labs) expect(['mmol/L', 'umol/L', 'mmol/mol', 'mg/mmol']).toContain(o.valueQuantity?.code);
    expect(latest('si-units', '14647-2')?.valueQuantity?.value).toBe(5.6);
  });

  it('ascvd-statin: myocardial infarction and an active high-intensity statin (atorvastatin 80 mg)', () => {
    const c = chart('ascvd-statin');
    expect(ofType<Condition>(c, 'Condition').map((x) => x.code?.coding?.[0]?.code)).toContain('22298006');
    const statin = ofType<MedicationRequest>(c, 'MedicationRequest').find((m) => m.medicationCodeableConcept?.coding?.[0]?.code === '259255');
    expect(statin?.status).toBe('active');
  });

  it('stale-missing: lipids and BP older than 2 years; HDL, smoking, HbA1c and height absent', () => {
    expect(daysAgo(latest('stale-missing', '2093-3'))).toBeGreaterThan(730);
    expect(daysAgo(latest('stale-missing', '8480-6'))).toBeGreaterThan(730);
    for (const missing of ['2085-9', '72166-2', '4548-4', '8302-2']) expect(withCode('stale-missing', missing)).toHaveLength(0);
  });

  it('slco1b1: a genotype on SLCO1B1 rs4149056 and a decreased-function interpretation', () => {
    const genotype = latest('slco1b1', '84413-4');
    const gene = genotype?.component?.find((c) => c.code.coding?.[0]?.code === '48018-6');
    expect(gene?.valueCodeableConcept?.coding?.[0]?.code).toBe('HGNC:10959');
    const fn = latest('slco1b1', '79722-5');
    expect(fn?.valueCodeableConcept?.text).toBe('Decreased function');
    expect(fn?.derivedFrom?.[0]?.reference).toBe(`Observation/${genotype?.id}`);
  });

  it('statin-intolerance: an AllergyIntolerance of type intolerance to the statin class', () => {
    const [allergy] = ofType<AllergyIntolerance>(chart('statin-intolerance'), 'AllergyIntolerance');
    expect(allergy?.type).toBe('intolerance');
    expect(allergy?.code?.coding?.[0]?.code).toBe('372912004');
    expect(allergy?.reaction?.[0]?.manifestation[0]?.coding?.[0]?.code).toBe('68962001');
  });

  it('bp-panel: blood pressure only as 85354-9 panels with systolic and diastolic components', () => {
    const panels = withCode('bp-panel', '85354-9');
    expect(panels.length).toBeGreaterThanOrEqual(2);
    for (const p of panels) {
      expect(p.component?.map((c) => c.code.coding?.[0]?.code)).toEqual(['8480-6', '8462-4']);
      expect(p.valueQuantity).toBeUndefined();
    }
    expect(withCode('bp-panel', '8480-6')).toHaveLength(0);
    expect(withCode('bp-panel', '8462-4')).toHaveLength(0);
  });

  it('data-quality: newest LDL entered-in-error, newest HDL with a dataAbsentReason and no value', () => {
    const ldl = latest('data-quality', '13457-7');
    expect(ldl?.status).toBe('entered-in-error');
    expect(ldl?.valueQuantity?.value).toBe(411);
    const hdl = latest('data-quality', '2085-9');
    expect(hdl?.dataAbsentReason?.coding?.[0]?.code).toBe('error');
    expect(hdl?.valueQuantity).toBeUndefined();
    expect(withCode('data-quality', '13457-7').filter((o) => o.status === 'final')).toHaveLength(1);
  });

  it('cyp2c19-poor: a CYP2C19 genotype (gene HGNC:2621, *2/*2) and a poor-metabolizer interpretation; clopidogrel active', () => {
    const genotype = latest('cyp2c19-poor', '84413-4');
    expect(genotype?.component?.find((c) => c.code.coding?.[0]?.code === '48018-6')?.valueCodeableConcept?.coding?.[0]?.code).toBe('HGNC:2621');
    expect(genotype?.valueCodeableConcept?.text).toBe('CYP2C19 *2/*2');
    const phenotype = latest('cyp2c19-poor', '79714-2');
    expect(phenotype?.valueCodeableConcept?.text).toBe('Poor metabolizer');
    expect(phenotype?.derivedFrom?.[0]?.reference).toBe(`Observation/${genotype?.id}`);
    const active = ofType<MedicationRequest>(chart('cyp2c19-poor'), 'MedicationRequest').filter((m) => m.status === 'active').map((m) => m.medicationCodeableConcept?.coding?.[0]?.code);
    expect(active.sort()).toEqual(['243670', '309362', '617311']);
  });

  it('acei-angioedema: a confirmed high-criticality lisinopril allergy with angioedema; lisinopril stopped, amlodipine active', () => {
    const [allergy] = ofType<AllergyIntolerance>(chart('acei-angioedema'), 'AllergyIntolerance');
    expect(allergy).toMatchObject({ type: 'allergy', criticality: 'high', code: { coding: [{ code: '29046' }] } });
    expect(allergy?.reaction?.[0]?.manifestation[0]?.coding?.[0]?.code).toBe('41291007');
    const meds = ofType<MedicationRequest>(chart('acei-angioedema'), 'MedicationRequest').map((m) => [m.medicationCodeableConcept?.coding?.[0]?.code, m.status]);
    expect(meds).toEqual([['314076', 'stopped'], ['308135', 'active']]);
  });

  it('home-bp: two office readings of 142–143 and 14 daily home panels performed by the patient with a device', () => {
    const homePanels = withCode('home-bp', '85354-9');
    expect(homePanels).toHaveLength(14);
    for (const p of homePanels) {
      expect(p.performer?.[0]?.reference).toBe('Patient/home-bp');
      expect(p.device?.display).toBeDefined();
    }
    const systolic = homePanels.map((p) => p.component?.[0]?.valueQuantity?.value ?? 0);
    expect(systolic.reduce((a, b) => a + b, 0) / 14).toBe(128);
    expect(withCode('home-bp', '8480-6').map((o) => o.valueQuantity?.value).sort()).toEqual([142, 143]);
    expect(withCode('home-bp', '8480-6').every((o) => o.performer === undefined && o.device === undefined)).toBe(true);
  });

  it('heavy-chart: at least 5,000 Observations over 10 years', () => {
    const obs = observations('heavy-chart');
    expect(obs.length).toBeGreaterThanOrEqual(5000);
    const times = obs.map((o) => Date.parse(o.effectiveDateTime ?? ''));
    expect((Math.max(...times) - Math.min(...times)) / DAY).toBeGreaterThan(3600);
  });

  it('age-35 and age-82 are those ages today', () => {
    expect(ageOn(patient('age-35').birthDate ?? '', NOW)).toBe(35);
    expect(ageOn(patient('age-82').birthDate ?? '', NOW)).toBe(82);
  });
});

describe('ckdEpi2021', () => {
  it('reproduces hand-computed CKD-EPI 2021 values', () => {
    // 142 × (1.35/0.7)^−1.2 × 0.9938^68 × 1.012 = 42.8 (female); 142 × (1.02/0.9)^−1.2 × 0.9938^61 = 83.6 (male).
    expect(ckdEpi2021(1.35, 68, 'female')).toBe(43);
    expect(ckdEpi2021(1.02, 61, 'male')).toBe(84);
    // Below κ the α exponent applies: 142 × (0.6/0.7)^−0.241 × 0.9938^40 × 1.012 = 116.1.
    expect(ckdEpi2021(0.6, 40, 'female')).toBe(116);
  });
});
