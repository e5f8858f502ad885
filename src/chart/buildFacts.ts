import { isRecord, type CodeRef } from './codes.ts';
import { latestCodedAnswer } from './codedObservations.ts';
import { ckdStageFact, conditionFact } from './conditions.ts';
import { ageInYears, bodyMassIndex, ckdEpi2021, HBA1C_DIABETES_PERCENT } from './derived.ts';
import { DAY_MS, parseFhirDate } from './fhirDate.ts';
import { activeDrugs, statinUse, type ActiveDrug } from './medications.ts';
import { newestReading, readingsOf, twelveMonthMean, type Reading } from './observations.ts';
import { familyHistoryFact, statinIntoleranceFact } from './otherFacts.ts';
import { slco1b1Fact } from './slco1b1.ts';
import { cyp2c19Fact } from './cyp2c19.ts';
import { drugAllergiesFact } from './drugAllergies.ts';
import { listCounts, withRecordGaps } from './recordGaps.ts';
import { bySetting } from './homeReadings.ts';
import { ageFact, deceasedFact, raceFact, sexFact } from './patientFacts.ts';
import { DEFAULT_VALUE_SETS, type ValueSets } from './siteCodes.ts';
import { stalenessOf } from './staleness.ts';
import type { ObservationConcept } from './valueSets/observations.ts';
import { DRUG_CLASSES } from './valueSets/medications.ts';
import { PREGNANCY_ANSWERS, PREGNANCY_STATUS_CODE, SMOKING_STATUS_CODE, SMOKING_UNKNOWN_ANSWERS } from './valueSets/social.ts';
import type { ConditionKey } from './valueSets/conditions.ts';
import type { RecordGap, RecordKind } from './types.ts';
import type { ChartFacts, DrugUse, Fact, FactKey, KnownFact, QuantityFacts, QuantityKey, Quantity, Rejection, SmokingStatus, SourceRef, Sex, UnknownFact } from './types.ts';
import { unknown, valueOf } from './types.ts';

/** What the loader fetched. `loaded` says which searches completed: absence of data is evidence only for those. */
export interface ChartData {
  patient?: unknown;
  observations: readonly unknown[];
  conditions: readonly unknown[];
  medicationRequests: readonly unknown[];
  medicationStatements: readonly unknown[];
  /** Medication resources included with or referenced by the medication resources. */
  medications: readonly unknown[];
  allergies: readonly unknown[];
  familyHistory: readonly unknown[];
  loaded: { patient: boolean; conditions: boolean; medications: boolean; allergies: boolean; familyHistory: boolean };
  /**
   * Observation searches cut off by the page cap, by category: the date from which results are complete
   * (the oldest one loaded; searches are newest first). Absent when everything was loaded.
   */
  completeSince?: Partial<Record<ObservationConcept['category'], string>>;
  /** Kinds of record whose searches are still running, failed or are not offered (absent: loaded). */
  gaps?: Partial<Record<RecordKind, RecordGap>>;
}

export const EMPTY_CHART: ChartData = {
  observations: [], conditions: [], medicationRequests: [], medicationStatements: [], medications: [], allergies: [], familyHistory: [],
  loaded: { patient: false, conditions: false, medications: false, allergies: false, familyHistory: false },
};

/**
 * Turns whatever the EHR returned into clinical facts. Pure and total: malformed resources are rejected with a
 * reason, never thrown on and never turned into a value.
 */
