import { codings, conceptText, isRecord, matchCoding, type CodeRef } from './codes.ts';
import { usableObservation } from './observationValidity.ts';
import { GENE_STUDIED } from './valueSets/genomics.ts';
import type { Fact, Rejection, SourceRef } from './types.ts';
import { unknown } from './types.ts';

/** How one pharmacogene's results are recognised and read (HL7 Genomics Reporting IG shapes). */
export interface GeneReading<P extends string> {
  /** Gene symbol, also looked for in the result's text. */
  gene: string;
  hgnc: CodeRef;
  /** Observation or component codes whose value is the reported phenotype. */
  phenotypeCodes: readonly CodeRef[];
  /** The phenotype a reported text names, if any. */
  phenotypeIn(text: string): P | undefined;
  /** The phenotype of a star-allele diplotype ("indeterminate" for alleles the table does not list). */
  fromDiplotype(diplotype: string): P;
  /** Another genotype notation the gene is typed by (e.g. one rsID), with its label for provenance. */
  otherGenotype?(texts: readonly string[]): { label: string; phenotype: P } | undefined;
}

export interface GeneResult<P extends string> {
  diplotype?: string;
  phenotype: P;
}

interface Found<P extends string> {
  at: number;
  date: string;
  source: SourceRef;
  diplotype?: string;
  reported?: P;
  reportedText?: string;
  derived?: P;
}

/**
 * A pharmacogene's result from genotype/interpretation Observations: the gene is named by component 48018-6 (its HGNC
 * id) or in the text. The phenotype is taken as reported when present, else derived from a star-allele diplotype (or
 * the gene's other genotype notation). The newest date wins; results of that date are combined (a genotype and its
 * interpretation are usually two Observations). `noteFor` may add a line about the reported text.
 */
export function pharmacogeneFact<P extends string>(
  observations: readonly unknown[], now: Date, reading: GeneReading<P>, noteFor?: (reportedText: string) => string | undefined,
): Fact<GeneResult<P>> {
  const rejected: Rejection[] = [];
  const found: Found<P>[] = [];
  for (const obs of observations) {
    if (!isRecord(obs)) continue;
    const allTexts = texts(obs);
    if (!namesGene(obs, allTexts, reading)) continue;
    const usable = usableObservation(obs, now);
    const source: SourceRef = { resourceType: 'Observation', id: typeof obs.id === 'string' ? obs.id : '(no id)' };
    if ('problem' in usable) {
      rejected.push({ source, reason: usable.problem });
      continue;
    }
    source.date = usable.ok.date;
    const diplotype = findDiplotype(allTexts);
    const other = diplotype ? undefined : reading.otherGenotype?.(allTexts);
    const reportedText = findReportedText(obs, reading);
    const reported = reportedText !== undefined ? reading.phenotypeIn(reportedText) : undefined;
    const derived = diplotype ? reading.fromDiplotype(diplotype) : other?.phenotype;
    if (!reported && !derived) {
      rejected.push({ source, reason: 'no diplotype, genotype or phenotype could be read' });
      continue;
    }
    source.value = [diplotype ?? other?.label, reported].filter(Boolean).join(', ');
    found.push({
      at: usable.ok.at, date: usable.ok.date, source,
      ...(diplotype ? { diplotype } : {}), ...(reported ? { reported, ...(reportedText ? { reportedText } : {}) } : {}), ...(derived ? { derived } : {}),
    });
  }
  if (found.length === 0) return unknown(`no ${reading.gene} result`, rejected);
  const latestAt = Math.max(...found.map((f) => f.at));
  const sameDay = found.filter((f) => f.at === latestAt);
  const reportedHit = sameDay.find((f) => f.reported);
  const phenotype = reportedHit?.reported ?? sameDay.find((f) => f.derived)?.derived;
  const diplotype = sameDay.find((f) => f.diplotype)?.diplotype;
  const [newest] = sameDay;
  if (!phenotype || !newest) return unknown(`no ${reading.gene} phenotype`, rejected);
  const note = reportedHit?.reportedText !== undefined ? noteFor?.(reportedHit.reportedText) : undefined;
  return {
    state: 'known', origin: 'chart', value: { phenotype, ...(diplotype ? { diplotype } : {}) },
    date: newest.date, sources: sameDay.map((f) => f.source), rejected, ...(note ? { note } : {}),
  };
}

/** Every text of the result: code, value and component values (text and displays). */
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

function namesGene(obs: Record<string, unknown>, allTexts: readonly string[], reading: GeneReading<string>): boolean {
  const components = Array.isArray(obs.component) ? obs.component : [];
  const byGene = components.some((c) => isRecord(c) && matchCoding(c.code, [GENE_STUDIED]) && matchCoding(c.valueCodeableConcept, [reading.hgnc]));
  const symbol = new RegExp(`\\b${reading.gene}\\b`, 'i');
  return byGene || allTexts.some((t) => symbol.test(t));
}

function findDiplotype(allTexts: readonly string[]): string | undefined {
  for (const t of allTexts) {
    const m = /(\*\d+[A-Z]?)\s*\/\s*(\*\d+[A-Z]?)/.exec(t);
    if (m) return `${m[1]}/${m[2]}`;
  }
  return undefined;
}

/** The text of a phenotype as reported: the value of a phenotype-coded Observation or component that names one. */
function findReportedText(obs: Record<string, unknown>, reading: GeneReading<string>): string | undefined {
  const components = Array.isArray(obs.component) ? obs.component : [];
  const holders: unknown[] = [matchCoding(obs.code, reading.phenotypeCodes) ? obs.valueCodeableConcept : undefined];
  for (const c of components) if (isRecord(c) && matchCoding(c.code, reading.phenotypeCodes)) holders.push(c.valueCodeableConcept);
  for (const h of holders) {
    const t = conceptText(h);
    if (t !== undefined && reading.phenotypeIn(t) !== undefined) return t;
  }
  return undefined;
}
