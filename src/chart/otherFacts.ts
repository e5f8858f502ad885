import { allergyDate, allergyProblem } from './allergyRecords.ts';
import { codeText, codings, conceptText, isRecord, matchCoding, type CodeRef } from './codes.ts';
import { resourceId } from './observationValidity.ts';
import { FIRST_DEGREE_RELATIVES, PREMATURE_ASCVD_AGE } from './valueSets/social.ts';
import { DRUG_CLASSES, STATIN_ALLERGEN_CLASS, ingredientCode } from './valueSets/medications.ts';
import type { Fact, Rejection, SourceRef } from './types.ts';
import { unknown } from './types.ts';

const STATIN_ALLERGENS: CodeRef[] = [
  STATIN_ALLERGEN_CLASS,
  ...(DRUG_CLASSES.find((d) => d.key === 'statin')?.ingredients ?? []).map((i) => ingredientCode(i.rxcui, i.name)),
];

/** Statin allergy or intolerance recorded as AllergyIntolerance (not refuted/entered-in-error, not resolved). */
export function statinIntoleranceFact(allergies: readonly unknown[], loaded: boolean, now: Date): Fact<boolean> {
  const sources: SourceRef[] = [];
  const rejected: Rejection[] = [];
  for (const a of allergies) {
    if (!isRecord(a)) continue;
    const coding = matchCoding(a.code, STATIN_ALLERGENS);
    if (!coding) continue;
    const id = resourceId(a, 'AllergyIntolerance');
    const date = allergyDate(a);
    const source: SourceRef = { resourceType: 'AllergyIntolerance', id: id ?? '(no id)', code: codeText(coding), value: conceptText(a.code) ?? coding.code ?? '', ...(date ? { date } : {}) };
    const problem = allergyProblem(a, now);
    if (problem) rejected.push({ source, reason: problem });
    else sources.push(source);
  }
  if (sources.length > 0) return { state: 'known', origin: 'chart', value: true, sources, rejected, ...(sources[0]?.date ? { date: sources[0].date } : {}) };
  if (!loaded) return unknown('allergies are not loaded', rejected);
  return { state: 'known', origin: 'derived', value: false, sources: [], rejected, method: 'No statin allergy or intolerance in the loaded AllergyIntolerance list', citation: 'SNOMED CT 372912004 and statin RxNorm ingredients', inputs: ['allergies'] };
}

/**
 * Family history of premature ASCVD: a first-degree relative with ASCVD before 55 (male) or 65 (female)
 * (2018 AHA/ACC cholesterol guideline risk-enhancing factors). ASCVD condition codes are passed in.
 */
export function familyHistoryFact(histories: readonly unknown[], ascvdCodes: readonly CodeRef[], loaded: boolean): Fact<boolean> {
  const premature: SourceRef[] = [];
  const undated: SourceRef[] = [];
  const rejected: Rejection[] = [];
  let recorded = 0;
  for (const h of histories) {
    if (!isRecord(h)) continue;
    const id = resourceId(h, 'FamilyMemberHistory');
    if (id === undefined) continue;
    if (h.status === 'entered-in-error') continue;
    recorded += 1;
    const relation = codings(h.relationship).find((c) => c.code !== undefined && c.code in FIRST_DEGREE_RELATIVES)?.code;
    if (relation === undefined) continue;
    const sex = h.sex !== undefined ? codings(h.sex)[0]?.code : FIRST_DEGREE_RELATIVES[relation];
    const conditions = Array.isArray(h.condition) ? h.condition : [];
    for (const c of conditions) {
      if (!isRecord(c)) continue;
      const coding = matchCoding(c.code, ascvdCodes);
      if (!coding) continue;
      const age = onsetYears(c);
      const source: SourceRef = { resourceType: 'FamilyMemberHistory', id, code: codeText(coding), value: `${relation}: ${coding.display ?? coding.code}${age !== undefined ? ` at ${age} y` : ''}` };
      if (age === undefined || (sex !== 'male' && sex !== 'female')) {
        undated.push(source);
        rejected.push({ source, reason: age === undefined ? 'onset age not recorded' : 'relative sex not known' });
        continue;
      }
      if (age < PREMATURE_ASCVD_AGE[sex]) premature.push(source);
    }
  }
  if (premature.length > 0) return { state: 'known', origin: 'chart', value: true, sources: premature, rejected };
  if (!loaded) return unknown('family history is not loaded', rejected);
  if (undated.length > 0) return unknown('ASCVD in a first-degree relative, but the age at onset is not recorded', rejected, { note: 'relative with ASCVD, onset age unknown', sources: undated });
  if (recorded === 0) return unknown('no family history recorded', rejected);
  return { state: 'known', origin: 'derived', value: false, sources: [], rejected, method: 'Recorded family history has no first-degree relative with premature ASCVD', citation: '2018 AHA/ACC cholesterol guideline, risk-enhancing factors', inputs: ['familyHistory'] };
}

function onsetYears(c: Record<string, unknown>): number | undefined {
  const age = c.onsetAge;
  if (isRecord(age) && typeof age.value === 'number' && Number.isFinite(age.value) && age.value >= 0 && age.value < 130 && (age.code === 'a' || age.unit === 'a' || age.unit === 'years' || age.unit === 'yr')) return age.value;
  const range = c.onsetRange;
  if (isRecord(range) && isRecord(range.high) && typeof range.high.value === 'number' && Number.isFinite(range.high.value) && range.high.value >= 0 && range.high.code === 'a') return range.high.value;
  return undefined;
}
