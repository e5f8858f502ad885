import { describe, expect, it } from 'vitest';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import type { ChartFacts, FactKey } from '../../src/chart/types.ts';
import { recordGaps } from '../../src/fhir/chart-loader/recordGaps.ts';
import type { SourceState } from '../../src/fhir/chart-loader/loadChart.ts';
import { chart, condition, medRequest, NOW, obs, patient, ucum } from './fixtures.ts';

const SCT = 'http://snomed.info/sct';
const loaded = { patient: true, conditions: true, medications: true, allergies: true, familyHistory: true };
const facts = (parts: Partial<ChartData>): ChartFacts => buildFacts(chart({ loaded, patient: patient('male', '1966-01-10'), ...parts }), NOW);
const reason = (f: ChartFacts, key: FactKey) => (f[key].state === 'unknown' ? f[key].reason : `known: ${JSON.stringify(f[key].value)}`);

describe('record gaps: loading and failed records are never "no result" or "no"', () => {
  it('laboratory results still loading: every lab fact says so, and diabetes without HbA1c is not "no"', () => {
    const f = facts({ gaps: { laboratory: 'loading' } });
    for (const key of ['totalCholesterol', 'hdl', 'ldl', 'hba1c', 'uacr', 'egfr', 'calcium'] as const) {
      expect(reason(f, key), key).toBe('laboratory results still loading');
      expect(f[key].state === 'unknown' && f[key].gap, key).toEqual({ status: 'loading', records: ['laboratory'] });
    }
    expect(reason(f, 'diabetes')).toBe('laboratory results still loading');
    // Vital signs loaded: their reason is the ordinary one.
    expect(reason(f, 'systolicBP')).toBe('no Systolic blood pressure result');
  });

  it('a failure outranks loading and names every failed kind', () => {
    const f = buildFacts(chart({ loaded: { ...loaded, patient: false }, gaps: { laboratory: 'failed', patient: 'loading' } }), NOW);
    expect(reason(f, 'hdl')).toBe('laboratory results failed to load');
    expect(reason(f, 'egfr')).toBe('laboratory results failed to load');
    expect(reason(f, 'age')).toBe('patient demographics still loading');
  });

  it('a value a record backs is kept while its search still pages (newest results come first)', () => {
    const f = facts({ gaps: { laboratory: 'loading' }, observations: [obs('2085-9', ucum(38, 'mg/dL'), { id: 'hdl', days: 30 })] });
    expect(f.hdl.state === 'known' && f.hdl.value).toEqual({ value: 38, unit: 'mg/dL' });
    expect(reason(f, 'totalCholesterol')).toBe('laboratory results still loading');
  });

  it('a "yes" from a diagnosis stands while other records load', () => {
    const f = facts({ gaps: { laboratory: 'loading', medications: 'failed' }, conditions: [condition(SCT, '44054006')] });
    expect(f.diabetes.state === 'known' && f.diabetes.value).toBe(true);
    expect(reason(f, 'onStatin')).toBe('medications failed to load');
    expect(reason(f, 'statin')).toBe('medications failed to load');
  });

  it('an absence-only "no" says which lists it rests on; a "no" backed by a result does not', () => {
    const empty = facts({});
    expect(empty.ascvd).toMatchObject({ state: 'known', value: false, noneRecorded: '0 problems or diagnoses on file' });
    expect(empty.onStatin).toMatchObject({ value: false, noneRecorded: '0 prescriptions or medication statements on file' });
    expect(empty.diabetes).toMatchObject({ value: false, noneRecorded: '0 problems or diagnoses on file, 0 prescriptions or medication statements on file' });
    expect(empty.statinIntolerance).toMatchObject({ value: false, noneRecorded: '0 allergy records on file' });
    const withA1c = facts({
      observations: [obs('4548-4', ucum(5.4, '%'), { id: 'a1c', days: 30 })],
      conditions: [condition(SCT, '38341003')], medicationRequests: [medRequest('314076', 'lisinopril 10 MG Oral Tablet')],
    });
    expect(withA1c.diabetes).toMatchObject({ value: false });
    expect(withA1c.diabetes.state === 'known' && withA1c.diabetes.noneRecorded).toBeUndefined();
    expect(withA1c.ascvd).toMatchObject({ value: false, noneRecorded: '1 problem or diagnosis on file' });
  });

  it('eGFR and BMI name exactly what is missing to calculate them', () => {
    expect(reason(facts({}), 'egfr')).toBe('no eGFR result, and no creatinine result to calculate one');
    const noSex = buildFacts(chart({ loaded, patient: patient(undefined, '1966-01-10'), observations: [obs('2160-0', ucum(1.1, 'mg/dL'))] }), NOW);
    expect(reason(noSex, 'egfr')).toBe('no eGFR result, and no sex to calculate one');
    expect(reason(facts({ observations: [obs('29463-7', ucum(80, 'kg'))] }), 'bmi')).toBe('no BMI result, and no height to calculate one');
  });
});

describe('recordGaps: the kinds of record the searches leave unread', () => {
  const state = (id: SourceState['id'], status: SourceState['status']): SourceState => ({ id, label: id, resourceType: 'X', status, count: 0, pages: 0 });
  it('a kind is as incomplete as its least complete search; skipped MedicationStatement leaves medications complete', () => {
    expect(recordGaps([
      state('labs', 'loaded'), state('genomics', 'failed'), state('conditions', 'loaded'), state('conditionsUncategorised', 'loading'),
      state('medicationRequests', 'loaded'), state('medicationStatements', 'skipped'), state('familyHistory', 'skipped'),
      state('social', 'loading'), state('survey', 'failed'),
    ])).toEqual({ genomics: 'failed', conditions: 'loading', familyHistory: 'unavailable', 'social-history': 'failed' });
  });
});

describe('record gaps keep hints, not the notes of a "no"', () => {
  it('diabetes "no" (no HbA1c on file) becomes unknown without that note when labs failed', () => {
    const f = buildFacts(chart({ loaded, patient: patient('male', '1966-01-10'), gaps: { laboratory: 'failed' } }), NOW);
    expect(f.diabetes).toEqual({ state: 'unknown', reason: 'laboratory results failed to load', gap: { status: 'failed', records: ['laboratory'] }, rejected: [], sources: [] });
  });
});
