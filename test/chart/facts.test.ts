import { describe, expect, it } from 'vitest';
import type { Medication } from 'fhir/r4';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { ckdEpi2021, bodyMassIndex, ageInYears } from '../../src/chart/derived.ts';
import type { ChartData } from '../../src/chart/buildFacts.ts';
import { allergy, chart, coded, condition, familyHistory, medRequest, NOW, obs, patient, ucum } from './fixtures.ts';

const SCT = 'http://snomed.info/sct';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const LOINC = 'http://loinc.org';
const f = (parts: Partial<ChartData>) => buildFacts(chart(parts), NOW);

describe('patient facts', () => {
  it('age is whole years today, derived from birthDate', () => {
    expect(ageInYears('1960-06-16', NOW)).toBe(65);
    expect(ageInYears('1960-06-15', NOW)).toBe(66);
    const age = f({ patient: patient('male', '1970-01-01') }).age;
    expect(age.state === 'known' && age.origin === 'derived' && age.value).toEqual({ value: 56, unit: 'a' });
  });
  it.each([['other'], ['unknown'], [undefined]] as const)('sex %s stays unknown (never defaulted to male)', (gender) => {
    expect(f({ patient: patient(gender, '1970-01-01') }).sex.state).toBe('unknown');
  });
  it('uses US Core birth sex when administrative gender is not female/male, and says so', () => {
    const p = { ...patient('unknown', '1970-01-01'), extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' }] };
    expect(f({ patient: p }).sex).toMatchObject({ state: 'known', value: 'female', note: 'administrative gender "unknown"; from US Core birth sex' });
    const unk = { ...p, extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'UNK' }] };
    expect(f({ patient: unk }).sex.state).toBe('unknown');
  });
  it('a partial or future birth date gives unknown age', () => {
    expect(f({ patient: patient('female', '1970') }).age.state).toBe('unknown');
    expect(f({ patient: patient('female', '2030-01-01') }).age.state).toBe('unknown');
  });
});

describe('smoking status (72166-2)', () => {
  it.each([
    ['449868002', 'current', true],
    ['428041000124106', 'current', true],
    ['8517006', 'former', false],
    ['266919005', 'never', false],
  ])('SNOMED %s is %s; smoker = %s', (code, status, smoker) => {
    const facts = f({ observations: [coded('72166-2', SCT, code)] });
    expect(facts.smokingStatus.state === 'known' && facts.smokingStatus.value).toBe(status);
    expect(facts.smoker.state === 'known' && facts.smoker.value).toBe(smoker);
  });
  it('takes the latest answer: a recent ex-smoker is not a smoker', () => {
    const facts = f({ observations: [coded('72166-2', SCT, '449868002', 400), coded('72166-2', SCT, '8517006', 20)] });
    expect(facts.smoker.state === 'known' && facts.smoker.value).toBe(false);
  });
  it('an "unknown" answer (266927001) leaves smoking unknown', () => {
    const facts = f({ observations: [coded('72166-2', SCT, '266927001')] });
    expect(facts.smoker.state).toBe('unknown');
    expect(facts.smoker.rejected).toHaveLength(1);
  });
});

