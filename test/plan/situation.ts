/**
 * Minimal ChartFacts for plan tests: a fully loaded chart with no data (buildFacts over an empty chart), with the
 * facts a situation names set as chart facts. Model results are given as numbers (the plan engine reads risks, it
 * does not compute them), so a row states "PCE 12 %" the way a guideline threshold is written.
 */
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { stalenessOf } from '../../src/chart/staleness.ts';
import { DRUG_CLASSES } from '../../src/chart/valueSets/medications.ts';
import type { CanonicalUnit, ChartFact, ChartFacts, FactKey, Cyp2c19Result, DrugAllergy, DrugUse, Quantity, Sex, Slco1b1Result, StatinUse } from '../../src/chart/types.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import type { ModelId, ScoreResult } from '../../src/risk/types.ts';
import type { PlanContext, SiteRuleConfig } from '../../src/plan/types.ts';
import { NOW, chart, daysAgo, patient } from '../chart/fixtures.ts';

export interface Situation {
  age?: number;
  sex?: Sex;
  ldl?: number;
  /** Days since the LDL-C was drawn (10 by default). */
  ldlDays?: number;
  hdl?: number;
  triglycerides?: number;
  sbp?: number;
  dbp?: number;
  homeSbp?: number;
  homeDbp?: number;
  hba1c?: number;
  egfr?: number;
  uacr?: number;
  potassium?: number;
  bmi?: number;
  weight?: number;
  activity?: number;
  auditC?: number;
  smoker?: boolean;
  diabetes?: boolean;
  hypertension?: boolean;
  ascvd?: boolean;
  heartFailure?: boolean;
  familyHistory?: boolean;
  pregnant?: boolean;
  /** Ingredients the patient takes (from the drug table); a statin may carry its daily dose as "atorvastatin 20". */
  drugs?: string[];
  allergies?: Pick<DrugAllergy, 'display' | 'type' | 'drugClass' | 'ingredient'>[];
  slco1b1?: Slco1b1Result['phenotype'];
  cyp2c19?: Cyp2c19Result['phenotype'];
  /** PCE 10-year ASCVD risk (fraction); absent = not applicable. */
  pce?: number;
  /** KFRE 4-variable 5-year risk (fraction). */
  kfre5y?: number;
  site?: SiteRuleConfig;
}

const src = (id: string) => [{ resourceType: 'Observation', id }];
function q<U extends CanonicalUnit>(key: FactKey, value: number, unit: U, days = 10): ChartFact<Quantity<U>> {
  const date = daysAgo(days).slice(0, 10);
  const staleness = stalenessOf(key, date, NOW);
  return { state: 'known', origin: 'chart', value: { value, unit }, date, ...(staleness ? { staleness } : {}), sources: src(`q-${value}`), rejected: [] };
}
function b<T>(value: T, display?: string): ChartFact<T> {
  return { state: 'known', origin: 'chart', value, sources: display ? [{ resourceType: 'Condition', id: `c-${display}`, value: display }] : [], rejected: [] };
}

/** Daily dose → intensity by the 2018 guideline's Table 3 (worked out here by hand for the doses the rows use). */
const INTENSITY: Record<string, StatinUse['intensity']> = {
  'atorvastatin 10': 'moderate', 'atorvastatin 20': 'moderate', 'atorvastatin 40': 'high', 'atorvastatin 80': 'high',
  'rosuvastatin 10': 'moderate', 'rosuvastatin 20': 'high', 'simvastatin 20': 'moderate', 'simvastatin 40': 'moderate',
};

function drugUse(ingredient: string): DrugUse {
  const cls = DRUG_CLASSES.find((c) => c.ingredients.some((i) => i.name === ingredient));
  if (!cls) throw new Error(`unknown ingredient ${ingredient}`);
  return { drugClass: cls.key, ingredient, matchedBy: 'code' };
}