export function buildFacts(chart: ChartData, now: Date, valueSets: ValueSets = DEFAULT_VALUE_SETS): ChartFacts {
  const q = quantityFacts(chart.observations, now, valueSets, chart.completeSince);
  const age = ageFact(chart.patient, chart.loaded.patient, now);
  const sex = sexFact(chart.patient, chart.loaded.patient);
  const condition = (key: ConditionKey) => {
    const concept = valueSets.conditions.find((c) => c.key === key);
    if (!concept) throw new Error(`missing condition concept ${key}`);
    return concept;
  };
  const cond = (key: ConditionKey) => conditionFact(condition(key), chart.conditions, chart.loaded.conditions, now);
  const meds = activeDrugs(chart.medicationRequests, chart.medicationStatements, chart.medications, valueSets);
  const drugs: ChartFacts['drugs'] = chart.loaded.medications || meds.drugs.length > 0
    ? { state: 'known', origin: 'chart', value: uniqueDrugs(meds.drugs), sources: meds.drugs.map((d) => d.source), rejected: meds.rejected }
    : unknown('medications are not loaded', meds.rejected);
  const smokingStatus = smokingFact(chart.observations, now, valueSets);
  const hypertension = cond('hypertension');
  const diabetesDx = cond('diabetes');
  const birthDate = isRecord(chart.patient) && typeof chart.patient.birthDate === 'string' ? chart.patient.birthDate : undefined;
  const egfr = chooseEgfr(q.egfr, q.creatinine, age, sex, birthDate);
  const bmi = q.bmi.state === 'known' ? q.bmi : derivedBmi(q.weight, q.height, q.bmi, now);
  return withRecordGaps({
    ...q,
    egfr,
    bmi,
    age,
    sex,
    race: raceFact(chart.patient, chart.loaded.patient),
    deceased: deceasedFact(chart.patient, chart.loaded.patient),
    smokingStatus,
    smoker: smokerFact(smokingStatus),
    pregnant: pregnancyFact(chart, now, condition('pregnancy')),
    diabetes: diabetesFact(diabetesDx, q.hba1c, earlierDiagnosticHba1c(chart.observations, now, valueSets), meds.drugs, chart.loaded.medications),
    hypertension,
    ckdStage: ckdStageFact(condition('ckd'), chart.conditions, chart.loaded.conditions, now),
    ascvd: cond('ascvd'),
    heartFailure: cond('heartFailure'),
    atrialFibrillation: cond('atrialFibrillation'),
    familialHypercholesterolaemia: cond('familialHypercholesterolaemia'),
    familyHistoryPrematureAscvd: familyHistoryFact(chart.familyHistory, condition('ascvd').codes, chart.loaded.familyHistory),
    onBPTreatment: drugFlag(meds, (d) => DRUG_CLASSES.find((c) => c.key === d.drugClass)?.antihypertensive === true, chart.loaded.medications, 'antihypertensive'),
    onStatin: drugFlag(meds, (d) => d.drugClass === 'statin', chart.loaded.medications, 'statin'),
    statin: statinFact(meds, chart.loaded.medications),
    drugs,
    statinIntolerance: statinIntoleranceFact(chart.allergies, chart.loaded.allergies, now),
    slco1b1: slco1b1Fact(chart.observations, now),
    cyp2c19: cyp2c19Fact(chart.observations, now),
    drugAllergies: drugAllergiesFact(chart.allergies, chart.loaded.allergies, now, valueSets.drugCodes),
  }, chart.gaps ?? {}, listCounts(chart));
}

/** Whether results complete since `since` cover the 12 months before now. */
function coversLastYear(since: string | undefined, now: Date): boolean {
  if (since === undefined) return true;
  const at = parseFhirDate(since);
  return at !== undefined && at <= now.getTime() - 365 * DAY_MS;
}

