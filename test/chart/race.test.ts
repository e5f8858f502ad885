import { describe, expect, it } from 'vitest';
import type { Extension, Patient } from 'fhir/r4';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { raceFact } from '../../src/chart/patientFacts.ts';
import { chart, NOW, patient } from './fixtures.ts';

// Codes written out from the US Core OMB Race Categories value set (CDCREC urn:oid:2.16.840.1.113883.6.238, and UNK /
// ASKU from v3 NullFlavor), not taken from the code under test.
const RACE_URL = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
const CDCREC = 'urn:oid:2.16.840.1.113883.6.238';
const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';

const omb = (code: string, system = CDCREC): Extension => ({ url: 'ombCategory', valueCoding: { system, code } });
const race = (parts: Extension[], text?: string): Extension => ({
  url: RACE_URL, extension: [...parts, ...(text ? [{ url: 'text', valueString: text }] : [])],
});
const withRace = (...extension: Extension[]): Patient => ({ ...patient('female', '1970-01-01'), extension });

describe('race (US Core race extension)', () => {
  it.each([
    ['1002-5', 'american-indian-or-alaska-native'],
    ['2028-9', 'asian'],
    ['2054-5', 'black'],
    ['2076-8', 'native-hawaiian-or-other-pacific-islander'],
    ['2106-3', 'white'],
    ['2131-1', 'other'],
  ])('OMB category %s is %s, from the Patient, with the text as the note', (code, value) => {
    expect(raceFact(withRace(race([omb(code)], 'as told')), true)).toEqual({
      state: 'known', origin: 'chart', value: [value], note: 'as told', rejected: [],
      sources: [{ resourceType: 'Patient', id: 'p1', value: code }],
    });
  });

  it('keeps every category recorded, in order, once each', () => {
    const fact = raceFact(withRace(race([omb('2054-5'), omb('2106-3'), omb('2054-5')], 'Black and White')), true);
    expect(fact).toMatchObject({ state: 'known', value: ['black', 'white'], note: 'Black and White' });
  });

  it('"Other Race" 2131-1 counts as a detailed code too; other detailed codes are not rolled up', () => {
    const detailed = (code: string): Extension => ({ url: 'detailed', valueCoding: { system: CDCREC, code } });
    expect(raceFact(withRace(race([detailed('2131-1')])), true)).toMatchObject({ state: 'known', value: ['other'] });
    // 2108-9 (European) is a White detailed code; without the ombCategory it is not turned into "white".
    expect(raceFact(withRace(race([detailed('2108-9')], 'European')), true).state).toBe('unknown');
    expect(raceFact(withRace(race([omb('2106-3'), detailed('2108-9')])), true)).toMatchObject({ state: 'known', value: ['white'] });
  });

  it('UNK and ASKU say why the race is unknown, keeping the text as a hint', () => {
    expect(raceFact(withRace(race([omb('UNK', NULL_FLAVOR)], 'Unknown')), true)).toMatchObject({
      state: 'unknown', reason: 'race recorded as unknown', note: 'recorded as "Unknown"',
    });
    expect(raceFact(withRace(race([omb('ASKU', NULL_FLAVOR)])), true)).toMatchObject({ state: 'unknown', reason: 'patient was asked and did not say' });
  });

  it('a category beside UNK is contradictory: unknown, not the category', () => {
    const fact = raceFact(withRace(race([omb('2106-3'), omb('UNK', NULL_FLAVOR)])), true);
    expect(fact.state).toBe('unknown');
    expect(fact.rejected[0]?.reason).toBe('contradictory race codes');
  });

  it('no race extension: "race not recorded"; never guessed from ethnicity or anything else', () => {
    const ethnicity: Extension = {
      url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity',
      extension: [{ url: 'ombCategory', valueCoding: { system: CDCREC, code: '2135-2' } }, { url: 'text', valueString: 'Hispanic or Latino' }],
    };
    expect(raceFact(patient('female', '1970-01-01'), true)).toMatchObject({ state: 'unknown', reason: 'race not recorded' });
    expect(raceFact(withRace(ethnicity), true)).toMatchObject({ state: 'unknown', reason: 'race not recorded' });
  });

  it('malformed extensions are rejected with a reason, never read as a race', () => {
    // Text only: the free text is shown as a hint, not parsed.
    expect(raceFact(withRace(race([], 'White')), true)).toMatchObject({
      state: 'unknown', reason: 'race extension has no OMB race category', note: 'recorded as "White"',
    });
    // A race code in the wrong system, and a category without a coding.
    const wrong = raceFact(withRace(race([omb('2106-3', 'http://example.org/race'), { url: 'ombCategory', valueString: 'white' }])), true);
    expect(wrong.state).toBe('unknown');
    expect(wrong.rejected.map((r) => r.reason)).toEqual(['no OMB race category code', 'race coding without a code']);
    // A code that is a property name of every object is no category.
    expect(raceFact(withRace(race([omb('constructor')])), true).state).toBe('unknown');
    // An extension that is not an array, or a non-object sub-extension, is no race.
    expect(raceFact({ ...patient('female', '1970-01-01'), extension: { url: RACE_URL } }, true).state).toBe('unknown');
    expect(raceFact({ ...patient('female', '1970-01-01'), extension: [{ url: RACE_URL, extension: ['white'] }] }, true).state).toBe('unknown');
  });

  it('a second race extension is ignored with a reason (US Core allows one)', () => {
    const fact = raceFact(withRace(race([omb('2028-9')]), race([omb('2106-3')])), true);
    expect(fact).toMatchObject({ state: 'known', value: ['asian'] });
    expect(fact.rejected).toHaveLength(1);
  });

  it('without a usable Patient the reason says whether it loaded', () => {
    expect(raceFact(undefined, false)).toMatchObject({ state: 'unknown', reason: 'Patient is not loaded' });
    expect(raceFact({ resourceType: 'Patient' }, true)).toMatchObject({ state: 'unknown', reason: 'Patient resource is not usable' });
  });

  it('is wired into buildFacts', () => {
    expect(buildFacts(chart({ patient: withRace(race([omb('2054-5')], 'Black')) }), NOW).race).toMatchObject({ state: 'known', value: ['black'] });
  });
});
