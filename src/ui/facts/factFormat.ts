import { RACE_ENTRY_CHOICES } from '../../chart/entries.ts';
import { conceptOf } from '../../chart/valueSets/observations.ts';
import { DRUG_CLASSES } from '../../chart/valueSets/medications.ts';
import type { CanonicalUnit, ChartFacts, CkdStage, Cyp2c19Result, DrugAllergy, FactKey, OmbRace, QuantityKey, Slco1b1Result, SourceRef, StatinUse } from '../../chart/types.ts';
import { INPUT_FACT } from '../../risk/chartInputs.ts';
import { formatQuantity, OMB_RACE_LABEL, UNIT_LABEL } from '../../risk/inputDisplay.ts';
import { MODELS } from '../../risk/models/index.ts';
import type { ModelId } from '../../risk/types.ts';

/** How a fact is shown and entered in the panel. */
export type FactInput =
  | { kind: 'quantity'; unit: CanonicalUnit; min: number; max: number; step: string }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'none' };

export interface FactRow {
  key: FactKey;
  label: string;
  input: FactInput;
  /**
   * For inputs only some patients need: why this patient does not, or undefined when they do (or it cannot be told).
   * A missing value that is not needed is shown plainly but not flagged as a gap.
   */
  notNeededBecause?: (facts: ChartFacts) => string | undefined;
  /** A second fact shown in the same row (the active statin under "On statin"): one fact, one row. */
  detail?: FactKey;
}

/**
 * The Kidney Failure Risk Equations (Tangri 2011) are for CKD G3–G5, eGFR below 60 mL/min/1.73 m² (KDIGO 2024 G3
 * threshold); the 8-variable equation's extra labs, and a CKD stage diagnosis, are not needed for a patient whose
 * known eGFR is 60 or more and who has no CKD G3–G5 diagnosis. An unknown eGFR leaves them needed.
 */
function kidneyFailureLabsNotNeeded(facts: ChartFacts): string | undefined {
  const egfr = facts.egfr.state === 'known' ? facts.egfr.value.value : undefined;
  const stage = facts.ckdStage.state === 'known' ? facts.ckdStage.value : undefined;
  if (egfr === undefined || egfr < 60 || (stage !== undefined && ['3a', '3b', '4', '5'].includes(stage))) return undefined;
  return `used only for kidney failure risk in CKD G3–G5; eGFR is ${Math.round(egfr)}`;
}

/**
 * UACR is optional for PREVENT (its +UACR model) and required by the KFRE only in CKD G3–G5: an unknown UACR is not a
 * gap for a patient outside CKD G3–G5. A known one is used by PREVENT, so it stays among the values used.
 */
function uacrNotNeeded(facts: ChartFacts): string | undefined {
  if (facts.uacr.state === 'known') return undefined;
  const kidney = kidneyFailureLabsNotNeeded(facts);
  return kidney ? `optional for PREVENT; ${kidney}` : undefined;
}

/**
 * Race matters only to the Pooled Cohort Equations, defined for ages 40–79 (Goff 2013; ACC ASCVD Risk Estimator Plus);
 * PREVENT is race-free. An unknown age leaves it needed.
 */
function raceNotNeeded(facts: ChartFacts): string | undefined {
  const age = facts.age.state === 'known' ? facts.age.value.value : undefined;
  if (age === undefined || (age >= 40 && age <= 79)) return undefined;
  return `used only by the Pooled Cohort Equations (ages 40–79); age is ${age}`;
}

function isOmbRace(x: unknown): x is OmbRace {
  return typeof x === 'string' && Object.hasOwn(OMB_RACE_LABEL, x);
}

const yesNo: FactInput = { kind: 'choice', options: [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] };

function quantity(key: QuantityKey): FactRow {
  const c = conceptOf(key);
  return { key, label: c.label, input: { kind: 'quantity', unit: c.unit, min: c.plausible[0], max: c.plausible[1], step: 'any' } };
}

/** The rows of the panel, risk-model inputs first. */
export const PANEL_ROWS: readonly FactRow[] = [
  { key: 'age', label: 'Age', input: { kind: 'quantity', unit: 'a', min: 18, max: 110, step: '1' } },
  { key: 'sex', label: 'Sex', input: { kind: 'choice', options: [{ value: 'female', label: 'Female' }, { value: 'male', label: 'Male' }] } },
  {
    key: 'race',
    label: 'Race (PCE only)',
    input: { kind: 'choice', options: RACE_ENTRY_CHOICES.map((r) => ({ value: r, label: OMB_RACE_LABEL[r] })) },
    notNeededBecause: raceNotNeeded,
  },
  quantity('totalCholesterol'),
  quantity('hdl'),
  quantity('ldl'),
  quantity('systolicBP'),
  // Home readings are shown, never entered or used by the risk models (fitted on office BP; see chart/homeReadings.ts).
  { key: 'homeSystolicBP', label: 'Home systolic BP (patient or device)', input: { kind: 'none' } },
  { key: 'onBPTreatment', label: 'On BP treatment', input: yesNo },
  { key: 'onStatin', label: 'On statin', input: yesNo, detail: 'statin' },
  { key: 'smoker', label: 'Current smoker', input: yesNo },
  { key: 'diabetes', label: 'Diabetes', input: yesNo },
  quantity('egfr'),
  quantity('bmi'),
  quantity('hba1c'),
  { ...quantity('uacr'), notNeededBecause: uacrNotNeeded },
  ...(['calcium', 'phosphate', 'bicarbonate', 'albumin'] as const).map((key) => ({ ...quantity(key), notNeededBecause: kidneyFailureLabsNotNeeded })),
  { key: 'ascvd', label: 'Established ASCVD', input: yesNo },
  {
    key: 'ckdStage',
    label: 'CKD stage',
    input: { kind: 'choice', options: (['1', '2', '3a', '3b', '4', '5'] as CkdStage[]).map((s) => ({ value: s, label: `G${s}` })) },
    notNeededBecause: kidneyFailureLabsNotNeeded,
  },
  { key: 'statinIntolerance', label: 'Statin intolerance', input: yesNo },
  { key: 'slco1b1', label: 'SLCO1B1', input: { kind: 'none' } },
  { key: 'cyp2c19', label: 'CYP2C19', input: { kind: 'none' } },
  { key: 'drugAllergies', label: 'Drug allergies and intolerances', input: { kind: 'none' } },
  { key: 'familyHistoryPrematureAscvd', label: 'Family history of premature ASCVD', input: yesNo },
];