function quantityFacts(observations: readonly unknown[], now: Date, valueSets: ValueSets, completeSince: ChartData['completeSince']): QuantityFacts {
  const out: Partial<Record<QuantityKey, Fact<Quantity>>> = {};
  const split = bySetting(observations);
  for (const concept of valueSets.observations) {
    const { readings, rejected } = readingsOf(concept, concept.setting ? split[concept.setting] : observations, now);
    const chosen = newestReading(readings);
    if (!chosen) {
      out[concept.key] = unknown(rejected.length > 0 ? `no usable ${concept.label} result (${rejected.length} rejected)` : `no ${concept.label} result`, rejected);
      continue;
    }
    if ('conflict' in chosen) {
      out[concept.key] = sameTimeConflict(concept, chosen.conflict, rejected);
      continue;
    }
    const latest = chosen.reading;
    const superseded = chosen.superseded.map((r) => ({ source: r.source, reason: `replaced by the ${latest.status} result of the same time (${recorded(latest)})` }));
    const mean = concept.setting ? twelveMonthMean(readings, now) : undefined;
    const bp = mean ? { ...mean, complete: coversLastYear(completeSince?.[concept.category], now) } : undefined;
    const staleness = stalenessOf(concept.key, latest.date, now);
    out[concept.key] = {
      state: 'known', origin: 'chart', value: { value: latest.value, unit: concept.unit }, date: latest.date, sources: [latest.source], rejected: [...superseded, ...rejected],
      ...(staleness ? { staleness } : {}), ...(bp ? { summary12Months: bp } : {}),
      ...(superseded.length > 0 ? { note: `${latest.status} result; replaces ${chosen.superseded.map(recorded).join(', ')} of the same time` } : {}),
    };
  }
  // Each concept's canonical unit is fixed in valueSets/observations.ts, so the record matches QuantityFacts.
  return out as QuantityFacts;
}

/** A result as recorded, with its resource: "240 mg/dL (Observation/x)". */
function recorded(r: Reading): string {
  return `${[r.source.value, r.source.unit].filter(Boolean).join(' ')} (${r.source.resourceType}/${r.source.id})`;
}

/** Two results of one draw that disagree: both are shown, neither is used until the physician enters the right one. */
function sameTimeConflict(concept: ObservationConcept, conflict: Reading[], rejected: Rejection[]): UnknownFact {
  const [first] = conflict;
  const when = first?.date ?? 'the same time';
  return unknown(`${conflict.length} ${concept.label} results at the same time (${when}) disagree; none is marked as a correction`, [
    ...conflict.map((r) => ({ source: r.source, reason: `conflicts with another result of the same time` })),
    ...rejected,
  ], { note: `recorded ${conflict.map(recorded).join(' and ')}: enter the right value`, sources: conflict.map((r) => r.source) });
}

function smokingFact(observations: readonly unknown[], now: Date, valueSets: ValueSets): ChartFacts['smokingStatus'] {
  const answers: { ref: CodeRef; value: SmokingStatus | { unknown: string } }[] = [
    ...valueSets.smokingAnswers.map((a) => ({ ref: a.ref, value: a.status })),
    ...SMOKING_UNKNOWN_ANSWERS.map((ref) => ({ ref, value: { unknown: ref.display ?? ref.code } })),
  ];
  const { latest, rejected, unrecognisedNewer } = latestCodedAnswer(observations, SMOKING_STATUS_CODE, answers, now);
  if (unrecognisedNewer) return unrecognisedAnswer('smoking status', unrecognisedNewer, rejected, 'enter the status (a local answer code can be added to smokingAnswers in config/site-codes.json)');
  if (!latest) return unknown('no smoking status recorded', rejected);
  if (typeof latest.value !== 'string') {
    return unknown(`latest smoking status (${latest.date}) does not say whether the patient smokes now`, [{ source: latest.source, reason: 'answer means unknown' }, ...rejected], {
      note: `recorded as "${latest.value.unknown}"`, sources: [latest.source],
    });
  }
  const staleness = stalenessOf('smokingStatus', latest.date, now);
  return { state: 'known', origin: 'chart', value: latest.value, date: latest.date, sources: [latest.source], rejected, ...(staleness ? { staleness } : {}) };
}

/** Current smoker: yes only for "current"; former and never are no (an ex-smoker is not a smoker). */
export function smokerFact(status: ChartFacts['smokingStatus']): Fact<boolean> {
  if (status.state !== 'known') return status;
  const value = status.value === 'current';
  if (status.origin === 'chart') return { ...status, value };
  return {
    state: 'known', origin: 'derived', value, sources: status.sources, rejected: status.rejected,
    ...(status.date ? { date: status.date } : {}),
    method: `Current smoker from ${status.origin} smoking status "${status.value}"`, citation: 'LOINC 72166-2 answers', inputs: ['smokingStatus'],
  };
}

