import { SYSTEM, type CodeRef } from '../codes.ts';
import type { Slco1b1Result } from '../types.ts';

/** Genomics Reporting IG (HL7) codes used to find SLCO1B1 results. */
export const GENE_STUDIED: CodeRef = { system: SYSTEM.loinc, code: '48018-6', display: 'Gene studied [ID]' };
export const GENOTYPE_DISPLAY: CodeRef = { system: SYSTEM.loinc, code: '84413-4', display: 'Genotype display name' };
export const VARIANT_ASSESSMENT: CodeRef = { system: SYSTEM.loinc, code: '69548-6', display: 'Genetic variant assessment' };
export const METABOLIZER_PHENOTYPE: CodeRef = { system: SYSTEM.loinc, code: '53040-2', display: "Genetic variation's effect on drug metabolism" };
export const SLCO1B1_FUNCTION: CodeRef = { system: SYSTEM.loinc, code: '79722-5', display: 'SLCO1B1 gene product functional interpretation' };
export const SLCO1B1_HGNC: CodeRef = { system: SYSTEM.hgnc, code: 'HGNC:10959', display: 'SLCO1B1' };
export const GENOMIC_OBSERVATION_CODES: CodeRef[] = [GENOTYPE_DISPLAY, VARIANT_ASSESSMENT, METABOLIZER_PHENOTYPE, SLCO1B1_FUNCTION];

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
