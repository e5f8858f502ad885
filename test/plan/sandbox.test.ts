/**
 * The engine over every sandbox patient, the whole way the app runs it (chart → facts → inputs → TF.js scores →
 * therapy impact → plan), with expectations checked by hand against each patient's definition in
 * sandbox/data/patients.ts and the guideline thresholds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listPatients } from '../../sandbox/data/index.ts';
import type { RiskEngine } from '../../src/risk/engine.ts';
import type { PlanSuggestions } from '../../src/plan/types.ts';
import { nodeEngine } from '../risk/engine.ts';
import { planFor } from './sandboxRun.ts';

let engine: RiskEngine;
const plans = new Map<string, PlanSuggestions & { taking: string[] }>();
beforeAll(async () => {
  engine = await nodeEngine();
  for (const p of listPatients()) {
    const { plan, facts } = await planFor(engine, p.id);
    plans.set(p.id, { ...plan, taking: facts.drugs.state === 'known' ? facts.drugs.value.map((d) => d.ingredient) : [] });
  }
}, 120_000);

const planOf = (id: string) => {
  const p = plans.get(id);
  if (!p) throw new Error(`no plan for ${id}`);
  return p;
};
const suggestion = (id: string, ruleId: string) => planOf(id).suggestions.find((s) => s.id === ruleId);
const because = (id: string, ruleId: string) => planOf(id).notSuggested.find((n) => n.suggestion.id === ruleId)?.because;
const startedStatins = (id: string) => planOf(id).suggestions.filter((s) => s.activity.drugClass === 'statin' && s.activity.action !== 'avoid');

describe('plan for every sandbox patient', () => {
  it('never starts what the patient already takes, and cites every suggestion', () => {
    for (const [id, plan] of plans) {
      for (const s of plan.suggestions) {
        if (s.activity.action === 'start' || s.activity.action === 'add') expect(plan.taking, `${id}: ${s.id}`).not.toContain(s.activity.ingredient);
        expect(s.citation.guideline, `${id}: ${s.id}`).not.toBe('');
      }
    }
  });

  it('ldl-190 (LDL-C 214 mg/dL at 44): high-intensity statin, LDL-C quoted with its date', () => {
    const s = suggestion('ldl-190', 'statin-ldl-190');
    expect([s?.activity.intensity, s?.activity.ingredient, s?.activity.action]).toEqual(['high', 'atorvastatin', 'start']);
    expect(s?.triggers.join(' ')).toMatch(/LDL-C 214 mg\/dL \(\d{4}-\d{2}-\d{2}\)/);
  });

  it('ascvd-statin (atorvastatin 80 mg, LDL-C 70): no new statin; ezetimibe considered because LDL-C is 70', () => {
    expect(startedStatins('ascvd-statin')).toEqual([]);
    expect(because('ascvd-statin', 'statin-secondary-high')).toContain('already on atorvastatin 80 mg (high intensity)');
    const eze = suggestion('ascvd-statin', 'ezetimibe-very-high-risk');
    expect(eze?.activity.ingredient).toBe('ezetimibe');
    expect(eze?.triggers.join(' ')).toContain('LDL-C 70 mg/dL');
  });

  it('statin-intolerance: low-dose other statin and ezetimibe suggested, the standard statin listed as ruled out', () => {
    const re = suggestion('statin-intolerance', 'statin-intolerance-rechallenge');
    expect([re?.activity.action, re?.activity.intensity]).toEqual(['rechallenge', 'low']);
    expect(re?.activity.ingredient).not.toBe('simvastatin'); // the statin she stopped for muscle pain
    expect(suggestion('statin-intolerance', 'statin-intolerance-nonstatin')?.activity.ingredient).toBe('ezetimibe');
    expect(because('statin-intolerance', 'statin-diabetes-moderate')).toContain('intolerance to Statins');
  });

  it('slco1b1 (decreased function): no simvastatin, a statin within the CPIC dose limit, and simvastatin ≥ 20 mg to avoid', () => {
    const statins = startedStatins('slco1b1');
    expect(statins.map((s) => s.activity.ingredient)).not.toContain('simvastatin');
    expect(statins.map((s) => s.activity.dose)).toEqual(['10–20 mg once daily']); // atorvastatin moderate, under the 40 mg limit
    expect(suggestion('slco1b1', 'pgx-slco1b1-avoid-simvastatin')?.activity.action).toBe('avoid');
  });

  it('age-82: no aspirin, because over 70', () => {
    expect(suggestion('age-82', 'aspirin-primary-prevention')).toBeUndefined();
    expect(because('age-82', 'aspirin-primary-prevention')).toContain('age 82: over 70');
  });

  it('cyp2c19-poor (on clopidogrel after a stent): switch to ticagrelor', () => {
    expect([suggestion('cyp2c19-poor', 'pgx-cyp2c19-clopidogrel')?.activity.action, suggestion('cyp2c19-poor', 'pgx-cyp2c19-clopidogrel')?.activity.ingredient]).toEqual(['switch', 'ticagrelor']);
  });

  it('acei-angioedema (ACR 120 mg/g, lisinopril angioedema): ARB instead, the ACE inhibitor ruled out', () => {
    expect(suggestion('acei-angioedema', 'ckd-ras-a2')?.activity.ingredient).toBe('losartan');
    expect(because('acei-angioedema', 'ckd-ras-a2:lisinopril')).toContain('allergy to Lisinopril');
  });

  it('home-bp (office 142/89, home 128/80): BP drug ruled out by the home readings', () => {
    expect(planOf('home-bp').suggestions.filter((s) => s.topic === 'blood-pressure' && s.activity.kind === 'medication')).toEqual([]);
    expect(because('home-bp', 'bp-start-low-risk:chlorthalidone')).toContain('home BP 128/80 mmHg (mean of 14 readings');
  });

  it('stale-missing: repeat the lipid panel (HDL never recorded) and ask about smoking', () => {
    expect(suggestion('stale-missing', 'retest-lipids')?.triggers.join(' ')).toContain('HDL');
    expect(suggestion('stale-missing', 'retest-smoking')).toBeDefined();
  });

  it('smoker-diabetic: ordered by the therapy-impact ARR, largest first', () => {
    const arr = planOf('smoker-diabetic').suggestions.flatMap((s) => (s.benefit ? [s.benefit.absoluteReduction] : []));
    expect(arr.length).toBeGreaterThan(2);
    expect([...arr].sort((a, b) => b - a)).toEqual(arr);
  });
});
