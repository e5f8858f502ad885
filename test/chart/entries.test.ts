import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { applyEntries, parseEntries } from '../../src/chart/entries.ts';
import { chart, coded, NOW, obs, patient, ucum } from './fixtures.ts';

describe('clinician entries', () => {
  it('reading entries back keeps only well-typed values in the canonical unit', () => {
    const at = NOW.toISOString();
    expect(parseEntries({
      hdl: { value: { value: 50, unit: 'mg/dL' }, enteredAt: at },
      ldl: { value: { value: 3.1, unit: 'mmol/L' }, enteredAt: at },
      diabetes: { value: 'yes', enteredAt: at },
      smoker: { value: false, enteredAt: at },
      sex: { value: 'other', enteredAt: at },
      ckdStage: { value: '3b', enteredAt: at },
      bogus: { value: true, enteredAt: at },
      age: { value: { value: Number.NaN, unit: 'a' }, enteredAt: at },
      hba1c: { value: { value: 7, unit: '%' } },
    })).toEqual({
      hdl: { value: { value: 50, unit: 'mg/dL' }, enteredAt: at },
      smoker: { value: false, enteredAt: at },
      ckdStage: { value: '3b', enteredAt: at },
    });
    expect(parseEntries('nope')).toEqual({});
  });

  it('race is read back only as one of the entry choices, in a one-element list', () => {
    const at = NOW.toISOString();
    const stored = (value: unknown) => parseEntries(JSON.parse(JSON.stringify({ race: { value, enteredAt: at } })));
    for (const race of ['white', 'black', 'other']) expect(stored([race])).toEqual({ race: { value: [race], enteredAt: at } });
    for (const wrong of ['white', [], ['white', 'black'], ['asian'], ['White'], [1], { 0: 'white' }, null]) expect(stored(wrong), JSON.stringify(wrong)).toEqual({});
  });

  it('an entered race replaces an unknown chart race and keeps why it was unknown', () => {
    const base = buildFacts(chart({ patient: patient('female', '1970-01-01') }), NOW);
    const facts = applyEntries(base, { race: { value: ['black'], enteredAt: NOW.toISOString() } }, NOW);
    expect(facts.race).toMatchObject({ state: 'known', origin: 'entered', value: ['black'], replaces: { state: 'unknown', reason: 'race not recorded' } });
  });

  it('an entered value is marked entered and keeps what the chart said and its sources', () => {
    const base = buildFacts(chart({ observations: [obs('2093-3', ucum(240, 'mg/dL'), { id: 'tc-1' })] }), NOW);
    const facts = applyEntries(base, { totalCholesterol: { value: { value: 200, unit: 'mg/dL' }, enteredAt: NOW.toISOString() } }, NOW);
    const tc = facts.totalCholesterol;
    expect(tc).toMatchObject({ state: 'known', origin: 'entered', value: { value: 200, unit: 'mg/dL' } });
    expect(tc.sources[0]?.id).toBe('tc-1');
    expect(tc.state === 'known' && tc.origin === 'entered' && tc.replaces).toMatchObject({ state: 'known', value: { value: 240 } });
  });

  it('filling a missing input (sex) lets the derived eGFR be computed', () => {
    const base = buildFacts(chart({ patient: patient('other', '1960-01-01'), observations: [obs('2160-0', ucum(1.0, 'mg/dL'))] }), NOW);
    expect(base.egfr.state).toBe('unknown');
    const facts = applyEntries(base, { sex: { value: 'male', enteredAt: NOW.toISOString() } }, NOW);
    expect(facts.egfr).toMatchObject({ state: 'known', origin: 'derived', inputs: ['creatinine', 'age', 'sex'] });
  });

  it('entering a smoking status updates the smoker flag (derived from the entry)', () => {
    const base = buildFacts(chart({ observations: [coded('72166-2', 'http://snomed.info/sct', '266919005')] }), NOW);
    const facts = applyEntries(base, { smokingStatus: { value: 'current', enteredAt: NOW.toISOString() } }, NOW);
    expect(facts.smoker).toMatchObject({ state: 'known', origin: 'derived', value: true });
  });

  it('a charted eGFR is not recomputed when creatinine is overridden', () => {
    const base = buildFacts(chart({ patient: patient('female', '1960-01-01'), observations: [obs('98979-8', ucum(55, 'mL/min/{1.73_m2}'))] }), NOW);
    const facts = applyEntries(base, { creatinine: { value: { value: 2, unit: 'mg/dL' }, enteredAt: NOW.toISOString() } }, NOW);
    expect(facts.egfr).toMatchObject({ origin: 'chart', value: { value: 55 } });
  });
});
