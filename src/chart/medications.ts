import { SYSTEM, codeText, codings, conceptText, isRecord } from './codes.ts';
import { resourceId } from './observationValidity.ts';
import { DRUG_CLASSES, STATIN_INTENSITY } from './valueSets/medications.ts';
import type { DrugCode, ValueSets } from './siteCodes.ts';
import type { DrugUse, Rejection, SourceRef, StatinUse } from './types.ts';

/** A recognised active drug with where it came from and, when stated, its strength and daily dose. */
export interface ActiveDrug extends DrugUse {
  source: SourceRef;
  strengthMg?: number;
  dailyMg?: number;
}

/**
 * Statuses that mean "currently taking" (FHIR R4 medicationrequest-status / medication-statement-status). A statement
 * "intended" is a drug that "may be taken at some time in the future" (R4 medication-statement-status), so not current.
 */
const ACTIVE_REQUEST = new Set(['active']);
const ACTIVE_STATEMENT = new Set(['active']);

/**
 * Active drugs from MedicationRequest (status active, not a proposal, not doNotPerform) and MedicationStatement
 * (active). Completed requests and intended statements are reported as rejected with their status. On-hold ones
 * ("temporarily halted, but expected to continue later", R4 medicationrequest-status) are rejected too and also
 * listed in `held`: they are not current use, but not evidence of no treatment either.
 */
export function activeDrugs(
  requests: readonly unknown[],
  statements: readonly unknown[],
  medications: readonly unknown[],
  valueSets: ValueSets,
): { drugs: ActiveDrug[]; held: ActiveDrug[]; rejected: Rejection[]; unrecognised: Rejection[] } {
  const drugs: ActiveDrug[] = [];
  const held: ActiveDrug[] = [];
  const rejected: Rejection[] = [];
  const unrecognised: Rejection[] = [];
  const scan = (resources: readonly unknown[], type: 'MedicationRequest' | 'MedicationStatement') => {
    const seen = new Set<string>();
    for (const res of resources) {
      if (!isRecord(res)) continue;
      const id = resourceId(res, type);
      const concept = medicationConcept(res, medications);
      const found = recognise(concept, valueSets.drugCodes, medicationResource(res, medications));
      const date = type === 'MedicationRequest' ? res.authoredOn : res.effectiveDateTime ?? res.dateAsserted;
      if (found.length === 0) {
        const ref = isRecord(res.medicationReference) ? res.medicationReference.reference : undefined;
        // A referenced Medication the server did not include cannot be recognised: say so rather than drop it.
        if (concept === undefined && typeof ref === 'string') rejected.push({ source: { resourceType: type, id: id ?? '(no id)', value: ref }, reason: `${ref} was not included by the server` });
        // An active drug Tailor does not know is listed, never dropped: it could be one the rules need.
        else if (medicationProblem(res, type) === undefined) {
          const first = codings(concept)[0];
          const source: SourceRef = {
            resourceType: type, id: id ?? '(no id)', value: conceptText(concept) ?? 'no medication code or text',
            ...(first ? { code: codeText(first) } : {}), ...(typeof date === 'string' ? { date } : {}),
          };
          const miss = { source, reason: 'not recognised: not an RxNorm ingredient, product or name Tailor reads' };
          rejected.push(miss);
          unrecognised.push(miss);
        }
        continue;
      }
      for (const f of found) {
        const source: SourceRef = {
          resourceType: type, id: id ?? '(no id)', value: conceptText(concept) ?? f.ingredient,
          ...(f.code ? { code: f.code } : {}), ...(typeof date === 'string' ? { date } : {}), ...(f.site ? { siteCode: true } : {}),
        };
        const problem = id === undefined ? `no ${type} id` : medicationProblem(res, type);
        if (problem) {
          rejected.push({ source, reason: problem });
          if (id !== undefined && res.status === 'on-hold' && medicationProblem({ ...res, status: 'active' }, type) === undefined) {
            held.push({ drugClass: f.classKey, ingredient: f.ingredient, matchedBy: f.matchedBy, source });
          }
          continue;
        }
        if (seen.has(`${id}|${f.ingredient}`)) continue;
        seen.add(`${id}|${f.ingredient}`);
        // A product code's own strength (rxnormProducts.ts) comes before anything read from display text.
        const strengthMg = f.strengthMg ?? strengthOf(concept, f.ingredient, medicationResource(res, medications));
        const dailyMg = dailyDoseMg(type === 'MedicationRequest' ? res.dosageInstruction : res.dosage, strengthMg, found.length === 1 && !isCombination(concept));
        drugs.push({
          drugClass: f.classKey, ingredient: f.ingredient, matchedBy: f.matchedBy, source,
          ...(strengthMg !== undefined ? { strengthMg } : {}),
          ...(dailyMg !== undefined ? { dailyMg } : {}),
        });
      }
    }
  };
  scan(requests, 'MedicationRequest');
  scan(statements, 'MedicationStatement');
  return { drugs, held, rejected, unrecognised };
}

