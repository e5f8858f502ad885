/** The rule table, in the order suggestions of equal benefit and strength are listed. */
import type { Rule } from '../types.ts';
import { BP_RULES } from './bloodPressure.ts';
import { CHOLESTEROL_RULES } from './cholesterol.ts';
import { DIABETES_KIDNEY_RULES } from './diabetesKidney.ts';
import { PGX_RULES } from './pharmacogenomics.ts';
import { PREVENTION_RULES } from './prevention.ts';

export const RULES: readonly Rule[] = [...CHOLESTEROL_RULES, ...BP_RULES, ...PREVENTION_RULES, ...DIABETES_KIDNEY_RULES, ...PGX_RULES];
export { RETEST_RULES, type RetestRule } from './retest.ts';
