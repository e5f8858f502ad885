import { isRecord } from './codes.ts';
import { ageInYears } from './derived.ts';
import { resourceId } from './observationValidity.ts';
import type { Fact, Quantity, Sex } from './types.ts';
import { unknown } from './types.ts';

/** Age today from Patient.birthDate (a derived fact: it changes with the date, not the chart). */
export function ageFact(patient: unknown, loaded: boolean, now: Date): Fact<Quantity<'a'>> {
  const id = resourceId(patient, 'Patient');
  if (!isRecord(patient) || id === undefined) return unknown(loaded ? 'Patient resource is not usable' : 'Patient is not loaded');
  const birthDate = patient.birthDate;
  const source = { resourceType: 'Patient', id, ...(typeof birthDate === 'string' ? { value: birthDate } : {}) };
  if (typeof birthDate !== 'string') return unknown('no birth date', [{ source, reason: 'birthDate missing' }]);
  const years = ageInYears(birthDate, now);
  if (years === undefined) return unknown('birth date is not a full valid date', [{ source, reason: `birthDate "${birthDate}" is not YYYY-MM-DD in the past` }]);
  return {
    state: 'known', origin: 'derived', value: { value: years, unit: 'a' }, sources: [source], rejected: [],
    method: 'Whole years from birth date to today', citation: 'Patient.birthDate', inputs: ['Patient.birthDate'],
  };
}

/**
 * Sex for the risk equations, from Patient.gender (administrative gender). Only "female"/"male" map;
 * "other"/"unknown"/missing stay unknown and must be entered (never defaulted to male).
 */
export function sexFact(patient: unknown, loaded: boolean): Fact<Sex> {
  const id = resourceId(patient, 'Patient');
  if (!isRecord(patient) || id === undefined) return unknown(loaded ? 'Patient resource is not usable' : 'Patient is not loaded');
  const gender = patient.gender;
  const source = { resourceType: 'Patient', id, ...(typeof gender === 'string' ? { value: gender } : {}) };
  if (gender === 'female' || gender === 'male') return { state: 'known', origin: 'chart', value: gender, sources: [source], rejected: [] };
  return unknown(`administrative gender is ${typeof gender === 'string' ? `"${gender}"` : 'not recorded'}; the equations need female or male`, [{ source, reason: 'not female/male' }]);
}
