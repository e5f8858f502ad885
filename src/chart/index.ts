/** Public surface of src/chart: pure FHIR → clinical facts. */
export type * from './types.ts';
export { isKnown, valueOf } from './types.ts';
export { buildFacts, EMPTY_CHART, RISK_INPUT_KEYS, type ChartData } from './buildFacts.ts';
export { applyEntries, parseEntries, type Entries, type Entry } from './entries.ts';
export { DEFAULT_VALUE_SETS, parseSiteCodes, valueSetsWith, NO_SITE_CODES, type SiteCodes, type ValueSets } from './siteCodes.ts';
export { STALENESS_DAYS } from './staleness.ts';
export { ckdEpi2021, bodyMassIndex } from './derived.ts';
export { convert, hba1cIfccToNgsp, loadUcum } from './units.ts';