describe('conditions', () => {
  it('reads diabetes from ICD-10-CM subcodes (E11.65) and SNOMED', () => {
    expect(f({ conditions: [condition(ICD, 'E11.65')] }).diabetes.state === 'known').toBe(true);
    const d = f({ conditions: [condition(SCT, '44054006')] }).diabetes;
    expect(d.state === 'known' && d.value).toBe(true);
  });
  it('ignores refuted, entered-in-error and provisional diagnoses', () => {
    for (const verification of ['refuted', 'entered-in-error', 'provisional']) {
      const h = f({ conditions: [condition(ICD, 'I10', { verification })] }).hypertension;
      expect(h.state === 'known' && h.value).toBe(false);
      expect(h.rejected[0]?.reason).toBe(`verification status "${verification}"`);
    }
  });
  it('a resolved MI is still established ASCVD; resolved hypertension is not hypertension', () => {
    expect(f({ conditions: [condition(SCT, '22298006', { clinical: 'resolved' })] }).ascvd).toMatchObject({ state: 'known', value: true });
    expect(f({ conditions: [condition(ICD, 'I10', { clinical: 'resolved' })] }).hypertension).toMatchObject({ state: 'known', value: false });
  });
  it('"no" needs a completed Condition search; if it failed the fact is unknown', () => {
    const c = chart({});
    expect(buildFacts({ ...c, loaded: { ...c.loaded, conditions: false } }, NOW).hypertension.state).toBe('unknown');
  });
  it('CKD stage comes from the latest staged diagnosis (ICD N18.32 = 3b)', () => {
    const facts = f({ conditions: [condition(ICD, 'N18.31', { onset: '2020-01-01' }), condition(ICD, 'N18.32', { onset: '2024-01-01' })] });
    expect(facts.ckdStage).toMatchObject({ state: 'known', value: '3b' });
  });
  it('TIA, PAD and coronary revascularisation status count as ASCVD', () => {
    for (const [sys, code] of [[ICD, 'G45.9'], [ICD, 'I70.213'], [ICD, 'Z95.1'], [SCT, '266257000']] as const) {
      expect(f({ conditions: [condition(sys, code)] }).ascvd).toMatchObject({ state: 'known', value: true });
    }
  });
});

describe('diabetes', () => {
  const a1c = (v: number) => obs('4548-4', ucum(v, '%'));
  it('HbA1c ≥ 6.5 % without a diagnosis gives derived diabetes', () => {
    const d = f({ observations: [a1c(6.8)] }).diabetes;
    expect(d).toMatchObject({ state: 'known', origin: 'derived', value: true, inputs: ['hba1c'] });
  });
  it('insulin gives derived diabetes and says which drug', () => {
    const d = f({ medicationRequests: [medRequest('274783', 'insulin glargine')] , observations: [a1c(6.0)] }).diabetes;
    expect(d).toMatchObject({ state: 'known', origin: 'derived', value: true, note: 'from insulin glargine' });
  });
  it('metformin alone leaves diabetes unknown with a note to confirm', () => {
    const d = f({ medicationRequests: [medRequest('860975', '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet')], observations: [a1c(6.0)] }).diabetes;
    expect(d.state).toBe('unknown');
    expect(d.note).toContain('metformin');
  });
  it('no diagnosis, no drug and HbA1c 5.6 % is "no"; without any HbA1c it is "no" with a note', () => {
    expect(f({ observations: [a1c(5.6)] }).diabetes).toMatchObject({ state: 'known', value: false, inputs: ['conditions', 'drugs', 'hba1c'] });
    expect(f({}).diabetes).toMatchObject({ state: 'known', origin: 'derived', value: false, note: 'no HbA1c on file' });
  });
  it('"no" needs both conditions and medications loaded', () => {
    const c = chart({ observations: [a1c(5.6)] });
    expect(buildFacts({ ...c, loaded: { ...c.loaded, medications: false } }, NOW).diabetes.state).toBe('unknown');
    expect(buildFacts({ ...c, loaded: { ...c.loaded, conditions: false } }, NOW).diabetes.state).toBe('unknown');
  });
});

