/**
 * Clinical facts built from the chart. Every fact is either known (with where it came from) or unknown (with why).
 * Unknown is its own state: a missing HbA1c is never `0`, a missing diabetes diagnosis is never silently `false`.
 */

/** UCUM codes of the canonical units facts are delivered in. Risk code receives these and nothing else. */
export type CanonicalUnit =
  | 'a' // years
  | 'mg/dL'
  | 'mmol/L'
  | 'g/dL'
  | 'mm[Hg]'
  | '%'
  | 'mL/min/{1.73_m2}'
  | 'mg/g'
  | 'kg/m2'
  | 'kg'
  | 'cm'
  | 'min/wk'
  | '{score}';

/** A number that cannot exist without its unit, so mmol/L can never reach code that expects mg/dL. */
export interface Quantity<U extends CanonicalUnit = CanonicalUnit> {
  readonly value: number;
  readonly unit: U;
}

/** Where a fact came from: the FHIR resource and what it said, before conversion. */
export interface SourceRef {
  resourceType: string;
  id: string;
  /** The value as recorded (number or code/text), before unit conversion. */
  value?: string;
  /** The unit as recorded. */
  unit?: string;
  /** Effective/recorded date of the resource. */
  date?: string;
  /** The code that matched our value set, as system|code. */
  code?: string;
  display?: string;
  /** The code matched was added by the site (config/site-codes.json), not shipped. */
  siteCode?: boolean;
  /** Who recorded it, as the record names them (the lab, clinic or clinician), when it does. */
  performer?: string;
}

/** How old a fact is, against thresholds stated with it (see staleness.ts for the values and their rationale). */
export interface Staleness {
  level: 'fresh' | 'old' | 'stale';
  ageDays: number;
  freshDays: number;
  oldDays: number;
}

/** A resource that looked relevant but could not be used, and why (shown so nothing is dropped silently). */
export interface Rejection {
  source: SourceRef;
  reason: string;
}

interface KnownBase<T> {
  state: 'known';
  value: T;
  /** When the value was measured/recorded (ISO date or dateTime); absent for facts with no single date. */
  date?: string;
  staleness?: Staleness;
  sources: SourceRef[];
  /** Values found in the chart but not used (invalid, unconvertible, older duplicates are not listed). */
  rejected: Rejection[];
  /** One line for the clinician, e.g. which drug made "diabetes = yes". */
  note?: string;
  /**
   * Set when the value is an absence (no, none) that rests on nothing being recorded in lists that did load, not on a
   * result: what was searched, e.g. "0 problems or diagnoses on file". Weaker than a "no" backed by a result.
   */
  noneRecorded?: string;
}

export interface ChartFact<T> extends KnownBase<T> {
  origin: 'chart';
  /**
   * For blood pressure: mean of the readings of the last 12 months. `complete` is false when the search was cut off
   * by the page cap inside that window, so the mean covers only the readings that were loaded.
   */
  summary12Months?: { mean: number; count: number; complete: boolean };
}

export interface DerivedFact<T> extends KnownBase<T> {
  origin: 'derived';
  /** Name of the method, e.g. "CKD-EPI 2021 creatinine equation". */
  method: string;
  citation: string;
  /** The fact keys the derivation used. */
  inputs: string[];
}

export interface EnteredFact<T> extends KnownBase<T> {
  origin: 'entered';
  enteredAt: string;
  /** What the chart said before the clinician's entry (shown next to it). */
  replaces: KnownFact<T> | UnknownFact;
}

/** The kinds of record facts are read from; each is loaded by one or more searches (see recordGaps.ts). */
export type RecordKind =
  | 'patient' | 'laboratory' | 'vital-signs' | 'social-history' | 'genomics' | 'conditions' | 'medications' | 'allergies' | 'familyHistory';

/** Why a kind of record cannot be read: its search is still running, failed, or the server does not offer it. */
export type RecordGap = 'loading' | 'failed' | 'unavailable';

export interface UnknownFact {
  state: 'unknown';
  reason: string;
  /**
   * Set when the fact is unknown because records it is read from are not there (yet): nothing may be concluded
   * from their absence, so the fact is neither "missing" nor "no".
   */
  gap?: { status: RecordGap; records: RecordKind[] };
  rejected: Rejection[];
  /** A hint that stops short of a value, e.g. "on metformin (also used without diabetes)". */
  note?: string;
  /** Sources behind the hint. */
  sources: SourceRef[];
}

export type KnownFact<T> = ChartFact<T> | DerivedFact<T> | EnteredFact<T>;
export type Fact<T> = KnownFact<T> | UnknownFact;

export type Sex = 'female' | 'male';
export type SmokingStatus = 'current' | 'former' | 'never';
export type CkdStage = '1' | '2' | '3a' | '3b' | '3' | '4' | '5';
export type StatinIntensity = 'high' | 'moderate' | 'low';
/** OMB race categories (US Core race extension `ombCategory`); 'other' is CDC "Other Race" 2131-1 or a clinician's "other". */
export type OmbRace = 'american-indian-or-alaska-native' | 'asian' | 'black' | 'native-hawaiian-or-other-pacific-islander' | 'white' | 'other';

export interface StatinUse {
  ingredient: string;
  /** Daily dose in mg when the prescription states it ((tablets × strength, or a dose in mg) × doses a day), else tablet strength. */
  doseMg?: number;
  doseBasis?: 'daily-dose' | 'tablet-strength';
  intensity?: StatinIntensity;
}

export interface DrugUse {
  drugClass: string;
  ingredient: string;
  /** How the drug was recognised: an RxNorm/site code, or the RxNorm normalised name of a coded product. */
  matchedBy: 'code' | 'rxnorm-name';
}

