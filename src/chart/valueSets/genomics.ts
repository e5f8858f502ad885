import { SYSTEM, type CodeRef } from '../codes.ts';
import type { Cyp2c19Result, Slco1b1Result } from '../types.ts';

/** Genomics Reporting IG (HL7) codes used to find pharmacogenomic (SLCO1B1, CYP2C19) results. */
export const GENE_STUDIED: CodeRef = { system: SYSTEM.loinc, code: '48018-6', display: 'Gene studied [ID]' };
export const GENOTYPE_DISPLAY: CodeRef = { system: SYSTEM.loinc, code: '84413-4', display: 'Genotype display name' };
export const VARIANT_ASSESSMENT: CodeRef = { system: SYSTEM.loinc, code: '69548-6', display: 'Genetic variant assessment' };
export const METABOLIZER_PHENOTYPE: CodeRef = { system: SYSTEM.loinc, code: '53040-2', display: "Genetic variation's effect on drug metabolism" };
export const SLCO1B1_FUNCTION: CodeRef = { system: SYSTEM.loinc, code: '79722-5', display: 'SLCO1B1 gene product functional interpretation' };
export const SLCO1B1_HGNC: CodeRef = { system: SYSTEM.hgnc, code: 'HGNC:10959', display: 'SLCO1B1' };
/**
 * CYP2C19 metabolizer phenotype. 79714-2 is taken from secondary sources (not checked against the LOINC table here);
 * 79716-7 is CYP2C9, not CYP2C19 (FHIR STU3 genomics implementation guidance). The gene is always confirmed by
 * HGNC:2621 or "CYP2C19" in the result, so a wrong code number can only miss a result, never misread another gene.
 */
export const CYP2C19_METABOLIC_ACTIVITY: CodeRef = { system: SYSTEM.loinc, code: '79714-2', display: 'CYP2C19 gene product metabolic activity interpretation' };
/** HGNC:2621 as in the Genomics Reporting IG example RegionStudied rs-5c7e9e1ca6214. */
export const CYP2C19_HGNC: CodeRef = { system: SYSTEM.hgnc, code: 'HGNC:2621', display: 'CYP2C19' };
export const GENOMIC_OBSERVATION_CODES: CodeRef[] = [GENOTYPE_DISPLAY, VARIANT_ASSESSMENT, METABOLIZER_PHENOTYPE, SLCO1B1_FUNCTION, CYP2C19_METABOLIC_ACTIVITY];

/**
 * SLCO1B1 allele function, CPIC guideline for statins 2022 (Cooper-DeHoff RM et al., Clin Pharmacol Ther
 * 2022;111:1007–1021, SLCO1B1 allele functionality table): *5 and *15 are no-function alleles, *1 normal.
 * Other alleles give "indeterminate" here rather than a guess.
 */
export const SLCO1B1_ALLELE_FUNCTION: Readonly<Record<string, 'normal' | 'no'>> = { '*1': 'normal', '*5': 'no', '*15': 'no' };

/**
 * When only rs4149056 (c.521T>C, the defining variant of *5 and *15) is typed, CPIC 2022 assigns TT normal,
 * TC decreased and CC poor function (same guideline, "SLCO1B1 phenotype" assignment by rs4149056 genotype).
 */
export const RS4149056_PHENOTYPE: Readonly<Record<string, Slco1b1Result['phenotype']>> = {
  'T/T': 'normal function', 'T/C': 'decreased function', 'C/T': 'decreased function', 'C/C': 'poor function',
};

export const SLCO1B1_PHENOTYPES: readonly Slco1b1Result['phenotype'][] = [
  'possible decreased function', 'decreased function', 'poor function', 'increased function', 'normal function',
];

/**
 * CYP2C19 allele function, CPIC guideline for CYP2C19 and clopidogrel 2022 (Lee CR et al., Clin Pharmacol Ther
 * 2022;112:959–967; CPIC CYP2C19 allele functionality table): *1 normal; *2–*8 no function; *17 increased.
 * Decreased-function alleles (*9, *10) give the "likely" phenotypes, and other alleles are not listed: both read as
 * "indeterminate" here rather than a guess.
 */
export const CYP2C19_ALLELE_FUNCTION: Readonly<Record<string, 'normal' | 'no' | 'increased'>> = {
  '*1': 'normal', '*2': 'no', '*3': 'no', '*4': 'no', '*5': 'no', '*6': 'no', '*7': 'no', '*8': 'no', '*17': 'increased',
};

/**
 * Reported CYP2C19 phenotype words (CPIC 2022 terms; "extensive metabolizer" is the pre-2017 name of the normal
 * metabolizer, Caudle KE et al., Genet Med 2017;19:215–223). Listed so "ultrarapid" is tried before "rapid".
 */
export const CYP2C19_PHENOTYPE_WORDS: readonly { words: string; phenotype: Cyp2c19Result['phenotype'] }[] = [
  { words: 'ultrarapid metabolizer', phenotype: 'ultrarapid metabolizer' },
  { words: 'ultra-rapid metabolizer', phenotype: 'ultrarapid metabolizer' },
  { words: 'rapid metabolizer', phenotype: 'rapid metabolizer' },
  { words: 'normal metabolizer', phenotype: 'normal metabolizer' },
  { words: 'extensive metabolizer', phenotype: 'normal metabolizer' },
  { words: 'intermediate metabolizer', phenotype: 'intermediate metabolizer' },
  { words: 'poor metabolizer', phenotype: 'poor metabolizer' },
  { words: 'indeterminate', phenotype: 'indeterminate' },
];