export function factsOf(s: Situation): ChartFacts {
  const birthYear = NOW.getUTCFullYear() - (s.age ?? 55); // born 1 January: the age is whole on NOW (15 June)
  const base = buildFacts(chart({ patient: patient(s.sex ?? 'male', `${birthYear}-01-01`) }), NOW);
  const f: ChartFacts = { ...base };
  const set = <K extends keyof ChartFacts>(k: K, v: ChartFacts[K] | undefined) => {
    if (v) f[k] = v;
  };
  set('ldl', s.ldl !== undefined ? q('ldl', s.ldl, 'mg/dL', s.ldlDays) : undefined);
  set('hdl', s.hdl !== undefined ? q('hdl', s.hdl, 'mg/dL') : undefined);
  set('triglycerides', s.triglycerides !== undefined ? q('triglycerides', s.triglycerides, 'mg/dL') : undefined);
  set('systolicBP', s.sbp !== undefined ? q('systolicBP', s.sbp, 'mm[Hg]') : undefined);
  set('diastolicBP', s.dbp !== undefined ? q('diastolicBP', s.dbp, 'mm[Hg]') : undefined);
  set('homeSystolicBP', s.homeSbp !== undefined ? { ...q('homeSystolicBP', s.homeSbp, 'mm[Hg]'), summary12Months: { mean: s.homeSbp, count: 14, complete: true } } : undefined);
  set('homeDiastolicBP', s.homeDbp !== undefined ? { ...q('homeDiastolicBP', s.homeDbp, 'mm[Hg]'), summary12Months: { mean: s.homeDbp, count: 14, complete: true } } : undefined);
  set('hba1c', s.hba1c !== undefined ? q('hba1c', s.hba1c, '%') : undefined);
  set('egfr', s.egfr !== undefined ? q('egfr', s.egfr, 'mL/min/{1.73_m2}') : undefined);
  set('uacr', s.uacr !== undefined ? q('uacr', s.uacr, 'mg/g') : undefined);
  set('potassium', s.potassium !== undefined ? q('potassium', s.potassium, 'mmol/L') : undefined);
  set('bmi', s.bmi !== undefined ? q('bmi', s.bmi, 'kg/m2') : undefined);
  set('weight', s.weight !== undefined ? q('weight', s.weight, 'kg') : undefined);
  set('physicalActivity', s.activity !== undefined ? q('physicalActivity', s.activity, 'min/wk') : undefined);
  set('alcoholAuditC', s.auditC !== undefined ? q('alcoholAuditC', s.auditC, '{score}') : undefined);
  f.smoker = b(s.smoker ?? false);
  f.smokingStatus = b(s.smoker ? 'current' : 'never');
  f.diabetes = b(s.diabetes ?? false, s.diabetes ? 'Diabetes mellitus type 2' : undefined);
  f.hypertension = b(s.hypertension ?? false, s.hypertension ? 'Hypertension' : undefined);
  f.ascvd = b(s.ascvd ?? false, s.ascvd ? 'Myocardial infarction' : undefined);
  f.heartFailure = b(s.heartFailure ?? false);
  f.familyHistoryPrematureAscvd = b(s.familyHistory ?? false);
  f.familialHypercholesterolaemia = b(false);
  if (s.pregnant !== undefined) f.pregnant = b(s.pregnant);
  const entries = (s.drugs ?? []).map((d) => d.split(' ') as [string, string?]);
  const uses = entries.map(([name]) => drugUse(name));
  f.drugs = b(uses);
  const statin = entries.find(([name]) => drugUse(name).drugClass === 'statin');
  const statinUse: StatinUse | null = statin
    ? { ingredient: statin[0], ...(statin[1] ? { doseMg: Number(statin[1]), doseBasis: 'daily-dose' as const, intensity: INTENSITY[statin.join(' ')] } : {}) }
    : null;
  f.statin = b(statinUse);
  f.onStatin = b(statinUse !== null);
  f.onBPTreatment = b(uses.some((u) => DRUG_CLASSES.find((c) => c.key === u.drugClass)?.antihypertensive === true));
  const allergies: DrugAllergy[] = (s.allergies ?? []).map((a, i) => ({ ...a, source: { resourceType: 'AllergyIntolerance', id: `al-${i}`, date: '2024-04-09' } }));
  f.drugAllergies = b(allergies);
  f.statinIntolerance = b(allergies.some((a) => a.drugClass === 'statin'));
  if (s.slco1b1) f.slco1b1 = b({ phenotype: s.slco1b1 });
  if (s.cyp2c19) f.cyp2c19 = b({ phenotype: s.cyp2c19 });
  return f;
}

const applicable = (model: ModelId, risks: ScoreResult['risks']): ScoreResult => ({ model, applicable: true, reason: '', variant: 'test', risks });

export function contextOf(s: Situation): PlanContext {
  const facts = factsOf(s);
  const results: Partial<Record<ModelId, ScoreResult>> = {
    ...(s.pce !== undefined ? { pce: applicable('pce', { ascvd_10y: s.pce }) } : {}),
    ...(s.kfre5y !== undefined ? { kfre4: applicable('kfre4', { kidney_failure_5y: s.kfre5y }) } : {}),
  };
  return { facts, inputs: chartInputs(facts, { kfreRegion: 'north-america' }), results, now: NOW, ...(s.site ? { site: s.site } : {}) };
}
