import type { CodeableConcept, Coding } from 'fhir/r4';

/** Code system URIs (HL7 FHIR R4 terminology, "Using Codes in Resources" §4.2.2 external code systems). */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  hgnc: 'http://www.genenames.org/geneId',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
} as const;

/** A code a value set accepts. `prefix: true` matches a code and its children (ICD-10-CM only: "E11" matches "E11.65"). */
export interface CodeRef {
  system: string;
  code: string;
  display?: string;
  prefix?: boolean;
  /** Added by the site (config/site-codes.json), shown in provenance. */
  site?: boolean;
}

export function codings(concept: unknown): Coding[] {
  if (!isRecord(concept)) return [];
  const list = (concept as CodeableConcept).coding;
  return Array.isArray(list) ? list.filter((c): c is Coding => isRecord(c) && typeof c.code === 'string' && typeof c.system === 'string') : [];
}

/** The first coding of `concept` that a value set contains. ICD-10-CM prefixes compare without the dot. */
export function matchCoding(concept: unknown, valueSet: readonly CodeRef[]): Coding | undefined {
  for (const coding of codings(concept)) {
    for (const ref of valueSet) {
      if (coding.system !== ref.system || coding.code === undefined) continue;
      if (ref.prefix ? normaliseIcd(coding.code).startsWith(normaliseIcd(ref.code)) : coding.code === ref.code) return coding;
    }
  }
  return undefined;
}

/** Whether the coding matched a code the site added (config/site-codes.json), for provenance. */
export function isSiteCoding(coding: Coding, valueSet: readonly CodeRef[]): boolean {
  return valueSet.some((r) => r.site === true && r.system === coding.system && r.code === coding.code);
}

function normaliseIcd(code: string): string {
  return code.replace('.', '').toUpperCase();
}

/**
 * The code of a status CodeableConcept (clinicalStatus, verificationStatus), read even without a system:
 * a malformed "refuted" must still exclude the record rather than let it count.
 */
export function statusCode(concept: unknown): string | undefined {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return undefined;
  for (const c of concept.coding) if (isRecord(c) && typeof c.code === 'string') return c.code;
  return undefined;
}

export function codeText(coding: Coding): string {
  return `${coding.system}|${coding.code}`;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function conceptText(concept: unknown): string | undefined {
  if (!isRecord(concept)) return undefined;
  if (typeof concept.text === 'string') return concept.text;
  const first = codings(concept).find((c) => typeof c.display === 'string');
  return first?.display;
}