describe('medications', () => {
  it('statin intensity from the RxNorm name and daily dose (2018 AHA/ACC Table 3)', () => {
    const cases = [
      ['rosuvastatin 20 MG Oral Tablet', 'high'],
      ['atorvastatin 10 MG Oral Tablet', 'moderate'],
      ['simvastatin 10 MG Oral Tablet', 'low'],
      ['ezetimibe 10 MG / simvastatin 40 MG Oral Tablet', 'moderate'],
    ] as const;
    for (const [display, intensity] of cases) {
      const s = f({ medicationRequests: [medRequest('999', display)] }).statin;
      expect(s.state === 'known' && s.value?.intensity).toBe(intensity);
    }
  });
  it('twice-daily simvastatin 20 mg is 40 mg/day (moderate)', () => {
    const mr = medRequest('312961', 'simvastatin 20 MG Oral Tablet', {
      dosageInstruction: [{ timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 1, code: '{tbl}' } }] }],
    });
    expect(f({ medicationRequests: [mr] }).statin).toMatchObject({ state: 'known', value: { doseMg: 40, doseBasis: 'daily-dose', intensity: 'moderate' } });
  });
  it('recognises ingredient codes, and ignores stopped, on-hold and do-not-perform orders', () => {
    const facts = f({
      medicationRequests: [
        medRequest('29046', 'lisinopril', { status: 'stopped' }),
        medRequest('17767', 'amlodipine', { status: 'on-hold' }),
        medRequest('52175', 'losartan', { doNotPerform: true }),
      ],
    });
    // The on-hold amlodipine is not current use, but not evidence of no treatment: unknown, named.
    expect(facts.onBPTreatment).toMatchObject({ state: 'unknown', note: 'amlodipine on hold: confirm' });
    expect(facts.drugs.rejected.map((r) => r.reason)).toEqual(['status "stopped" is not current', 'status "on-hold" is not current', 'do-not-perform order']);
    expect(f({ medicationRequests: [medRequest('29046', 'lisinopril', { status: 'stopped' })] }).onBPTreatment).toMatchObject({ state: 'known', value: false });
    expect(f({ medicationRequests: [medRequest('52175', 'losartan')] }).onBPTreatment).toMatchObject({ state: 'known', value: true, note: 'losartan' });
  });
  it('resolves a contained Medication and reads its ingredient strength', () => {
    const mr = medRequest('x', 'x', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#m1' },
      contained: [<Medication>{ resourceType: 'Medication', id: 'm1', code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '83367', display: 'atorvastatin' }] }, ingredient: [{ itemCodeableConcept: { text: 'atorvastatin' }, strength: { numerator: { value: 40, unit: 'mg', code: 'mg' }, denominator: { value: 1 } } }] }],
    });
    expect(f({ medicationRequests: [mr] }).statin).toMatchObject({ state: 'known', value: { ingredient: 'atorvastatin', doseMg: 40, intensity: 'high', doseBasis: 'tablet-strength' } });
  });
  it('a drug recorded by a request and a statement is listed once', () => {
    const statement = { resourceType: 'MedicationStatement', id: 'ms-1', status: 'active', medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '29046' }] } };
    const facts = f({ medicationRequests: [medRequest('29046', 'lisinopril')], medicationStatements: [statement] });
    expect(facts.drugs.state === 'known' && facts.drugs.value).toEqual([{ drugClass: 'aceInhibitor', ingredient: 'lisinopril', matchedBy: 'code' }]);
    expect(facts.onBPTreatment).toMatchObject({ note: 'lisinopril', sources: [{ resourceType: 'MedicationRequest' }, { resourceType: 'MedicationStatement', id: 'ms-1' }] });
  });
  it('reports a referenced Medication the server did not include', () => {
    const mr = medRequest('x', 'x', { medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/med-9' } });
    expect(f({ medicationRequests: [mr] }).drugs.rejected).toEqual([{ source: { resourceType: 'MedicationRequest', id: mr.id, value: 'Medication/med-9' }, reason: 'Medication/med-9 was not included by the server' }]);
  });
  it('no active statin is a known "none", distinct from medications not loaded', () => {
    expect(f({}).statin).toMatchObject({ state: 'known', value: null });
  });
  it('medications not loaded gives unknown, not "not on treatment"', () => {
    const c = chart({});
    const facts = buildFacts({ ...c, loaded: { ...c.loaded, medications: false } }, NOW);
    expect(facts.onBPTreatment.state).toBe('unknown');
    expect(facts.onStatin.state).toBe('unknown');
    expect(facts.statin.state).toBe('unknown');
  });
});

