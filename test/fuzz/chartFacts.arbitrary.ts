/**
 * Random ChartFacts for the fuzz properties: every fact independently known (from the chart, derived or entered) or
 * unknown (with or without a record gap). Numbers are mostly plausible for the concept, so the models and rules run,
 * and sometimes what the chart layer should never deliver: NaN, ±Infinity, zero, negatives, huge values, and a
 * Quantity labelled with another unit than the fact's canonical one. Medication facts are consistent with each other
 * (statin, on-statin and on-BP-treatment follow the drug list), as the chart layer builds them from the same records.
 */
import fc from 'fast-check';
import { DRUG_CLASSES } from '../../src/chart/valueSets/medications.ts';
import type {
  CanonicalUnit, ChartFacts, CkdStage, Cyp2c19Result, DrugAllergy, DrugUse, Fact, KnownFact, OmbRace, Quantity, QuantityKey, RecordGap,
  RecordKind, Sex, Slco1b1Result, SmokingStatus, SourceRef, StatinIntensity, StatinUse, UnknownFact,
} from '../../src/chart/types.ts';

type QuantityFactKey = QuantityKey | 'age';
type UnitOf<K extends QuantityFactKey> = ChartFacts[K] extends Fact<Quantity<infer U>> ? U : never;

/** The canonical unit of each quantity fact (the type checks each entry) and a plausible range of values. */
const QUANTITY: { [K in QuantityFactKey]: { unit: UnitOf<K>; plausible: [number, number] } } = {
  age: { unit: 'a', plausible: [30, 85] },
  totalCholesterol: { unit: 'mg/dL', plausible: [110, 340] },
  hdl: { unit: 'mg/dL', plausible: [15, 110] },
  ldl: { unit: 'mg/dL', plausible: [30, 300] },
  triglycerides: { unit: 'mg/dL', plausible: [40, 900] },
  systolicBP: { unit: 'mm[Hg]', plausible: [85, 210] },
  diastolicBP: { unit: 'mm[Hg]', plausible: [40, 130] },
  homeSystolicBP: { unit: 'mm[Hg]', plausible: [80, 200] },
  homeDiastolicBP: { unit: 'mm[Hg]', plausible: [40, 120] },
  hba1c: { unit: '%', plausible: [3.5, 15] },
  fastingGlucose: { unit: 'mg/dL', plausible: [50, 400] },
  creatinine: { unit: 'mg/dL', plausible: [0.3, 10] },
  egfr: { unit: 'mL/min/{1.73_m2}', plausible: [4, 140] },
  uacr: { unit: 'mg/g', plausible: [0.05, 30_000] },
  potassium: { unit: 'mmol/L', plausible: [2.5, 7] },
  calcium: { unit: 'mg/dL', plausible: [6, 13] },
  phosphate: { unit: 'mg/dL', plausible: [1.5, 9] },
  bicarbonate: { unit: 'mmol/L', plausible: [10, 36] },
  albumin: { unit: 'g/dL', plausible: [1.5, 5.5] },
  bmi: { unit: 'kg/m2', plausible: [14, 70] },
  height: { unit: 'cm', plausible: [130, 210] },
  weight: { unit: 'kg', plausible: [35, 250] },
  physicalActivity: { unit: 'min/wk', plausible: [0, 900] },
  alcoholAuditC: { unit: '{score}', plausible: [0, 12] },
};

const CANONICAL_UNITS: readonly CanonicalUnit[] = ['a', 'mg/dL', 'mmol/L', 'g/dL', 'mm[Hg]', '%', 'mL/min/{1.73_m2}', 'mg/g', 'kg/m2', 'kg', 'cm', 'min/wk', '{score}'];
const RECORD_KINDS: readonly RecordKind[] = ['patient', 'laboratory', 'vital-signs', 'social-history', 'genomics', 'conditions', 'medications', 'allergies', 'familyHistory'];
const GAPS: readonly RecordGap[] = ['loading', 'failed', 'unavailable'];
const OMB_RACES: readonly OmbRace[] = ['american-indian-or-alaska-native', 'asian', 'black', 'native-hawaiian-or-other-pacific-islander', 'white', 'other'];

// Dates, sources and notes are carried into display text, never into a number: a few fixed sets keep generation fast.
const OBSERVATION: SourceRef = { resourceType: 'Observation', id: 'o1', value: '142', unit: 'mm[Hg]', date: '2026-06-10' };
const CONDITION: SourceRef = { resourceType: 'Condition', id: 'c1', value: 'Myocardial infarction' };
const MEDICATION: SourceRef = { resourceType: 'MedicationRequest', id: 'm1', value: 'atorvastatin 40 MG Oral Tablet' };
const META = fc.constantFrom<{ date?: string; sources: SourceRef[]; note?: string }>(
  { sources: [] },
  { date: '2026-06-10', sources: [OBSERVATION] },
  { date: '2019-03-30', sources: [OBSERVATION, OBSERVATION] },
  { date: '2026-06-15T08:30:00Z', sources: [CONDITION], note: 'from 2 diagnoses' },
  { sources: [MEDICATION], note: 'on metformin' },
  { sources: [CONDITION, MEDICATION] },
);

