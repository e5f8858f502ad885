import { isRecord } from './codes.ts';
import { ageInYears } from './derived.ts';
import { parseFhirDate } from './fhirDate.ts';
import { resourceId } from './observationValidity.ts';
import type { Fact, OmbRace, Quantity, Rejection, Sex, SourceRef } from './types.ts';
import { unknown } from './types.ts';

/**
 * Whether Patient.deceased[x] says the patient has died (FHIR R4: deceasedBoolean or deceasedDateTime), and when.
 * A deceasedDateTime that is not a valid date still means deceased, with the date unknown.
 */
export function deathOf(patient: unknown): { deceased: false } | { deceased: true; date?: string; at?: number } {
  if (!isRecord(patient)) return { deceased: false };
  const date = patient.deceasedDateTime;
  if (typeof date === 'string') {
    const at = parseFhirDate(date);
    return at === undefined ? { deceased: true } : { deceased: true, date, at };
  }
  return patient.deceasedBoolean === true ? { deceased: true } : { deceased: false };
}

/**
 * Age from Patient.birthDate (a derived fact: it changes with the date, not the chart): today, or at death for a
 * deceased patient, whose age stops there. Deceased without a date of death: unknown.
 */
export function ageFact(patient: unknown, loaded: boolean, now: Date): Fact<Quantity<'a'>> {
  const id = resourceId(patient, 'Patient');
  if (!isRecord(patient) || id === undefined) return unknown(loaded ? 'Patient resource is not usable' : 'Patient is not loaded');
  const birthDate = patient.birthDate;
  const source = { resourceType: 'Patient', id, ...(typeof birthDate === 'string' ? { value: birthDate } : {}) };
  if (typeof birthDate !== 'string') return unknown('no birth date', [{ source, reason: 'birthDate missing' }]);
  const death = deathOf(patient);
  if (death.deceased && death.at === undefined) return unknown('patient deceased; the date of death is not recorded, so the age at death is unknown');
  const until = death.deceased && death.at !== undefined ? new Date(Math.min(death.at, now.getTime())) : now;
  const years = ageInYears(birthDate, until);
  if (years === undefined) return unknown('birth date is not a full valid date', [{ source, reason: `birthDate "${birthDate}" is not YYYY-MM-DD in the past` }]);
  const died = death.deceased ? death.date?.slice(0, 10) : undefined;
  const atDeath = died ? { method: `Whole years from birth date to death (${died})`, note: `age at death (${died})` } : { method: 'Whole years from birth date to today' };
  return {
    state: 'known', origin: 'derived', value: { value: years, unit: 'a' }, sources: [source], rejected: [],
    citation: 'Patient.birthDate', inputs: died ? ['Patient.birthDate', 'Patient.deceasedDateTime'] : ['Patient.birthDate'], ...atDeath,
  };
}