function medicationProblem(res: Record<string, unknown>, type: string): string | undefined {
  const active = type === 'MedicationRequest' ? ACTIVE_REQUEST : ACTIVE_STATEMENT;
  if (typeof res.status !== 'string' || !active.has(res.status)) return `status "${String(res.status)}" is not current`;
  if (res.doNotPerform === true) return 'do-not-perform order';
  if (res.intent === 'proposal') return 'proposal, not an order';
  return undefined;
}

/** The medication's CodeableConcept: inline, contained (#id) or an included Medication resource. */
function medicationConcept(res: Record<string, unknown>, medications: readonly unknown[]): unknown {
  if (res.medicationCodeableConcept !== undefined) return res.medicationCodeableConcept;
  const med = medicationResource(res, medications);
  return med?.code;
}

function medicationResource(res: Record<string, unknown>, medications: readonly unknown[]): Record<string, unknown> | undefined {
  const ref = isRecord(res.medicationReference) ? res.medicationReference.reference : undefined;
  if (typeof ref !== 'string') return undefined;
  const pool = ref.startsWith('#') ? (Array.isArray(res.contained) ? res.contained : []) : medications;
  const wanted = ref.startsWith('#') ? ref.slice(1) : ref.split('/').pop();
  const found = pool.find((m) => isRecord(m) && m.resourceType === 'Medication' && m.id === wanted);
  return isRecord(found) ? found : undefined;
}

interface Recognised {
  classKey: string;
  ingredient: string;
  matchedBy: 'code' | 'rxnorm-name';
  code?: string;
  site?: boolean;
  strengthMg?: number;
}

/**
 * Ingredients of a medication concept: by RxNorm ingredient or product code (rxnormProducts.ts) or site product code first; otherwise by the RxNorm
 * normalised name of an RxNorm-coded product, whose first words are its ingredients ("ezetimibe 10 MG / simvastatin 40 MG Oral Tablet").
 */
function recognise(concept: unknown, drugCodes: readonly DrugCode[], med: Record<string, unknown> | undefined): Recognised[] {
  const out: Recognised[] = [];
  const add = (r: Recognised) => {
    if (!out.some((o) => o.ingredient === r.ingredient)) out.push(r);
  };
  const byCode = (c: unknown) => {
    for (const coding of codings(c)) {
      // A combination product's code lists one entry per ingredient.
      for (const hit of drugCodes.filter((d) => d.ref.system === coding.system && d.ref.code === coding.code)) {
        add({
          classKey: hit.classKey, ingredient: hit.ingredient, matchedBy: 'code', code: codeText(coding),
          ...(hit.ref.site ? { site: true } : {}), ...(hit.strengthMg !== undefined ? { strengthMg: hit.strengthMg } : {}),
        });
      }
    }
  };
  byCode(concept);
  if (out.length > 0) return out;
  // A Medication whose own code is a product we do not list may still name its ingredients (Medication.ingredient).
  if (med && Array.isArray(med.ingredient)) for (const ing of med.ingredient) if (isRecord(ing)) byCode(ing.itemCodeableConcept);
  if (out.length > 0) return out;
  for (const coding of codings(concept)) {
    if (coding.system !== SYSTEM.rxnorm || typeof coding.display !== 'string') continue;
    const name = coding.display.toLowerCase();
    for (const cls of DRUG_CLASSES) {
      for (const ing of cls.ingredients) {
        if (nameHasIngredient(name, ing.name)) add({ classKey: cls.key, ingredient: ing.name, matchedBy: 'rxnorm-name', code: codeText(coding) });
      }
    }
  }
  return out;
}

/**
 * RxNorm normalised names put each ingredient (optionally with a salt, "metformin hydrochloride") right before its
 * strength: "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet", "ezetimibe 10 MG / simvastatin 40 MG Oral Tablet".
 */
function ingredientPattern(ingredient: string, capture: boolean): RegExp {
  const name = ingredient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const number = capture ? '(\\d+(?:\\.\\d+)?)' : '\\d';
  return new RegExp(`(?:^|[\\s/])${name}(?:\\s+[a-z]+){0,2}\\s+${number}`, 'i');
}

function nameHasIngredient(name: string, ingredient: string): boolean {
  return ingredientPattern(ingredient, false).test(name);
}

