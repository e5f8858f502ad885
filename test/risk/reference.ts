/**
 * Independent float64 reference implementation, written straight from the coefficient tables in
 * models/<id>/coefficients.json and the papers' term definitions. It shares no code with src/risk
 * (no encoder, no TF.js), so agreement between the two is evidence, not tautology.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const table = (id: string): any => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../models', id, 'coefficients.json'), 'utf8'));
const PCE = table('pce');
const PREVENT = table('prevent');
const KFRE: Record<string, any> = { kfre4: table('kfre4'), kfre8: table('kfre8') };

export interface RefPce {
  age: number; sex: 'female' | 'male'; race: 'white' | 'black' | 'other';
  totalCholesterol: number; hdl: number; systolicBP: number; onBPTreatment: boolean; smoker: boolean; diabetes: boolean;
}

/** Goff 2013 Table A: risk = 1 − S10^exp(Σβx − mean). */
export function pceLinear(p: RefPce): { lp: number; mean: number; s10: number } {
  const group = PCE.groups[`${p.race === 'black' ? 'african-american' : 'white'}-${p.sex}`];
  const c = group.coefficients;
  const la = Math.log(p.age), lt = Math.log(p.totalCholesterol), lh = Math.log(p.hdl), ls = Math.log(p.systolicBP);
  const smk = p.smoker ? 1 : 0;
  const sbpTerm = p.onBPTreatment
    ? c.ln_treated_sbp * ls + c.ln_age_x_ln_treated_sbp * la * ls
    : c.ln_untreated_sbp * ls + c.ln_age_x_ln_untreated_sbp * la * ls;
  const lp = c.ln_age * la + c.ln_age_sq * la * la + c.ln_tc * lt + c.ln_age_x_ln_tc * la * lt + c.ln_hdl * lh + c.ln_age_x_ln_hdl * la * lh
    + sbpTerm + c.smoker * smk + c.ln_age_x_smoker * la * smk + c.diabetes * (p.diabetes ? 1 : 0);
  return { lp, mean: group.mean, s10: group.baselineSurvival10y };
}
export function pceRisk(p: RefPce): number {
  const { lp, mean, s10 } = pceLinear(p);
  return 1 - s10 ** Math.exp(lp - mean);
}

export interface RefPrevent {
  age: number; sex: 'female' | 'male'; totalCholesterol: number; hdl: number; systolicBP: number;
  onBPTreatment: boolean; onStatin: boolean; smoker: boolean; diabetes: boolean; bmi: number; egfr: number;
  uacr?: number; hba1c?: number;
}
export type PreventOutcome = 'cvd' | 'ascvd' | 'hf';

/** Khan 2024: model type chosen by which add-ons exist; logistic with the supplement's term definitions. */
export function preventLogit(p: RefPrevent, outcome: PreventOutcome, horizon: 10 | 30): number {
  const variant = p.uacr !== undefined && p.hba1c !== undefined ? 'full' : p.uacr !== undefined ? 'uacr' : p.hba1c !== undefined ? 'hba1c' : 'base';
  const t = PREVENT.tables.find((x: any) => x.variant === variant && x.horizonYears === horizon);
  const c: Record<string, number> = t.coefficients[p.sex][outcome];
  const mmol = 0.02586;
  const a = (p.age - 55) / 10;
  const nh = (p.totalCholesterol - p.hdl) * mmol - 3.5;
  const h = (p.hdl * mmol - 1.3) / 0.3;
  const sLo = (Math.min(p.systolicBP, 110) - 110) / 20;
  const sHi = (Math.max(p.systolicBP, 110) - 130) / 20;
  const bLo = (Math.min(p.bmi, 30) - 25) / 5;
  const bHi = (Math.max(p.bmi, 30) - 30) / 5;
  const eLo = (Math.min(p.egfr, 60) - 60) / -15;
  const eHi = (Math.max(p.egfr, 60) - 90) / -15;
  const dm = p.diabetes ? 1 : 0, smk = p.smoker ? 1 : 0, tx = p.onBPTreatment ? 1 : 0, st = p.onStatin ? 1 : 0;
  const x: Record<string, number> = {
    age: a, age_sq: a * a, non_hdl: nh, hdl: h, sbp_lt110: sLo, sbp_ge110: sHi, diabetes: dm, smoker: smk,
    bmi_lt30: bLo, bmi_ge30: bHi, egfr_lt60: eLo, egfr_ge60: eHi, bp_treated: tx, statin: st,
    treated_sbp_ge110: tx * sHi, statin_non_hdl: st * nh, age_x_non_hdl: a * nh, age_x_hdl: a * h, age_x_sbp_ge110: a * sHi,
    age_x_diabetes: a * dm, age_x_smoker: a * smk, age_x_bmi_ge30: a * bHi, age_x_egfr_lt60: a * eLo,
    ln_uacr: p.uacr === undefined ? 0 : Math.log(p.uacr), uacr_missing: p.uacr === undefined ? 1 : 0,
    hba1c_dm: p.hba1c === undefined ? 0 : (p.hba1c - 5.3) * dm, hba1c_no_dm: p.hba1c === undefined ? 0 : (p.hba1c - 5.3) * (1 - dm),
    hba1c_missing: p.hba1c === undefined ? 1 : 0,
    sdi_4_6: 0, sdi_7_10: 0, sdi_missing: 1,
  };
  let logit = c.constant!;
  for (const [term, beta] of Object.entries(c)) if (term !== 'constant') logit += beta * x[term]!;
  return logit;
}
export function preventRisk(p: RefPrevent, outcome: PreventOutcome, horizon: 10 | 30): number {
  return 1 / (1 + Math.exp(-preventLogit(p, outcome, horizon)));
}

export interface RefKfre {
  age: number; sex: 'female' | 'male'; egfr: number; uacr: number;
  albumin?: number; phosphate?: number; bicarbonate?: number; calcium?: number;
}
/** Tangri 2011/2016: risk = 1 − S0^exp(Σβ(x − centre)). */
export function kfreCentredLp(id: 'kfre4' | 'kfre8', p: RefKfre): number {
  const k = KFRE[id];
  const x: Record<string, number> = {
    age_per_10y: p.age / 10, male: p.sex === 'male' ? 1 : 0, egfr_per_5: p.egfr / 5, ln_uacr: Math.log(p.uacr),
    albumin: p.albumin ?? NaN, phosphate: p.phosphate ?? NaN, bicarbonate: p.bicarbonate ?? NaN, calcium: p.calcium ?? NaN,
  };
  return Object.entries(k.coefficients as Record<string, number>).reduce((s, [term, b]) => s + b * (x[term]! - k.centres[term]), 0);
}
export function kfreRisk(id: 'kfre4' | 'kfre8', p: RefKfre, region: 'north-america' | 'other', years: 2 | 5): number {
  return 1 - KFRE[id].baselineSurvival[region][String(years)] ** Math.exp(kfreCentredLp(id, p));
}
