import { describe, expect, it } from 'vitest';
import { ageInYears } from '../../src/chart/derived.ts';
import { displayName, summarisePatient } from '../../src/ui/banner/patientSummary.ts';

describe('ageInYears', () => {
  const today = new Date('2026-11-25T12:00:00Z');
  it.each([
    ['1970-11-25', 56],
    ['1970-11-26', 55],
    ['1970-12-01', 55],
    ['2026-11-25', 0],
  ])('born %s → %i', (birth, age) => expect(ageInYears(birth, today)).toBe(age));
  it('turns a 29 February birthday over on 1 March in common years', () => {
    expect(ageInYears('2000-02-29', new Date('2027-02-28T12:00:00Z'))).toBe(26);
    expect(ageInYears('2000-02-29', new Date('2027-03-01T12:00:00Z'))).toBe(27);
  });
  it('gives no age for a partial, missing or future date', () => {
    expect(ageInYears('1970', today)).toBeUndefined();
    expect(ageInYears(undefined, today)).toBeUndefined();
    expect(ageInYears('2030-01-01', today)).toBeUndefined();
  });
});

describe('summarisePatient', () => {
  it('prefers the official name and the MRN', () => {
    const summary = summarisePatient(
      {
        resourceType: 'Patient',
        gender: 'female',
        birthDate: '1968-03-14',
        name: [{ use: 'nickname', given: ['Annie'] }, { use: 'official', given: ['Anne', 'Marie'], family: 'Example' }],
        identifier: [
          { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999-00-0000' },
          { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'MRN123' },
        ],
      },
      new Date('2026-11-25T00:00:00Z'),
    );
    expect(summary).toEqual({ name: 'Anne Marie Example', sex: 'Female', birthDate: '1968-03-14', ageYears: 58, identifier: { label: 'MRN', value: 'MRN123' } });
  });
  it('says plainly what is missing', () => {
    expect(summarisePatient({ resourceType: 'Patient' }, new Date())).toEqual({ name: 'Name not recorded', sex: 'Unknown', birthDate: undefined, ageYears: undefined, identifier: undefined });
    expect(displayName([{ text: 'Dr Who' }])).toBe('Dr Who');
  });
});