describe('allergy, family history, genomics, pregnancy', () => {
  it('statin intolerance from an ingredient-coded AllergyIntolerance; refuted ones are ignored', () => {
    const rx = 'http://www.nlm.nih.gov/research/umls/rxnorm';
    expect(f({ allergies: [allergy(rx, '36567')] }).statinIntolerance).toMatchObject({ state: 'known', value: true });
    const refuted = allergy(rx, '36567', { verificationStatus: { coding: [{ code: 'refuted' }] } });
    expect(f({ allergies: [refuted] }).statinIntolerance).toMatchObject({ state: 'known', value: false });
  });
  it('premature ASCVD: father MI at 54 yes, at 56 no; mother stroke at 60 yes; unknown onset stays unknown', () => {
    expect(f({ familyHistory: [familyHistory('FTH', '22298006', 54)] }).familyHistoryPrematureAscvd).toMatchObject({ state: 'known', value: true });
    expect(f({ familyHistory: [familyHistory('FTH', '22298006', 56)] }).familyHistoryPrematureAscvd).toMatchObject({ state: 'known', value: false });
    expect(f({ familyHistory: [familyHistory('MTH', '230690007', 60)] }).familyHistoryPrematureAscvd).toMatchObject({ state: 'known', value: true });
    expect(f({ familyHistory: [familyHistory('BRO', '22298006')] }).familyHistoryPrematureAscvd.state).toBe('unknown');
    expect(f({ familyHistory: [] }).familyHistoryPrematureAscvd.state).toBe('unknown');
  });
  it('SLCO1B1 *1/*5 diplotype is decreased function; *5/*15 poor (CPIC 2022)', () => {
    const genotype = (text: string) => ({ ...coded('84413-4', LOINC, 'x'), valueCodeableConcept: { text } });
    expect(f({ observations: [genotype('SLCO1B1 *1/*5')] }).slco1b1).toMatchObject({ state: 'known', value: { diplotype: '*1/*5', phenotype: 'decreased function' } });
    expect(f({ observations: [genotype('SLCO1B1 *5/*15')] }).slco1b1).toMatchObject({ state: 'known', value: { phenotype: 'poor function' } });
    expect(f({ observations: [genotype('SLCO1B1 *1/*14')] }).slco1b1).toMatchObject({ state: 'known', value: { phenotype: 'indeterminate' } });
  });
  it('pregnancy status from 82810-3', () => {
    expect(f({ observations: [coded('82810-3', LOINC, 'LA15173-0')] }).pregnant).toMatchObject({ state: 'known', value: true });
    expect(f({ observations: [coded('82810-3', LOINC, 'LA26683-5')] }).pregnant).toMatchObject({ state: 'known', value: false });
    expect(f({}).pregnant.state).toBe('unknown');
  });
});

describe('derived quantities', () => {
  it('CKD-EPI 2021 matches hand-computed values', () => {
    // Female 50 y, Scr 0.7: 142 × 1 × 1 × 0.9938^50 × 1.012 = 105.3
    expect(ckdEpi2021(0.7, 50, 'female')).toBeCloseTo(105.3, 1);
    // Male 60 y, Scr 1.0: 142 × (1/0.9)^−1.2 × 0.9938^60 = 142 × 0.8812 × 0.6886 = 86.2
    expect(ckdEpi2021(1.0, 60, 'male')).toBeCloseTo(86.2, 1);
    // Male 40 y, Scr 0.6: 142 × (0.6/0.9)^−0.302 × 0.9938^40 = 142 × 1.1303 × 0.7798 = 125.1
    expect(ckdEpi2021(0.6, 40, 'male')).toBeCloseTo(125.1, 1);
    expect(ckdEpi2021(1.0, 16, 'male')).toBeUndefined();
  });
  it('BMI from weight and height when no BMI is charted, marked derived with inputs', () => {
    expect(bodyMassIndex(80, 180)).toBeCloseTo(24.69, 2);
    const facts = f({ observations: [obs('29463-7', ucum(80, 'kg')), obs('8302-2', ucum(180, 'cm'))] });
    expect(facts.bmi).toMatchObject({ state: 'known', origin: 'derived', inputs: ['weight', 'height'] });
    expect(facts.bmi.state === 'known' && facts.bmi.value.value).toBeCloseTo(24.69, 2);
  });
  it('a charted eGFR wins over the calculated one', () => {
    const facts = f({ patient: patient('female', '1960-01-01'), observations: [obs('2160-0', ucum(1.2, 'mg/dL')), obs('98979-8', ucum(48, 'mL/min/{1.73_m2}'))] });
    expect(facts.egfr).toMatchObject({ state: 'known', origin: 'chart', value: { value: 48 } });
  });
});