export interface Slco1b1Result {
  diplotype?: string;
  /** CPIC phenotype. */
  phenotype: 'increased function' | 'normal function' | 'decreased function' | 'possible decreased function' | 'poor function' | 'indeterminate';
}

/** CPIC CYP2C19 phenotype (clopidogrel guideline 2022); "likely" phenotypes are read as the phenotype, with a note. */
export interface Cyp2c19Result {
  diplotype?: string;
  phenotype: 'ultrarapid metabolizer' | 'rapid metabolizer' | 'normal metabolizer' | 'intermediate metabolizer' | 'poor metabolizer' | 'indeterminate';
}

/** An active medication allergy or intolerance (AllergyIntolerance), with the drug class it rules out when Tailor knows it. */
export interface DrugAllergy {
  /** DRUG_CLASSES key (valueSets/medications.ts), from a class code or the ingredient's class. */
  drugClass?: string;
  /** RxNorm ingredient when the record is coded by ingredient; absent for a class-level record (the whole class). */
  ingredient?: string;
  display: string;
  /** As recorded; a record without a type is taken as an allergy (the stricter of the two), and the fact's note says so. */
  type: 'allergy' | 'intolerance';
  criticality?: string;
  source: SourceRef;
}

/** Facts read from laboratory and vital-sign Observations, keyed by concept (see valueSets/observations.ts). */
export interface QuantityFacts {
  totalCholesterol: Fact<Quantity<'mg/dL'>>;
  hdl: Fact<Quantity<'mg/dL'>>;
  ldl: Fact<Quantity<'mg/dL'>>;
  triglycerides: Fact<Quantity<'mg/dL'>>;
  systolicBP: Fact<Quantity<'mm[Hg]'>>;
  diastolicBP: Fact<Quantity<'mm[Hg]'>>;
  /** Blood pressure measured by the patient or a device outside the office (see homeReadings.ts); never in systolicBP. */
  homeSystolicBP: Fact<Quantity<'mm[Hg]'>>;
  homeDiastolicBP: Fact<Quantity<'mm[Hg]'>>;
  hba1c: Fact<Quantity<'%'>>;
  fastingGlucose: Fact<Quantity<'mg/dL'>>;
  creatinine: Fact<Quantity<'mg/dL'>>;
  egfr: Fact<Quantity<'mL/min/{1.73_m2}'>>;
  uacr: Fact<Quantity<'mg/g'>>;
  potassium: Fact<Quantity<'mmol/L'>>;
  calcium: Fact<Quantity<'mg/dL'>>;
  phosphate: Fact<Quantity<'mg/dL'>>;
  bicarbonate: Fact<Quantity<'mmol/L'>>;
  albumin: Fact<Quantity<'g/dL'>>;
  bmi: Fact<Quantity<'kg/m2'>>;
  height: Fact<Quantity<'cm'>>;
  weight: Fact<Quantity<'kg'>>;
  physicalActivity: Fact<Quantity<'min/wk'>>;
  alcoholAuditC: Fact<Quantity<'{score}'>>;
}

export type QuantityKey = keyof QuantityFacts;

export interface ChartFacts extends QuantityFacts {
  age: Fact<Quantity<'a'>>;
  sex: Fact<Sex>;
  /** Patient.deceased[x]: yes (with the date of death as the fact's date, when recorded) stops every risk model. */
  deceased: Fact<boolean>;
  /** The OMB race categories recorded (one or more), for the Pooled Cohort Equations only; never inferred. */
  race: Fact<OmbRace[]>;
  smokingStatus: Fact<SmokingStatus>;
  /** Current smoker (former smokers are not smokers). */
  smoker: Fact<boolean>;
  pregnant: Fact<boolean>;
  diabetes: Fact<boolean>;
  hypertension: Fact<boolean>;
  ckdStage: Fact<CkdStage>;
  /** Established ASCVD: MI, coronary disease, stroke/TIA, PAD, revascularisation. */
  ascvd: Fact<boolean>;
  heartFailure: Fact<boolean>;
  atrialFibrillation: Fact<boolean>;
  familialHypercholesterolaemia: Fact<boolean>;
  familyHistoryPrematureAscvd: Fact<boolean>;
  onBPTreatment: Fact<boolean>;
  onStatin: Fact<boolean>;
  /** The active statin, or null when medications loaded and none is active. */
  statin: Fact<StatinUse | null>;
  /** Every recognised active drug, by class. */
  drugs: Fact<DrugUse[]>;
  statinIntolerance: Fact<boolean>;
  slco1b1: Fact<Slco1b1Result>;
  cyp2c19: Fact<Cyp2c19Result>;
  /** Active medication allergies and intolerances; an empty list when allergies loaded and none is recorded. */
  drugAllergies: Fact<DrugAllergy[]>;
}

export type FactKey = keyof ChartFacts;
export type FactValue<K extends FactKey> = ChartFacts[K] extends Fact<infer T> ? T : never;

export function isKnown<T>(fact: Fact<T>): fact is KnownFact<T> {
  return fact.state === 'known';
}

/** The value if known, else undefined: the only way risk code should read a fact. */
export function valueOf<T>(fact: Fact<T>): T | undefined {
  return fact.state === 'known' ? fact.value : undefined;
}

export function unknown(reason: string, rejected: Rejection[] = [], hint?: { note: string; sources: SourceRef[] }): UnknownFact {
  return { state: 'unknown', reason, rejected, sources: hint?.sources ?? [], ...(hint ? { note: hint.note } : {}) };
}
