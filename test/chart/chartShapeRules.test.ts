/** The rules behind issue 13's chart shapes, on hand-built resources (fixtures.ts): values and reasons worked by hand. */
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { convert } from '../../src/chart/units.ts';
import { DRUG_CLASSES } from '../../src/chart/valueSets/medications.ts';
import { RXNORM_PRODUCTS } from '../../src/chart/valueSets/rxnormProducts.ts';
import { chart, daysAgo, medRequest, NOW, obs, patient, ucum } from './fixtures.ts';

describe('UCUM annotations are not ignored', () => {
  it.each([
    ['mL/min', false],
    ['mL/min/{1.73_m2}', true],
    ['mL/min/{1.73m2}', true],
  ])('%s → mL/min/{1.73_m2}: converted %s', (from, ok) => {
    const result = convert(60, from, 'mL/min/{1.73_m2}');
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.value).toBeCloseTo(60, 9);
    else expect(result.reason).toContain('{1.73_m2}');
  });
  it('a non-indexed GFR is listed as not used, and eGFR comes from nowhere else when there is no creatinine', () => {
    const f = buildFacts(chart({ observations: [obs('62238-1', ucum(55, 'mL/min'), { id: 'gfr' })] }), NOW);
    expect(f.egfr.state).toBe('unknown');
    expect(f.egfr.rejected).toEqual([expect.objectContaining({ source: expect.objectContaining({ id: 'gfr' }), reason: expect.stringContaining('not indexed') })]);
  });
});

describe('results of one draw that disagree', () => {
  const at = daysAgo(5);
  const tc = (id: string, value: number, status = 'final') => obs('2093-3', ucum(value, 'mg/dL'), { id, effectiveDateTime: at, status: status as 'final' });
  it('two final results: neither is used, both are named', () => {
    const f = buildFacts(chart({ observations: [tc('a', 190), tc('b', 230)] }), NOW);
    expect(f.totalCholesterol).toMatchObject({ state: 'unknown', sources: [{ id: 'a' }, { id: 'b' }] });
    expect(f.totalCholesterol.note).toBe('recorded 190 mg/dL (Observation/a) and 230 mg/dL (Observation/b): enter the right value');
  });
  it('a correction supersedes the final result of the same time', () => {
    const f = buildFacts(chart({ observations: [tc('a', 190), tc('b', 230, 'amended')] }), NOW);
    expect(f.totalCholesterol).toMatchObject({ state: 'known', value: { value: 230 }, sources: [{ id: 'b' }] });
    expect(f.totalCholesterol.rejected[0]).toMatchObject({ source: { id: 'a' } });
  });
  it('two corrections that disagree: neither', () => {
    const f = buildFacts(chart({ observations: [tc('a', 190, 'corrected'), tc('b', 230, 'corrected')] }), NOW);
    expect(f.totalCholesterol.state).toBe('unknown');
  });
  it('the same value twice is no conflict; nor is an older result that differs', () => {
    const same = buildFacts(chart({ observations: [tc('a', 190), tc('b', 190)] }), NOW);
    expect(same.totalCholesterol).toMatchObject({ state: 'known', value: { value: 190 } });
    const older = buildFacts(chart({ observations: [tc('a', 190), obs('2093-3', ucum(230, 'mg/dL'), { id: 'old', days: 40 })] }), NOW);
    expect(older.totalCholesterol).toMatchObject({ state: 'known', value: { value: 190 }, sources: [{ id: 'a' }] });
  });
});