export const unknownFact: fc.Arbitrary<UnknownFact> = fc.record(
  {
    state: fc.constant('unknown' as const),
    reason: fc.constantFrom('no result on file', 'value not convertible', 'conflicting results on one date'),
    gap: fc.record({ status: fc.constantFrom(...GAPS), records: fc.uniqueArray(fc.constantFrom(...RECORD_KINDS), { minLength: 1, maxLength: 2 }) }),
    rejected: fc.constant([]),
    sources: fc.constantFrom([], [OBSERVATION]),
    note: fc.constantFrom('on metformin (also used without diabetes)'),
  },
  { requiredKeys: ['state', 'reason', 'rejected', 'sources'] },
);

const ENTERED_OVER: UnknownFact = { state: 'unknown', reason: 'no result on file', rejected: [], sources: [] };
const ORIGINS = ['chart', 'chart', 'chart', 'chart', 'chart', 'chart', 'derived', 'entered'] as const;

/** A known fact of any origin around a value (from the chart three times in four). */
function knownFact<T>(value: fc.Arbitrary<T>): fc.Arbitrary<KnownFact<T>> {
  return fc.record({ origin: fc.constantFrom(...ORIGINS), value, meta: META }).map(({ origin, value: v, meta }): KnownFact<T> => {
    const base = { state: 'known' as const, value: v, rejected: [], ...meta };
    if (origin === 'derived') return { ...base, origin, method: 'a derivation', citation: 'a paper', inputs: ['creatinine', 'age'] };
    if (origin === 'entered') return { ...base, origin, enteredAt: '2026-06-15T11:00:00Z', replaces: ENTERED_OVER };
    return { ...base, origin };
  });
}

/** Known or unknown: `knownWeight` known for one unknown (11: one fact in twelve unknown). */
function fact<T>(value: fc.Arbitrary<T>, knownWeight: number): fc.Arbitrary<Fact<T>> {
  return fc.oneof({ weight: knownWeight, arbitrary: knownFact(value) }, { weight: 1, arbitrary: unknownFact });
}

/** A plausible number for the concept, sometimes one the chart layer should have refused. */
function numberIn([min, max]: [number, number]): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 22, arbitrary: fc.double({ min, max, noNaN: true }) },
    { weight: 6, arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, -1, 1e308, Number.MIN_VALUE) },
    { weight: 1, arbitrary: fc.double() },
  );
}

/**
 * A quantity fact in its canonical unit, or now and then mislabelled with another unit. The type forbids the second
 * (Quantity<U>); the cast stands for a chart layer that got it wrong at run time, which chartInputs must not pass on.
 */
function quantityFact<K extends QuantityFactKey>(key: K, knownWeight: number): fc.Arbitrary<Fact<Quantity<UnitOf<K>>>> {
  const { unit, plausible } = QUANTITY[key];
  const oddUnit = fc.constantFrom(...CANONICAL_UNITS.filter((u) => u !== unit));
  const quantity = fc.record({ value: numberIn(plausible), unit: fc.oneof({ weight: 29, arbitrary: fc.constant<CanonicalUnit>(unit) }, { weight: 1, arbitrary: oddUnit }) });
  return fact(quantity.map((q) => q as Quantity<UnitOf<K>>), knownWeight);
}

const INGREDIENTS = DRUG_CLASSES.flatMap((c) => c.ingredients.map((i) => ({ drugClass: c.key, ingredient: i.name })));
const STATINS = INGREDIENTS.filter((i) => i.drugClass === 'statin').map((i) => i.ingredient);
const antihypertensive = (drugClass: string) => DRUG_CLASSES.find((c) => c.key === drugClass)?.antihypertensive === true;

/** Active drugs by ingredient, at most one statin (the chart layer keeps one statin row). */
const drugList: fc.Arbitrary<DrugUse[]> = fc
  .uniqueArray(fc.constantFrom(...INGREDIENTS), { maxLength: 6, selector: (d) => d.ingredient })
  .filter((ds) => ds.filter((d) => d.drugClass === 'statin').length <= 1)
  .map((ds) => ds.map((d) => ({ ...d, matchedBy: 'code' as const })));

const allergyRecord: fc.Arbitrary<DrugAllergy> = fc
  .record({
    target: fc.oneof(
      fc.constantFrom(...INGREDIENTS), // coded by ingredient
      fc.constantFrom(...DRUG_CLASSES.map((c) => ({ drugClass: c.key }))), // a class-level record
      fc.constant({}), // a drug Tailor cannot class
    ),
    type: fc.constantFrom('allergy' as const, 'intolerance' as const),
    criticality: fc.option(fc.constantFrom('low', 'high', 'unable-to-assess'), { nil: undefined }),
    date: fc.constantFrom(undefined, '2024-04-09'),
  })
  .map(({ target, type, criticality, date }) => ({
    ...target, type, display: 'ingredient' in target ? target.ingredient : 'drugClass' in target ? `${target.drugClass} class` : 'unclassified drug',
    ...(criticality ? { criticality } : {}), source: { resourceType: 'AllergyIntolerance', id: 'al', ...(date ? { date } : {}) },
  }));

