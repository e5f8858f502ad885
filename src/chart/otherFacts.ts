import { codeText, codings, conceptText, isRecord, matchCoding, statusCode, type CodeRef } from './codes.ts';
import { checkDate, resourceId, usableObservation } from './observationValidity.ts';
import { FIRST_DEGREE_RELATIVES, PREMATURE_ASCVD_AGE } from './valueSets/social.ts';
import { GENE_STUDIED, METABOLIZER_PHENOTYPE, RS4149056_PHENOTYPE, SLCO1B1_ALLELE_FUNCTION, SLCO1B1_FUNCTION, SLCO1B1_HGNC, SLCO1B1_PHENOTYPES } from './valueSets/genomics.ts';
import { DRUG_CLASSES, STATIN_ALLERGEN_CLASS, ingredientCode } from './valueSets/medications.ts';
import type { Fact, Rejection, Slco1b1Result, SourceRef } from './types.ts';
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
    const date = typeof a.recordedDate === 'string' ? a.recordedDate : typeof a.onsetDateTime === 'string' ? a.onsetDateTime : undefined;
    const source: SourceRef = { resourceType: 'AllergyIntolerance', id: id ?? '(no id)', code: codeText(coding), value: conceptText(a.code) ?? coding.code ?? '', ...(date ? { date } : {}) };
    const verification = statusCode(a.verificationStatus);
    const clinical = statusCode(a.clinicalStatus);
    const dateProblem = date !== undefined ? checkDate(date, now) : undefined;
    const problem =
      id === undefined ? 'no AllergyIntolerance id'
      : verification === 'refuted' || verification === 'entered-in-error' ? `verification status "${verification}"`
      : clinical !== undefined && clinical !== 'active' ? `clinical status "${clinical}"`
      : dateProblem && 'problem' in dateProblem ? dateProblem.problem
      : undefined;
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

/**
 * SLCO1B1 result from genotype/interpretation Observations (HL7 Genomics Reporting): the gene is named by component
 * 48018-6 (HGNC:10959) or in the text. The phenotype is taken as reported (79722-5, 53040-2 or value text) when
 * present, else derived from a star-allele diplotype or the rs4149056 genotype (CPIC 2022). The newest date wins;
 * results of that date are combined (a genotype and its interpretation are usually two Observations).
 */
export function slco1b1Fact(observations: readonly unknown[], now: Date): Fact<Slco1b1Result> {
  const rejected: Rejection[] = [];
  const found: { at: number; date: string; source: SourceRef; diplotype?: string; reported?: Slco1b1Result['phenotype']; derived?: Slco1b1Result['phenotype'] }[] = [];
  for (const obs of observations) {
    if (!isRecord(obs) || !isSlco1b1(obs)) continue;
    const usable = usableObservation(obs, now);
    const source: SourceRef = { resourceType: 'Observation', id: typeof obs.id === 'string' ? obs.id : '(no id)' };
    if ('problem' in usable) {
      rejected.push({ source, reason: usable.problem });
      continue;
    }
    source.date = usable.ok.date;
    const diplotype = findDiplotype(obs);
    const rs = findRs4149056(obs);
    const reported = findPhenotype(obs);
    const derived = diplotype ? phenotypeFromDiplotype(diplotype) : rs ? RS4149056_PHENOTYPE[rs] : undefined;
    if (!reported && !derived) {
      rejected.push({ source, reason: 'no diplotype, genotype or phenotype could be read' });
      continue;
    }
    source.value = [diplotype ?? (rs ? `rs4149056 ${rs}` : undefined), reported].filter(Boolean).join(', ');
    found.push({ at: usable.ok.at, date: usable.ok.date, source, ...(diplotype ? { diplotype } : {}), ...(reported ? { reported } : {}), ...(derived ? { derived } : {}) });
  }
  if (found.length === 0) return unknown('no SLCO1B1 result', rejected);
  const latestAt = Math.max(...found.map((f) => f.at));
  const sameDay = found.filter((f) => f.at === latestAt);
  const phenotype = sameDay.find((f) => f.reported)?.reported ?? sameDay.find((f) => f.derived)?.derived;
  const diplotype = sameDay.find((f) => f.diplotype)?.diplotype;
  const [newest] = sameDay;
  if (!phenotype || !newest) return unknown('no SLCO1B1 phenotype', rejected);
  return {
    state: 'known', origin: 'chart', value: { phenotype, ...(diplotype ? { diplotype } : {}) },
    date: newest.date, sources: sameDay.map((f) => f.source), rejected,
  };
}

function texts(obs: Record<string, unknown>): string[] {
  const out: string[] = [];
  const push = (x: unknown) => {
    const t = conceptText(x);
    if (t) out.push(t);
    for (const c of codings(x)) if (c.display) out.push(c.display);
  };
  push(obs.code);
  push(obs.valueCodeableConcept);
  if (typeof obs.valueString === 'string') out.push(obs.valueString);
  for (const c of Array.isArray(obs.component) ? obs.component : []) {
    if (!isRecord(c)) continue;
    push(c.valueCodeableConcept);
    if (typeof c.valueString === 'string') out.push(c.valueString);
  }
  return out;
}

function isSlco1b1(obs: Record<string, unknown>): boolean {
  const components = Array.isArray(obs.component) ? obs.component : [];
  const byGene = components.some((c) => isRecord(c) && matchCoding(c.code, [GENE_STUDIED]) && matchCoding(c.valueCodeableConcept, [SLCO1B1_HGNC]));
  return byGene || texts(obs).some((t) => /\bSLCO1B1\b/i.test(t));
}

function findDiplotype(obs: Record<string, unknown>): string | undefined {
  for (const t of texts(obs)) {
    const m = /(\*\d+[A-Z]?)\s*\/\s*(\*\d+[A-Z]?)/.exec(t);
    if (m) return `${m[1]}/${m[2]}`;
  }
  return undefined;
}

function findRs4149056(obs: Record<string, unknown>): string | undefined {
  for (const t of texts(obs)) {
    const m = /rs4149056\b.*?\b([TC])\s*\/\s*([TC])\b/i.exec(t);
    if (m) return `${m[1]?.toUpperCase()}/${m[2]?.toUpperCase()}`;
  }
  return undefined;
}

const PHENOTYPE_CODES = [METABOLIZER_PHENOTYPE, SLCO1B1_FUNCTION];

/** A phenotype as reported: the value of a phenotype-coded Observation or component. */
function findPhenotype(obs: Record<string, unknown>): Slco1b1Result['phenotype'] | undefined {
  const components = Array.isArray(obs.component) ? obs.component : [];
  const holders: unknown[] = [matchCoding(obs.code, PHENOTYPE_CODES) ? obs.valueCodeableConcept : undefined];
  for (const c of components) if (isRecord(c) && matchCoding(c.code, PHENOTYPE_CODES)) holders.push(c.valueCodeableConcept);
  for (const h of holders) {
    const t = conceptText(h)?.toLowerCase();
    const hit = t ? SLCO1B1_PHENOTYPES.find((p) => t.includes(p)) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** CPIC 2022: two no-function alleles = poor, one = decreased, two normal = normal; anything else indeterminate. */
function phenotypeFromDiplotype(diplotype: string): Slco1b1Result['phenotype'] {
  const fn = diplotype.split('/').map((a) => SLCO1B1_ALLELE_FUNCTION[a]);
  if (fn.some((f) => f === undefined)) return 'indeterminate';
  const noFunction = fn.filter((f) => f === 'no').length;
  return noFunction === 2 ? 'poor function' : noFunction === 1 ? 'decreased function' : 'normal function';
}