/** The newest record's answer is not one Tailor knows: an older answer must not stand in for it. */
function unrecognisedAnswer(what: string, source: SourceRef, rejected: Rejection[], hint: string): UnknownFact {
  return unknown(`latest ${what} (${source.date ?? 'undated'}) has an answer Tailor does not recognise`, rejected, {
    note: `recorded as "${source.value ?? 'unrecognised code'}": ${hint}`, sources: [source],
  });
}

/**
 * Pregnancy: the newest pregnancy status (82810-3), or an active pregnancy diagnosis. A "pregnant" status always
 * counts; against a "not pregnant" status the newer of the two wins (the older diagnosis is named in a note), and an
 * undated diagnosis conflicts with it: unknown. A newer status whose answer is not recognised blocks older ones.
 */
function pregnancyFact(chart: ChartData, now: Date, concept: Parameters<typeof conditionFact>[0]): Fact<boolean> {
  const answers = PREGNANCY_ANSWERS.map((a) => ({ ref: a.ref, value: a.pregnant }));
  const found = latestCodedAnswer(chart.observations, PREGNANCY_STATUS_CODE, answers, now);
  const { rejected, unrecognisedNewer } = found;
  const latest = unrecognisedNewer ? undefined : found.latest;
  const dx = conditionFact(concept, chart.conditions, chart.loaded.conditions, now);
  const activeDx = dx.state === 'known' && dx.value ? dx : undefined;
  const statusFact = (status: NonNullable<typeof latest>, note?: string): Fact<boolean> => {
    const staleness = stalenessOf('pregnant', status.date, now);
    return { state: 'known', origin: 'chart', value: status.value, date: status.date, sources: [status.source], rejected, ...(staleness ? { staleness } : {}), ...(note ? { note } : {}) };
  };
  if (latest?.value) return statusFact(latest);
  if (activeDx) {
    const dxAt = parseFhirDate(activeDx.date);
    if (!latest || (dxAt !== undefined && dxAt > latest.at)) return activeDx;
    if (dxAt !== undefined) return statusFact(latest, `an older pregnancy diagnosis (${activeDx.date}) is still active on the problem list`);
    return unknown(`an undated active pregnancy diagnosis and a "not pregnant" status (${latest.date}) disagree`, rejected, {
      note: 'pregnancy diagnosis on the problem list: confirm', sources: [...activeDx.sources, latest.source],
    });
  }
  if (unrecognisedNewer) return unrecognisedAnswer('pregnancy status', unrecognisedNewer, rejected, 'enter the status');
  if (latest) return statusFact(latest);
  // The absence of a pregnancy diagnosis is not evidence of no pregnancy.
  return unknown('no pregnancy status recorded', rejected);
}

/**
 * eGFR: the latest result, unless there is none or a creatinine drawn more than a day after it (a creatinine of the
 * same draw is what the result was computed from) gives a newer CKD-EPI 2021 value. If that cannot be calculated,
 * the result stands.
 */
function chooseEgfr(measured: QuantityFacts['egfr'], creatinine: QuantityFacts['creatinine'], age: ChartFacts['age'], sex: Fact<Sex>, birthDate: string | undefined): QuantityFacts['egfr'] {
  if (measured.state !== 'known') return derivedEgfr(creatinine, age, sex, measured, birthDate);
  const egfrAt = parseFhirDate(measured.date);
  const creatinineAt = creatinine.state === 'known' ? parseFhirDate(creatinine.date) : undefined;
  if (egfrAt === undefined || creatinineAt === undefined || creatinineAt - egfrAt <= DAY_MS) return measured;
  const derived = derivedEgfr(creatinine, age, sex, measured, birthDate);
  return derived.state === 'known' ? { ...derived, note: `from a creatinine newer than the latest eGFR result (${measured.date})` } : measured;
}

/**
 * CKD-EPI 2021 eGFR from the creatinine fact. The equation takes the age when the blood was drawn: with the birth
 * date (chart age) that is the age on the creatinine's date; an entered age is taken as given.
 */
