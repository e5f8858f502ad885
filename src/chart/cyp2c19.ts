import { pharmacogeneFact, type GeneReading } from './genotypes.ts';
import { CYP2C19_ALLELE_FUNCTION, CYP2C19_HGNC, CYP2C19_METABOLIC_ACTIVITY, CYP2C19_PHENOTYPE_WORDS, METABOLIZER_PHENOTYPE } from './valueSets/genomics.ts';
import type { Cyp2c19Result, Fact } from './types.ts';

type Phenotype = Cyp2c19Result['phenotype'];

/**
 * CPIC 2022 (Lee CR et al., Clin Pharmacol Ther 2022;112:959–967, CYP2C19 diplotype to phenotype table): two no-function
 * alleles = poor; one no-function with a normal or increased one = intermediate; *1/*1 normal; *1/*17 rapid;
 * *17/*17 ultrarapid. Alleles outside the table (including decreased-function ones) give "indeterminate".
 */
function phenotypeFromDiplotype(diplotype: string): Phenotype {
  const fn = diplotype.split('/').map((a) => CYP2C19_ALLELE_FUNCTION[a]);
  if (fn.length !== 2 || fn.some((f) => f === undefined)) return 'indeterminate';
  const count = (f: string) => fn.filter((x) => x === f).length;
  if (count('no') === 2) return 'poor metabolizer';
  if (count('no') === 1) return 'intermediate metabolizer';
  if (count('increased') === 2) return 'ultrarapid metabolizer';
  if (count('increased') === 1) return 'rapid metabolizer';
  return 'normal metabolizer';
}

const CYP2C19: GeneReading<Phenotype> = {
  gene: 'CYP2C19',
  hgnc: CYP2C19_HGNC,
  phenotypeCodes: [CYP2C19_METABOLIC_ACTIVITY, METABOLIZER_PHENOTYPE],
  phenotypeIn: (text) => {
    const t = text.toLowerCase();
    return CYP2C19_PHENOTYPE_WORDS.find((p) => t.includes(p.words))?.phenotype;
  },
  fromDiplotype: phenotypeFromDiplotype,
};

/** CPIC 2022 gives "likely intermediate/poor metabolizer" the recommendation of the intermediate/poor phenotype. */
function likelyNote(reported: string): string | undefined {
  return /\blikely\b/i.test(reported) ? `reported as "${reported}"` : undefined;
}

/** CYP2C19 result read the way SLCO1B1 is (Genomics Reporting IG genotype 84413-4 with HGNC:2621, and a phenotype). */
export function cyp2c19Fact(observations: readonly unknown[], now: Date): Fact<Cyp2c19Result> {
  return pharmacogeneFact(observations, now, CYP2C19, likelyNote);
}
