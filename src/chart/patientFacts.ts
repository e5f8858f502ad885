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

/** US Core birth sex extension (US Core STU 3–6; values F, M, UNK). */
const US_CORE_BIRTHSEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

/**
 * Sex for the risk equations, from Patient.gender (administrative gender) when it is "female"/"male"; otherwise from
 * the US Core birth sex extension (F/M), noted as such. Anything else stays unknown and must be entered (never
 * defaulted to male).
 */
export function sexFact(patient: unknown, loaded: boolean): Fact<Sex> {
  const id = resourceId(patient, 'Patient');
  if (!isRecord(patient) || id === undefined) return unknown(loaded ? 'Patient resource is not usable' : 'Patient is not loaded');
  const gender = patient.gender;
  const source = { resourceType: 'Patient', id, ...(typeof gender === 'string' ? { value: gender } : {}) };
  if (gender === 'female' || gender === 'male') return { state: 'known', origin: 'chart', value: gender, sources: [source], rejected: [] };
  const birthSex = Array.isArray(patient.extension)
    ? patient.extension.find((e): e is Record<string, unknown> => isRecord(e) && e.url === US_CORE_BIRTHSEX)?.valueCode
    : undefined;
  if (birthSex === 'F' || birthSex === 'M') {
    return {
      state: 'known', origin: 'chart', value: birthSex === 'F' ? 'female' : 'male', sources: [{ ...source, value: `birth sex ${birthSex}` }], rejected: [],
      note: `administrative gender ${typeof gender === 'string' ? `"${gender}"` : 'not recorded'}; from US Core birth sex`,
    };
  }
  return unknown(`administrative gender is ${typeof gender === 'string' ? `"${gender}"` : 'not recorded'}; the equations need female or male`, [{ source, reason: 'not female/male' }]);
}