export function derivedEgfr(creatinine: QuantityFacts['creatinine'], age: ChartFacts['age'], sex: Fact<Sex>, measured: QuantityFacts['egfr'], birthDate?: string): QuantityFacts['egfr'] {
  const scr = valueOf(creatinine);
  const years = valueOf(age);
  const s = valueOf(sex);
  if (creatinine.state !== 'known' || scr === undefined || years === undefined || s === undefined) {
    const lacking = [scr === undefined && 'creatinine result', years === undefined && 'age', s === undefined && 'sex'];
    return unknown(`no eGFR result, and no ${orList(lacking)} to calculate one`, measured.rejected);
  }
  const drawnAt = parseFhirDate(creatinine.date);
  const ageAtDraw = age.state === 'known' && age.origin !== 'entered' && birthDate !== undefined && drawnAt !== undefined ? ageInYears(birthDate, new Date(drawnAt)) : undefined;
  const value = ckdEpi2021(scr.value, ageAtDraw ?? years.value, s);
  if (value === undefined) return unknown('eGFR cannot be calculated (CKD-EPI 2021 is for adults)', measured.rejected);
  return {
    state: 'known', origin: 'derived', value: { value, unit: 'mL/min/{1.73_m2}' },
    ...(creatinine.date ? { date: creatinine.date } : {}), ...(creatinine.staleness ? { staleness: creatinine.staleness } : {}),
    sources: creatinine.sources, rejected: measured.rejected,
    method: 'CKD-EPI 2021 creatinine equation (race-free)',
    citation: 'Inker LA et al. N Engl J Med 2021;385:1737–1749',
    inputs: ['creatinine', 'age', 'sex'],
  };
}

export function derivedBmi(weight: QuantityFacts['weight'], height: QuantityFacts['height'], measured: QuantityFacts['bmi'], now: Date): QuantityFacts['bmi'] {
  if (weight.state !== 'known' || height.state !== 'known') {
    return unknown(`no BMI result, and no ${orList([weight.state !== 'known' && 'weight', height.state !== 'known' && 'height'])} to calculate one`, measured.rejected);
  }
  const value = bodyMassIndex(weight.value.value, height.value.value);
  if (value === undefined) return unknown('BMI cannot be calculated', measured.rejected);
  const staleness = stalenessOf('bmi', weight.date, now);
  return {
    state: 'known', origin: 'derived', value: { value, unit: 'kg/m2' },
    ...(weight.date ? { date: weight.date } : {}), ...(staleness ? { staleness } : {}),
    sources: [...weight.sources, ...height.sources], rejected: measured.rejected,
    method: 'Weight / height²', citation: 'WHO body mass index definition', inputs: ['weight', 'height'],
  };
}

/** What is lacking, named: "age", "age or sex", "creatinine result, age or sex". */
function orList(items: readonly (string | false)[]): string {
  const named = items.filter((x): x is string => x !== false);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
}

/** The newest HbA1c ≥ 6.5 % other than the latest one: a "no" must not rest on a latest value that hides it. */
function earlierDiagnosticHba1c(observations: readonly unknown[], now: Date, valueSets: ValueSets): Reading | undefined {
  const concept = valueSets.observations.find((c) => c.key === 'hba1c');
  return concept ? readingsOf(concept, observations, now).readings.slice(1).find((r) => r.value >= HBA1C_DIABETES_PERCENT) : undefined;
}

/**
 * Diabetes: a diagnosis, else HbA1c ≥ 6.5 %, else a diabetes-specific glucose-lowering drug (insulin, sulfonylurea,
 * DPP-4i, TZD). Metformin, SGLT2i and GLP-1RA alone leave it unknown with a note: they are also prescribed for
 * prediabetes, heart failure, CKD and obesity; so does an earlier HbA1c ≥ 6.5 % behind a lower latest one. "No"
 * needs loaded conditions and medications; it names the HbA1c it also rests on, or notes that there is none.
 */