/** Deceased (Patient.deceased[x]): yes with the date of death when recorded; no when the loaded Patient says neither. */
export function deceasedFact(patient: unknown, loaded: boolean): Fact<boolean> {
  const id = resourceId(patient, 'Patient');
  if (!isRecord(patient) || id === undefined) return unknown(loaded ? 'Patient resource is not usable' : 'Patient is not loaded');
  const death = deathOf(patient);
  const recorded = typeof patient.deceasedDateTime === 'string' ? patient.deceasedDateTime : typeof patient.deceasedBoolean === 'boolean' ? String(patient.deceasedBoolean) : undefined;
  const source: SourceRef = { resourceType: 'Patient', id, ...(recorded !== undefined ? { value: recorded } : {}) };
  if (!death.deceased) return { state: 'known', origin: 'chart', value: false, sources: [source], rejected: [] };
  return {
    state: 'known', origin: 'chart', value: true, sources: [source], rejected: [],
    ...(death.date !== undefined ? { date: death.date } : { note: 'date of death not recorded' }),
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

/** US Core race extension (US Core STU3.1.1–STU8): sub-extensions `ombCategory` (0..5), `detailed` (0..*), `text` (1..1). */
const US_CORE_RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
/** CDC Race & Ethnicity code system (CDCREC), the system of the OMB Race Categories value set. */
const CDC_RACE = 'urn:oid:2.16.840.1.113883.6.238';
const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';

/**
 * US Core ValueSet omb-race-category: the five OMB categories, plus CDC "Other Race" 2131-1 (listed since US Core
 * STU5; also a `detailed` code). Other detailed codes are not rolled up: US Core asks senders to give the category.
 */
const OMB_RACE: ReadonlyMap<string, OmbRace> = new Map([
  ['1002-5', 'american-indian-or-alaska-native'],
  ['2028-9', 'asian'],
  ['2054-5', 'black'],
  ['2076-8', 'native-hawaiian-or-other-pacific-islander'],
  ['2106-3', 'white'],
  ['2131-1', 'other'],
]);
/** The null flavours the OMB value set allows (v3 NullFlavor UNK, ASKU "asked but unknown"), as a reason the race is unknown. */
const RACE_NOT_GIVEN: ReadonlyMap<string, string> = new Map([['UNK', 'race recorded as unknown'], ['ASKU', 'patient was asked and did not say']]);

function extensionsOf(element: Record<string, unknown>, url: string): Record<string, unknown>[] {
  return Array.isArray(element.extension) ? element.extension.filter((e): e is Record<string, unknown> => isRecord(e) && e.url === url) : [];
}

/**
 * The OMB race categories recorded in the US Core race extension, for the Pooled Cohort Equations. Only what the
 * extension codes counts: race is never guessed from names, language, ethnicity or the free text (shown as the note).
 * UNK/ASKU, no category Tailor recognises, or a category beside a null flavour leave it unknown, to be entered.
 */
export function raceFact(patient: unknown, loaded: boolean): Fact<OmbRace[]> {
  const id = resourceId(patient, 'Patient');
  if (!isRecord(patient) || id === undefined) return unknown(loaded ? 'Patient resource is not usable' : 'Patient is not loaded');
  const [race, ...extra] = extensionsOf(patient, US_CORE_RACE);
  if (!race) return unknown('race not recorded');
  const text = extensionsOf(race, 'text').map((e) => e.valueString).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const coded = [...extensionsOf(race, 'ombCategory'), ...extensionsOf(race, 'detailed')].map((e) => e.valueCoding);
  const source: SourceRef = { resourceType: 'Patient', id };
  const rejected: Rejection[] = extra.length > 0 ? [{ source, reason: `${extra.length} further race extension(s) ignored (US Core allows one)` }] : [];
  const categories = new Set<OmbRace>();
  const recorded: string[] = [];
  let notGiven: string | undefined;
  for (const coding of coded) {
    if (!isRecord(coding) || typeof coding.code !== 'string') {
      rejected.push({ source, reason: 'race coding without a code' });
      continue;
    }
    recorded.push(coding.code);
    const category = coding.system === CDC_RACE ? OMB_RACE.get(coding.code) : undefined;
    const nullFlavor = coding.system === NULL_FLAVOR ? RACE_NOT_GIVEN.get(coding.code) : undefined;
    if (category) categories.add(category);
    else if (nullFlavor) notGiven ??= nullFlavor;
  }
  const recordedSource = { ...source, ...(recorded.length > 0 ? { value: recorded.join(', ') } : {}) };
  const hint = text ? { note: `recorded as "${text}"`, sources: [recordedSource] } : undefined;
  if (categories.size > 0 && notGiven) return unknown(`race extension gives both a category and "${notGiven}"`, [{ source: recordedSource, reason: 'contradictory race codes' }, ...rejected], hint);
  if (notGiven) return unknown(notGiven, rejected, hint);
  if (categories.size === 0) {
    return unknown('race extension has no OMB race category', [{ source: recordedSource, reason: 'no OMB race category code' }, ...rejected], hint);
  }
  return { state: 'known', origin: 'chart', value: [...categories], sources: [recordedSource], rejected, ...(text ? { note: text } : {}) };
}