/** mg strength of the ingredient: Medication.ingredient strength, else the number after it in the RxNorm name. */
function strengthOf(concept: unknown, ingredient: string, med: Record<string, unknown> | undefined): number | undefined {
  if (med && Array.isArray(med.ingredient)) {
    for (const ing of med.ingredient) {
      if (!isRecord(ing) || !isRecord(ing.strength) || !isRecord(ing.strength.numerator)) continue;
      const text = conceptText(ing.itemCodeableConcept)?.toLowerCase();
      const n = ing.strength.numerator;
      if (text?.includes(ingredient) && typeof n.value === 'number' && Number.isFinite(n.value) && n.value > 0 && (n.code === 'mg' || n.unit === 'mg')) {
        const denominator = isRecord(ing.strength.denominator) ? ing.strength.denominator.value : 1;
        if (denominator === 1 || denominator === undefined) return n.value;
      }
    }
  }
  for (const coding of codings(concept)) {
    if (typeof coding.display !== 'string') continue;
    const m = new RegExp(`${ingredientPattern(ingredient, true).source}\\s*MG\\b(?!\\s*/\\s*M)`, 'i').exec(coding.display);
    if (m?.[1]) {
      const v = Number(m[1]);
      if (Number.isFinite(v) && v > 0) return v;
    }
  }
  return undefined;
}

/**
 * Administrations per day for FHIR R4 timing-abbreviation codes (HL7 v3 GTSAbbreviation), used when Timing.repeat
 * is absent: QD/AM/PM/BED once, BID twice, TID, QID, QOD every other day, Q6H/Q8H/Q12H.
 */
const TIMING_PER_DAY: Readonly<Record<string, number>> = { QD: 1, AM: 1, PM: 1, BED: 1, BID: 2, TID: 3, QID: 4, QOD: 0.5, Q6H: 4, Q8H: 3, Q12H: 2 };
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { h: 1 / 24, d: 1, wk: 7 };

/** Administrations per day from a Timing: repeat.frequency per period, else its abbreviation code. */
function timesPerDay(timing: unknown): number | undefined {
  if (!isRecord(timing)) return undefined;
  if (isRecord(timing.repeat)) {
    const { frequency, period, periodUnit } = timing.repeat;
    const unitDays = typeof periodUnit === 'string' ? DAYS_PER_UNIT[periodUnit] : undefined;
    if (typeof frequency !== 'number' || typeof period !== 'number' || !(period > 0) || !(frequency > 0) || unitDays === undefined) return undefined;
    return frequency / (period * unitDays);
  }
  const code = codings(timing.code)[0]?.code;
  return code !== undefined ? TIMING_PER_DAY[code] : undefined;
}

/**
 * Daily dose in mg from a single Dosage: doses per day × (a dose in tablets/capsules × tablet strength, or a dose
 * stated in mg). A dose in mg is read only for a single-ingredient product, where it can only mean that ingredient.
 * Undefined when the dosage does not say.
 */
function dailyDoseMg(dosage: unknown, strengthMg: number | undefined, singleIngredient: boolean): number | undefined {
  if (!Array.isArray(dosage) || dosage.length !== 1) return undefined;
  const d = dosage[0];
  if (!isRecord(d)) return undefined;
  const perDay = timesPerDay(d.timing);
  if (perDay === undefined) return undefined;
  const rate = Array.isArray(d.doseAndRate) ? d.doseAndRate[0] : undefined;
  if (!isRecord(rate) || !isRecord(rate.doseQuantity)) return strengthMg !== undefined ? strengthMg * perDay : undefined;
  const q = rate.doseQuantity;
  const unit = String(q.code ?? q.unit ?? '');
  if (typeof q.value !== 'number' || !Number.isFinite(q.value) || q.value <= 0) return undefined;
  if (/^(\{tbl\}|tablet|tab|1|\{tablet\}|capsule|\{cap\})$/i.test(unit)) return strengthMg !== undefined ? q.value * strengthMg * perDay : undefined;
  if (unit === 'mg' && singleIngredient) return q.value * perDay;
  return undefined;
}

/** RxNorm normalised names join the ingredients of a combination product with " / ". */
function isCombination(concept: unknown): boolean {
  return codings(concept).some((c) => typeof c.display === 'string' && c.display.includes(' / '));
}

/** Statin intensity per 2018 AHA/ACC Table 3, from the daily dose if stated, else from the tablet strength. */
export function statinUse(drug: ActiveDrug): StatinUse {
  const dose = drug.dailyMg ?? drug.strengthMg;
  const basis = drug.dailyMg !== undefined ? 'daily-dose' : 'tablet-strength';
  const row = dose === undefined ? undefined : STATIN_INTENSITY.find((r) => r.ingredient === drug.ingredient && dose >= r.mg[0] && dose <= r.mg[1]);
  return {
    ingredient: drug.ingredient,
    ...(dose !== undefined ? { doseMg: dose, doseBasis: basis } : {}),
    ...(row ? { intensity: row.intensity } : {}),
  };
}