describe('RxNorm product codes', () => {
  const ingredients = new Set(DRUG_CLASSES.flatMap((c) => c.ingredients.map((i) => i.name)));
  it('every product names ingredients of the drug table, once per code', () => {
    for (const p of RXNORM_PRODUCTS) for (const i of p.ingredients) expect(ingredients.has(i.ingredient), `${p.rxcui} ${i.ingredient}`).toBe(true);
    expect(new Set(RXNORM_PRODUCTS.map((p) => p.rxcui)).size).toBe(RXNORM_PRODUCTS.length);
  });
  it('a product strength agrees with the number in its RxNorm name', () => {
    for (const p of RXNORM_PRODUCTS) {
      for (const i of p.ingredients) if (i.mg !== undefined) expect(p.name, p.rxcui).toMatch(new RegExp(`\\b${String(i.mg).replace('.', '\\.')} MG\\b`));
    }
  });
  it('a combination product code gives each ingredient, and its class', () => {
    // 999967: amlodipine 5 MG / hydrochlorothiazide 12.5 MG / olmesartan medoxomil 20 MG Oral Tablet.
    const f = buildFacts(chart({ medicationRequests: [medRequest('999967', 'Tribenzor generic')] }), NOW);
    expect(f.drugs.state === 'known' && f.drugs.value.map((d) => d.ingredient).sort()).toEqual(['amlodipine', 'hydrochlorothiazide', 'olmesartan']);
    expect(f.onBPTreatment).toMatchObject({ state: 'known', value: true });
  });
  it('premixed human insulin 70/30 (106892) is insulin: diabetes from a diabetes-specific drug', () => {
    const f = buildFacts(chart({ medicationRequests: [medRequest('106892', 'Humulin 70/30')] }), NOW);
    expect(f.diabetes).toMatchObject({ state: 'known', value: true, origin: 'derived' });
  });
  it('an unrecognised drug is listed only while active', () => {
    const active = buildFacts(chart({ medicationRequests: [medRequest('313782', 'Acetaminophen 325 MG Oral Tablet', { id: 'apap' })] }), NOW);
    expect(active.drugs.rejected).toEqual([expect.objectContaining({ source: expect.objectContaining({ id: 'apap' }), reason: expect.stringContaining('not recognised') })]);
    expect(active.onStatin).toMatchObject({ state: 'known', value: false });
    expect(active.onStatin.note).toContain('Acetaminophen 325 MG Oral Tablet');
    const stopped = buildFacts(chart({ medicationRequests: [medRequest('313782', 'Acetaminophen 325 MG Oral Tablet', { status: 'stopped' })] }), NOW);
    expect(stopped.drugs.rejected).toEqual([]);
    expect(stopped.onStatin.note).toBeUndefined();
  });
});

describe('deceased patients', () => {
  const born = '1950-06-01';
  it('deceasedDateTime: deceased with that date; age at death (2020-05-31: still 69)', () => {
    const f = buildFacts(chart({ patient: { ...patient('female', born), deceasedDateTime: '2020-05-31' } }), NOW);
    expect(f.deceased).toMatchObject({ state: 'known', value: true, date: '2020-05-31' });
    expect(f.age).toMatchObject({ state: 'known', value: { value: 69 }, note: 'age at death (2020-05-31)' });
  });
  it('deceasedBoolean without a date: deceased, age unknown', () => {
    const f = buildFacts(chart({ patient: { ...patient('female', born), deceasedBoolean: true } }), NOW);
    expect(f.deceased).toMatchObject({ state: 'known', value: true, note: 'date of death not recorded' });
    expect(f.age.state).toBe('unknown');
  });
  it('deceasedBoolean false, or nothing: not deceased, age today (2026-06-15: 76)', () => {
    for (const p of [{ ...patient('female', born), deceasedBoolean: false }, patient('female', born)]) {
      const f = buildFacts(chart({ patient: p }), NOW);
      expect(f.deceased).toMatchObject({ state: 'known', value: false });
      expect(f.age).toMatchObject({ state: 'known', value: { value: 76 } });
    }
  });
  it('Patient not loaded: unknown', () => {
    expect(buildFacts(chart({ loaded: { patient: false, conditions: true, medications: true, allergies: true, familyHistory: true } }), NOW).deceased.state).toBe('unknown');
  });
});
