import { describe, expect, it } from 'vitest';
import type { Patient } from 'fhir/r4';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import { applyEntries } from '../../src/chart/entries.ts';
import type { ChartFacts, OmbRace } from '../../src/chart/types.ts';
import { conceptOf } from '../../src/chart/valueSets/observations.ts';
import { chartInputs, INPUT_FACT, pceRace } from '../../src/risk/chartInputs.ts';
import { INPUT_SPECS } from '../../src/risk/inputs.ts';
import { bpPanel, chart, coded, condition, medRequest, NOW, obs, patient, ucum } from '../chart/fixtures.ts';

const SCT = 'http://snomed.info/sct';
const CDC_RACE = 'urn:oid:2.16.840.1.113883.6.238';
const site = { kfreRegion: 'north-america' as const };
const facts = (parts: Partial<ChartData>): ChartFacts => buildFacts(chart(parts), NOW);

function withRace(p: Patient, ...codes: string[]): Patient {
  return {
    ...p,
    extension: [{
      url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
      extension: [...codes.map((code) => ({ url: 'ombCategory', valueCoding: { system: CDC_RACE, code } })), { url: 'text', valueString: 'as given' }],
    }],
  };
}

describe('chartInputs: every input from its fact, never defaulted', () => {
  const full = facts({
    patient: withRace(patient('male', '1966-01-10'), '2106-3'),
    observations: [
      obs('2093-3', ucum(6.2, 'mmol/L'), { id: 'tc', days: 30 }),
      obs('2085-9', ucum(38, 'mg/dL'), { id: 'hdl', days: 30 }),
      bpPanel(162, 96, 12),
      coded('72166-2', SCT, '449868002', 12),
      obs('2160-0', ucum(1.1, 'mg/dL'), { id: 'scr', days: 30 }),
    ],
    conditions: [condition(SCT, '22298006')],
    medicationRequests: [medRequest('314076', 'lisinopril 10 MG Oral Tablet')],
  });
  const ci = chartInputs(full, site);

  it('takes quantities by value in the model unit (mmol/L cholesterol arrives as mg/dL)', () => {
    expect(ci.inputs.age).toBe(60);
    // 6.2 mmol/L × 386.65 g/mol ÷ 10 = 239.7 mg/dL.
    expect(ci.inputs.totalCholesterol).toBeCloseTo(239.7, 1);
    expect(ci.inputs.hdl).toBe(38);
    expect(ci.inputs.systolicBP).toBe(162);
    expect(ci.provenance.systolicBP).toMatchObject({ input: 'systolicBP', fact: 'systolicBP', origin: 'chart', display: '162 mmHg' });
    expect(ci.provenance.totalCholesterol?.display).toBe('240 mg/dL');
    expect(ci.provenance.hdl?.sources[0]).toMatchObject({ resourceType: 'Observation', id: 'hdl' });
    expect(ci.provenance.hdl?.staleness?.level).toBe('fresh');
    expect(ci.provenance.hdl?.date).toBe(new Date(NOW.getTime() - 30 * 86_400_000).toISOString());
  });

  it('booleans as they are, with what they rest on; priorASCVD from the ASCVD fact', () => {
    expect(ci.inputs).toMatchObject({ smoker: true, onBPTreatment: true, onStatin: false, priorASCVD: true, sex: 'male', race: 'white', region: 'north-america' });
    expect(ci.provenance.onBPTreatment?.display).toBe('yes (lisinopril)');
    expect(ci.provenance.priorASCVD).toMatchObject({ fact: 'ascvd', origin: 'chart', display: 'yes' });
    expect(ci.provenance.onStatin).toMatchObject({ origin: 'derived', display: 'no', method: 'No active statin prescription in the loaded medications' });
  });

  it('derived facts carry their method (CKD-EPI 2021 eGFR from creatinine)', () => {
    expect(ci.provenance.egfr).toMatchObject({ origin: 'derived', method: 'CKD-EPI 2021 creatinine equation (race-free)' });
    // 142 × (1.1/0.9)^−1.200 × 0.9938^60 (man, age 60 on the draw date) = 142 × 0.7862 × 0.6884 = 76.8
    expect(ci.inputs.egfr).toBeCloseTo(142 * (1.1 / 0.9) ** -1.2 * 0.9938 ** 60, 6);
  });

  it('unknown facts are absent and listed with the chart layer’s reason', () => {
    for (const name of ['bmi', 'hba1c', 'uacr', 'calcium', 'phosphate', 'bicarbonate', 'albumin'] as const) {
      expect(ci.inputs[name], name).toBeUndefined();
      expect(ci.provenance[name], name).toBeUndefined();
    }
    expect(ci.missing.hba1c).toEqual({ input: 'hba1c', fact: 'hba1c', reason: 'no HbA1c result' });
    expect(ci.missing.bmi).toEqual({ input: 'bmi', fact: 'bmi', reason: 'no BMI result, and no weight or height to calculate one' });
    // Diabetes: no diagnosis, no drug and no HbA1c → derived "no" that says it rests on no HbA1c.
    expect(ci.provenance.diabetes?.display).toBe('no (no HbA1c on file)');
    expect(Object.keys(ci.missing).sort()).toEqual(['albumin', 'bicarbonate', 'bmi', 'calcium', 'hba1c', 'phosphate', 'uacr']);
  });

  it('an empty chart gives no inputs but the site region, and every input missing', () => {
    const empty = chartInputs(buildFacts(chart({ loaded: { patient: false, conditions: false, medications: false, allergies: false, familyHistory: false } }), NOW), { kfreRegion: 'other' });
    expect(empty.inputs).toEqual({ region: 'other' });
    expect(Object.keys(empty.missing).sort()).toEqual(Object.keys(INPUT_FACT).sort());
    expect(empty.missing.priorASCVD).toEqual({ input: 'priorASCVD', fact: 'ascvd', reason: 'conditions are not loaded' });
    expect(empty.missing.race?.reason).toBe('Patient is not loaded');
  });

  it('entered facts are marked entered', () => {
    const entered = applyEntries(full, { hba1c: { value: { value: 6.1, unit: '%' }, enteredAt: NOW.toISOString() }, race: { value: ['black'], enteredAt: NOW.toISOString() } }, NOW);
    const e = chartInputs(entered, site);
    expect(e.inputs.hba1c).toBe(6.1);
    expect(e.provenance.hba1c).toMatchObject({ origin: 'entered', display: '6.1 %' });
    expect(e.inputs.race).toBe('black');
    expect(e.provenance.race).toMatchObject({ origin: 'entered', display: 'Black or African American' });
    expect(e.missing.hba1c).toBeUndefined();
  });

  it('a quantity whose unit is not the model unit is not used', () => {
    // Only reachable through untyped data (the types forbid it): the guard keeps a wrong number out of the model.
    const wrong = { ...full, hdl: { ...full.hdl, value: { value: 1.0, unit: 'mmol/L' } } } as unknown as ChartFacts;
    const w = chartInputs(wrong, site);
    expect(w.inputs.hdl).toBeUndefined();
    expect(w.missing.hdl?.reason).toBe('recorded in mmol/L, the model takes mg/dL');
  });

  it('the chart delivers every quantity input in the unit INPUT_SPECS states', () => {
    expect(INPUT_SPECS.age.unit).toBe('a');
    for (const key of ['totalCholesterol', 'hdl', 'systolicBP', 'egfr', 'bmi', 'hba1c', 'uacr', 'calcium', 'phosphate', 'bicarbonate', 'albumin'] as const) {
      expect(conceptOf(key).unit, key).toBe(INPUT_SPECS[key].unit);
    }
  });
});