function diabetesFact(dx: Fact<boolean>, hba1c: QuantityFacts['hba1c'], earlierHigh: Reading | undefined, drugs: ActiveDrug[], medsLoaded: boolean): Fact<boolean> {
  if (dx.state === 'known' && dx.value) return dx;
  const a1c = valueOf(hba1c);
  if (hba1c.state === 'known' && a1c && a1c.value >= HBA1C_DIABETES_PERCENT) {
    return derivedDiabetes(true, hba1c, `HbA1c ${a1c.value.toFixed(1)} % ≥ ${HBA1C_DIABETES_PERCENT} %`, ['hba1c']);
  }
  const glucoseDrugs = drugs.map((d) => ({ d, cls: DRUG_CLASSES.find((c) => c.key === d.drugClass) })).filter((x) => x.cls?.glucoseLowering);
  const specific = glucoseDrugs.find((x) => x.cls?.glucoseLowering === 'specific');
  if (specific) {
    return {
      state: 'known', origin: 'derived', value: true, sources: [specific.d.source], rejected: [],
      method: `On ${specific.d.ingredient} (${specific.cls?.label}), a diabetes-specific glucose-lowering drug`,
      citation: 'Drug classes: src/chart/valueSets/medications.ts', inputs: ['drugs'], note: `from ${specific.d.ingredient}`,
    };
  }
  // An earlier HbA1c in the diabetes range (ADA 2024 Table 2.1) with a lower latest one may be treated or remitted
  // diabetes: not a "no".
  if (earlierHigh) {
    return unknown('the latest HbA1c is below 6.5 %, but an earlier one was not', dx.rejected, {
      note: `HbA1c ${earlierHigh.value.toFixed(1)} % on ${earlierHigh.date.slice(0, 10)}: confirm`, sources: [earlierHigh.source],
    });
  }
  const nonSpecific = glucoseDrugs.map((x) => x.d);
  if (nonSpecific.length > 0) {
    return unknown('no diabetes diagnosis or HbA1c ≥ 6.5 %', dx.rejected, {
      note: `on ${nonSpecific.map((d) => d.ingredient).join(', ')}, also used without diabetes: confirm`,
      sources: nonSpecific.map((d) => d.source),
    });
  }
  // Conditions not loaded, or a diagnosis recorded without clinical status / unconfirmed: its own reason.
  if (dx.state !== 'known') return dx;
  if (!medsLoaded) return unknown('medications are not loaded', dx.rejected);
  if (hba1c.state === 'known' && a1c) {
    return derivedDiabetes(false, hba1c, `No diabetes diagnosis or glucose-lowering drug, HbA1c ${a1c.value.toFixed(1)} % < ${HBA1C_DIABETES_PERCENT} %`, ['conditions', 'drugs', 'hba1c']);
  }
  // The risk equations take diagnosed diabetes; without any HbA1c the "no" rests on the problem list and drugs alone, and says so.
  return {
    state: 'known', origin: 'derived', value: false, sources: [], rejected: dx.rejected,
    method: 'No diabetes diagnosis or glucose-lowering drug in the loaded chart', citation: 'Value sets: src/chart/valueSets/conditions.ts, medications.ts',
    inputs: ['conditions', 'drugs'], note: 'no HbA1c on file',
  };
}

function derivedDiabetes(value: boolean, hba1c: KnownFact<Quantity<'%'>>, method: string, inputs: string[]): Fact<boolean> {
  return {
    state: 'known', origin: 'derived', value, sources: hba1c.sources, rejected: [],
    ...(hba1c.date ? { date: hba1c.date } : {}), ...(hba1c.staleness ? { staleness: hba1c.staleness } : {}),
    method, citation: 'ADA Standards of Care in Diabetes 2024, §2 Table 2.1', inputs,
  };
}

/** One entry per drug, even when a request and a statement (or two requests) record it. */
function uniqueDrugs(drugs: ActiveDrug[]): DrugUse[] {
  const byKey = new Map(drugs.map(({ drugClass, ingredient, matchedBy }) => [`${drugClass}|${ingredient}`, { drugClass, ingredient, matchedBy }]));
  return [...byKey.values()];
}

type Medications = ReturnType<typeof activeDrugs>;

