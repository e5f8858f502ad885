import { allergyDate, allergyProblem } from './allergyRecords.ts';
import { codeText, codings, conceptText, isRecord, matchCoding, SYSTEM } from './codes.ts';
import type { DrugCode } from './siteCodes.ts';
import { ALLERGEN_CLASSES } from './valueSets/medications.ts';
import type { DrugAllergy, Fact, Rejection, SourceRef } from './types.ts';
import { unknown } from './types.ts';

interface Allergen {
  drugClass?: string;
  ingredient?: string;
  code?: string;
}

/** What a code names: a drug class (class substance), or an ingredient and its class (RxNorm or a site product code). */
function allergenOf(concept: unknown, drugCodes: readonly DrugCode[]): Allergen | undefined {
  const byClass = matchCoding(concept, ALLERGEN_CLASSES.map((c) => c.ref));
  const cls = byClass && ALLERGEN_CLASSES.find((c) => c.ref.system === byClass.system && c.ref.code === byClass.code);
  if (byClass && cls) return { drugClass: cls.classKey, code: codeText(byClass) };
  const byIngredient = matchCoding(concept, drugCodes.map((d) => d.ref));
  const drug = byIngredient && drugCodes.find((d) => d.ref.system === byIngredient.system && d.ref.code === byIngredient.code);
  return byIngredient && drug ? { drugClass: drug.classKey, ingredient: drug.ingredient, code: codeText(byIngredient) } : undefined;
}

/** A medication record: category medication, an RxNorm code, or a code Tailor maps to a drug class. */
function isMedication(a: Record<string, unknown>, allergen: Allergen | undefined): boolean {
  const categories = Array.isArray(a.category) ? a.category : [];
  return allergen !== undefined || categories.includes('medication') || codings(a.code).some((c) => c.system === SYSTEM.rxnorm);
}

/**
 * Active medication allergies and intolerances from AllergyIntolerance (not refuted or entered-in-error, not
 * inactive/resolved), each with the drug class and ingredient it names when the code is one Tailor knows
 * (valueSets/medications.ts ALLERGEN_CLASSES and drug ingredients): a class code gives the class alone (the whole class
 * is ruled out), an ingredient code the ingredient and its class. Food and environmental allergies are left out.
 * Unknown when allergies did not load (a partial list must not read as "none"); an empty list when loaded and none.
 */
export function drugAllergiesFact(allergies: readonly unknown[], loaded: boolean, now: Date, drugCodes: readonly DrugCode[]): Fact<DrugAllergy[]> {
  const list: DrugAllergy[] = [];
  const rejected: Rejection[] = [];
  const untyped: string[] = [];
  for (const a of allergies) {
    if (!isRecord(a)) continue;
    const allergen = allergenOf(a.code, drugCodes);
    if (!isMedication(a, allergen)) continue;
    const display = conceptText(a.code) ?? codings(a.code)[0]?.code ?? 'medication allergy (no code or text)';
    const date = allergyDate(a);
    const firstCoding = codings(a.code)[0];
    const code = allergen?.code ?? (firstCoding ? codeText(firstCoding) : undefined);
    const source: SourceRef = {
      resourceType: 'AllergyIntolerance', id: typeof a.id === 'string' && a.id !== '' ? a.id : '(no id)', value: display,
      ...(code ? { code } : {}), ...(date ? { date } : {}),
    };
    const problem = allergyProblem(a, now);
    if (problem) {
      rejected.push({ source, reason: problem });
      continue;
    }
    const recordedType = a.type === 'allergy' || a.type === 'intolerance' ? a.type : undefined;
    if (!recordedType) untyped.push(display);
    list.push({
      display, type: recordedType ?? 'allergy', source,
      ...(allergen?.drugClass ? { drugClass: allergen.drugClass } : {}), ...(allergen?.ingredient ? { ingredient: allergen.ingredient } : {}),
      ...(typeof a.criticality === 'string' ? { criticality: a.criticality } : {}),
    });
  }
  if (!loaded) {
    return unknown('allergies are not loaded', rejected, list.length > 0 ? { note: `recorded: ${list.map((d) => d.display).join(', ')}`, sources: list.map((d) => d.source) } : undefined);
  }
  const note = untyped.length > 0 ? `type not recorded, taken as allergy: ${untyped.join(', ')}` : undefined;
  return { state: 'known', origin: 'chart', value: list, sources: list.map((d) => d.source), rejected, ...(note ? { note } : {}) };
}