describe('race for the PCE', () => {
  it.each<[OmbRace[], string | undefined]>([
    [['white'], 'white'],
    [['black'], 'black'],
    [['black', 'white'], 'black'],
    [['asian', 'black'], 'black'],
    [['asian'], 'other'],
    [['white', 'asian'], 'other'],
    [['american-indian-or-alaska-native'], 'other'],
    [['native-hawaiian-or-other-pacific-islander'], 'other'],
    [['other'], 'other'],
    [[], undefined],
  ])('%j → %s', (categories, expected) => {
    expect(pceRace(categories)).toBe(expected);
  });

  it('shows the recorded categories, and for "other" which equations it gets', () => {
    const ci = chartInputs(facts({ patient: withRace(patient('female', '1970-01-01'), '2028-9', '2106-3') }), site);
    expect(ci.inputs.race).toBe('other');
    expect(ci.provenance.race).toMatchObject({ origin: 'chart', display: 'Asian, White (PCE: other, white equations)' });
    const both = chartInputs(facts({ patient: withRace(patient('female', '1970-01-01'), '2106-3', '2054-5') }), site);
    expect(both.provenance.race?.display).toBe('White, Black or African American');
  });

  it('no race extension: missing with the reason, never white', () => {
    const ci = chartInputs(facts({ patient: patient('female', '1970-01-01') }), site);
    expect(ci.inputs.race).toBeUndefined();
    expect(ci.missing.race).toEqual({ input: 'race', fact: 'race', reason: 'race not recorded' });
  });
});
