/** The plan suggestions engine (issue 8): guideline rules as data, run over chart facts and risk results. */
export { suggestPlan } from './engine.ts';
export { RULES, RETEST_RULES } from './rules/index.ts';
export { parsePlanRules, NO_SITE_RULES } from './siteConfig.ts';
export type * from './types.ts';