const statinDose = fc.record({ doseMg: fc.constantFrom(5, 10, 20, 40, 80), intensity: fc.option(fc.constantFrom<StatinIntensity>('low', 'moderate', 'high'), { nil: undefined }) });

/** drugs, statin, onStatin and onBPTreatment from one medication list (or all unknown when it did not load). */
function medicationFacts(knownWeight: number): fc.Arbitrary<Pick<ChartFacts, 'drugs' | 'statin' | 'onStatin' | 'onBPTreatment'>> {
  return fc.oneof(
    { weight: knownWeight, arbitrary: fc.tuple(knownFact(drugList), statinDose, fc.boolean()) },
    { weight: 1, arbitrary: unknownFact },
  ).map((m) => {
    if (!Array.isArray(m)) return { drugs: m, statin: m, onStatin: m, onBPTreatment: m };
    const [drugs, dose, withDose] = m;
    const statinDrug = drugs.value.find((d) => STATINS.includes(d.ingredient));
    const statin: StatinUse | null = statinDrug
      ? { ingredient: statinDrug.ingredient, ...(withDose ? { doseMg: dose.doseMg, doseBasis: 'daily-dose' as const, ...(dose.intensity ? { intensity: dose.intensity } : {}) } : {}) }
      : null;
    const known = <T>(value: T): KnownFact<T> => ({ state: 'known', origin: 'chart', value, sources: drugs.sources, rejected: [] });
    return { drugs, statin: known(statin), onStatin: known(statin !== null), onBPTreatment: known(drugs.value.some((d) => antihypertensive(d.drugClass))) };
  });
}

function chartFactsWith(k: number): fc.Arbitrary<ChartFacts> {
  const q = <K extends QuantityFactKey>(key: K) => quantityFact(key, k);
  const bool = fact(fc.boolean(), k);
  const quantities = fc.record({
    age: q('age'), totalCholesterol: q('totalCholesterol'), hdl: q('hdl'), ldl: q('ldl'), triglycerides: q('triglycerides'),
    systolicBP: q('systolicBP'), diastolicBP: q('diastolicBP'), homeSystolicBP: q('homeSystolicBP'), homeDiastolicBP: q('homeDiastolicBP'),
    hba1c: q('hba1c'), fastingGlucose: q('fastingGlucose'), creatinine: q('creatinine'), egfr: q('egfr'), uacr: q('uacr'), potassium: q('potassium'),
    calcium: q('calcium'), phosphate: q('phosphate'), bicarbonate: q('bicarbonate'), albumin: q('albumin'), bmi: q('bmi'), height: q('height'),
    weight: q('weight'), physicalActivity: q('physicalActivity'), alcoholAuditC: q('alcoholAuditC'),
  });
  return fc
    .record({
      quantities,
      medications: medicationFacts(k),
      sex: fact(fc.constantFrom<Sex>('female', 'male'), k),
      // Mostly alive: a deceased patient gets no model at all, which one case in twenty covers.
      deceased: fact(fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), k),
      // An empty list (known, but no category) now and then; one to three categories otherwise.
      race: fact(fc.oneof({ weight: 1, arbitrary: fc.constant<OmbRace[]>([]) }, { weight: 8, arbitrary: fc.uniqueArray(fc.constantFrom(...OMB_RACES), { minLength: 1, maxLength: 3 }) }), k),
      smokingStatus: fact(fc.constantFrom<SmokingStatus>('current', 'former', 'never'), k),
      smoker: bool, pregnant: bool, diabetes: bool, hypertension: bool, heartFailure: bool, atrialFibrillation: bool,
      // Prior ASCVD in one case in six: PCE and PREVENT refuse it, and the primary-prevention paths need the rest.
      ascvd: fact(fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), k),
      familialHypercholesterolaemia: bool, familyHistoryPrematureAscvd: bool, statinIntolerance: bool,
      ckdStage: fact(fc.constantFrom<CkdStage>('1', '2', '3a', '3b', '3', '4', '5'), k),
      slco1b1: fact(fc.constantFrom<Slco1b1Result['phenotype']>('increased function', 'normal function', 'decreased function', 'possible decreased function', 'poor function', 'indeterminate').map((phenotype) => ({ phenotype })), k),
      cyp2c19: fact(fc.constantFrom<Cyp2c19Result['phenotype']>('ultrarapid metabolizer', 'rapid metabolizer', 'normal metabolizer', 'intermediate metabolizer', 'poor metabolizer', 'indeterminate').map((phenotype) => ({ phenotype })), k),
      drugAllergies: fact(fc.array(allergyRecord, { maxLength: 3 }), k),
    })
    .map(({ quantities: qs, medications, ...rest }) => ({ ...qs, ...medications, ...rest }));
}

/**
 * Half the charts with one fact in twelve unknown (missing values, gaps, reasons), half nearly complete (one in
 * eighty), so that every model also gets to give a number and the rules to suggest drugs.
 */
export const chartFacts: fc.Arbitrary<ChartFacts> = fc.oneof(chartFactsWith(11), chartFactsWith(80));
