import { pharmacogeneFact, type GeneReading } from './genotypes.ts';
import { METABOLIZER_PHENOTYPE, RS4149056_PHENOTYPE, SLCO1B1_ALLELE_FUNCTION, SLCO1B1_FUNCTION, SLCO1B1_HGNC, SLCO1B1_PHENOTYPES } from './valueSets/genomics.ts';
import type { Fact, Slco1b1Result } from './types.ts';

type Phenotype = Slco1b1Result['phenotype'];

/** CPIC 2022: two no-function alleles = poor, one = decreased, two normal = normal; anything else indeterminate. */
function phenotypeFromDiplotype(diplotype: string): Phenotype {
  const fn = diplotype.split('/').map((a) => SLCO1B1_ALLELE_FUNCTION[a]);
  if (fn.some((f) => f === undefined)) return 'indeterminate';
  const noFunction = fn.filter((f) => f === 'no').length;
  return noFunction === 2 ? 'poor function' : noFunction === 1 ? 'decreased function' : 'normal function';
}

/** The rs4149056 genotype (c.521T>C), when only that variant was typed. */
function rs4149056(allTexts: readonly string[]): { label: string; phenotype: Phenotype } | undefined {
  for (const t of allTexts) {
    const m = /rs4149056\b.*?\b([TC])\s*\/\s*([TC])\b/i.exec(t);
    const genotype = m ? `${m[1]?.toUpperCase()}/${m[2]?.toUpperCase()}` : undefined;
    const phenotype = genotype ? RS4149056_PHENOTYPE[genotype] : undefined;
    if (genotype && phenotype) return { label: `rs4149056 ${genotype}`, phenotype };
  }
  return undefined;
}

const SLCO1B1: GeneReading<Phenotype> = {
  gene: 'SLCO1B1',
  hgnc: SLCO1B1_HGNC,
  phenotypeCodes: [METABOLIZER_PHENOTYPE, SLCO1B1_FUNCTION],
  phenotypeIn: (text) => {
    const t = text.toLowerCase();
    return SLCO1B1_PHENOTYPES.find((p) => t.includes(p));
  },
  fromDiplotype: phenotypeFromDiplotype,
  otherGenotype: rs4149056,
};

/**
 * SLCO1B1 result (HL7 Genomics Reporting): gene by component 48018-6 (HGNC:10959) or text; phenotype as reported
 * (79722-5, 53040-2), else from a star-allele diplotype or the rs4149056 genotype (CPIC 2022).
 */
export function slco1b1Fact(observations: readonly unknown[], now: Date): Fact<Slco1b1Result> {
  return pharmacogeneFact(observations, now, SLCO1B1);
}