/**
 * Active medications no table recognised, on a "no" that they could contradict: listed as not used, with a note, so
 * a product Tailor cannot read (a misspelt display, a local code) never vanishes behind "no statin".
 */
function unrecognisedOn(meds: Medications, what: string): { rejected: Rejection[]; note?: string } {
  const n = meds.unrecognised.length;
  if (n === 0) return { rejected: [] };
  const names = meds.unrecognised.map((r) => r.source.value).join('; ');
  const article = /^[aeiou]/.test(what) ? 'an' : 'a';
  return { rejected: meds.unrecognised, note: `${n} active medication${n === 1 ? '' : 's'} not recognised (${names}): check whether ${n === 1 ? 'it is' : 'any is'} ${article} ${what}` };
}

function drugFlag(meds: Medications, match: (d: ActiveDrug) => boolean, loaded: boolean, what: string): Fact<boolean> {
  const hits = meds.drugs.filter(match);
  if (hits.length > 0) {
    return { state: 'known', origin: 'chart', value: true, sources: hits.map((d) => d.source), rejected: [], note: [...new Set(hits.map((d) => d.ingredient))].join(', ') };
  }
  const held = meds.held.filter(match);
  if (held.length > 0) return onHold(what, held);
  if (!loaded) return unknown('medications are not loaded');
  return {
    state: 'known', origin: 'derived', value: false, sources: [], ...unrecognisedOn(meds, what),
    method: `No active ${what} prescription in the loaded medications`, citation: 'Drug classes: src/chart/valueSets/medications.ts', inputs: ['drugs'],
  };
}

/** A prescription on hold: neither current use nor evidence of none. */
function onHold(what: string, held: ActiveDrug[]): UnknownFact {
  return unknown(`the only ${what} prescription is on hold`, [], { note: `${[...new Set(held.map((d) => d.ingredient))].join(', ')} on hold: confirm`, sources: held.map((d) => d.source) });
}

/**
 * The active statin. With several (a switch whose old prescription was never ended, or a request and a statement),
 * the most recently prescribed one, and the note says how many different statins are active.
 */
function statinFact(meds: Medications, loaded: boolean): ChartFacts['statin'] {
  const statins = meds.drugs.filter((d) => d.drugClass === 'statin');
  const held = meds.held.filter((d) => d.drugClass === 'statin');
  const newest = [...statins].sort((a, b) => (parseFhirDate(b.source.date) ?? -Infinity) - (parseFhirDate(a.source.date) ?? -Infinity));
  const first = newest[0];
  if (!first) {
    if (held.length > 0) return onHold('statin', held);
    if (!loaded) return unknown('medications are not loaded');
    return {
      state: 'known', origin: 'derived', value: null, sources: [], ...unrecognisedOn(meds, 'statin'),
      method: 'No active statin prescription in the loaded medications', citation: 'Drug classes: src/chart/valueSets/medications.ts', inputs: ['drugs'],
    };
  }
  const use = statinUse(first);
  const sources: SourceRef[] = newest.map((s) => s.source);
  const ingredients = new Set(statins.map((s) => s.ingredient));
  const notes = [
    ...(ingredients.size > 1 ? [`${ingredients.size} different statins active (${[...ingredients].join(', ')}); the newest prescription is shown`] : []),
    ...(use.doseBasis === 'tablet-strength' ? ['intensity from tablet strength; daily dose not stated'] : []),
  ];
  return {
    state: 'known', origin: 'chart', value: use, sources, rejected: [],
    ...(first.source.date ? { date: first.source.date } : {}),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/** The risk-model inputs, in the units src/risk expects (see types.ts). */
export const RISK_INPUT_KEYS = [
  'age', 'sex', 'totalCholesterol', 'hdl', 'ldl', 'systolicBP', 'onBPTreatment', 'onStatin', 'smoker', 'diabetes',
  'egfr', 'bmi', 'hba1c', 'uacr', 'calcium', 'phosphate', 'bicarbonate', 'albumin',
] as const satisfies readonly FactKey[];