/** Text for a known value. */
export function formatValue(key: FactKey, value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return key === 'ckdStage' ? `G${value}` : value;
  if (key === 'race' && Array.isArray(value)) return value.filter(isOmbRace).map((r) => OMB_RACE_LABEL[r]).join(', ');
  if (typeof value === 'object' && value !== null) {
    if ('unit' in value && 'value' in value) {
      const q = value as { value: number; unit: CanonicalUnit };
      return formatQuantity(q.value, q.unit);
    }
    if (key === 'statin') {
      const s = value as StatinUse;
      return [s.ingredient, s.doseMg !== undefined ? `${s.doseMg} mg` : undefined, s.intensity ? `(${s.intensity} intensity)` : undefined].filter(Boolean).join(' ');
    }
    if (key === 'slco1b1' || key === 'cyp2c19') {
      const g = value as Slco1b1Result | Cyp2c19Result;
      return g.diplotype ? `${g.diplotype}, ${g.phenotype}` : g.phenotype;
    }
    if (key === 'drugAllergies' && Array.isArray(value)) return value.length === 0 ? 'None recorded' : (value as DrugAllergy[]).map(allergyText).join('; ');
  }
  return String(value);
}

/** "Lisinopril (ACE inhibitor): allergy, high criticality". */
function allergyText(a: DrugAllergy): string {
  const cls = a.drugClass ? DRUG_CLASSES.find((c) => c.key === a.drugClass)?.label : undefined;
  const criticality = a.criticality === 'high' || a.criticality === 'low' ? `, ${a.criticality} criticality` : '';
  return `${a.display}${cls ? ` (${cls})` : ''}: ${a.type}${criticality}`;
}

/** Parses a choice back to the fact's value type. */
export function parseChoice(key: FactKey, raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (key === 'race') {
    const race = RACE_ENTRY_CHOICES.find((r) => r === raw);
    return race ? [race] : undefined;
  }
  return key === 'ckdStage' || key === 'sex' ? raw : undefined;
}

const MODEL_SHORT: Record<ModelId, string> = { pce: 'PCE', prevent: 'PREVENT', kfre4: 'KFRE 4-variable', kfre8: 'KFRE 8-variable' };

/** The models that cannot give a number without this fact (their requiredInputs), e.g. ["PCE", "PREVENT"]. */
export function modelsNeeding(key: FactKey): string[] {
  return (Object.keys(MODELS) as ModelId[]).filter((m) => MODELS[m].requiredInputs.some((n) => n !== 'region' && INPUT_FACT[n] === key)).map((m) => MODEL_SHORT[m]);
}

/** A recorded unit as clinicians write it: a canonical UCUM code by its label ("mm[Hg]" → "mmHg"), anything else as recorded. */
export function unitText(unit: string | undefined): string | undefined {
  return unit !== undefined && Object.hasOwn(UNIT_LABEL, unit) ? UNIT_LABEL[unit as CanonicalUnit] : unit;
}

const RECORDED_AS: Partial<Record<string, string>> = { MedicationRequest: 'prescribed', MedicationStatement: 'reported taking', Condition: 'recorded', AllergyIntolerance: 'recorded' };

/**
 * Where a value came from, as a physician reads it: the test or drug name, the value as recorded with a human unit
 * when it differs from the value shown (a converted unit), the date unless it is the row's, and who recorded it when
 * the record names them. The FHIR reference is for the details line; the Patient resource needs no words (empty).
 */
export function recordedText(source: SourceRef, shown: { value?: string; date?: string }): string {
  if (source.resourceType === 'Patient') return '';
  const name = source.display ?? (source.resourceType === 'Observation' ? undefined : source.value);
  const recorded = source.resourceType === 'Observation' && source.value ? [source.value, unitText(source.unit)].filter(Boolean).join(' ') : undefined;
  const value = recorded !== undefined && recorded !== shown.value ? `recorded as ${recorded}` : undefined;
  const day = source.date?.slice(0, 10);
  const when = day !== undefined && day !== shown.date?.slice(0, 10) ? `${RECORDED_AS[source.resourceType] ?? 'resulted'} ${day}` : undefined;
  return [name, value, when, source.performer].filter(Boolean).join(' · ');
}
