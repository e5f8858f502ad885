import { describe, expect, it } from 'vitest';
import siteFile from '../../config/plan-rules.json';
import { suggestPlan } from '../../src/plan/engine.ts';
import { parsePlanRules } from '../../src/plan/siteConfig.ts';
import { contextOf } from './situation.ts';

describe('site rule file (config/plan-rules.json)', () => {
  it('the shipped file is valid', () => expect(parsePlanRules(siteFile).errors).toEqual([]));

  it('reports every problem and keeps only valid overrides', () => {
    const { config, errors } = parsePlanRules({
      rules: {
        'no-such-rule': { enabled: false },
        'ckd-referral-kfre': { params: { kfre5y: 0.2 } },
        'aspirin-primary-prevention': { params: { cutoff: 0.1 } },
        'lifestyle-diet': { enabled: 'no', colour: 'red' },
        'smoking-counselling': { patientText: 'Please stop smoking. We can help.' },
      },
      extra: {},
    });
    expect(errors).toEqual([
      'plan rules: unknown section "extra"',
      'plan rules: "no-such-rule" is not a rule id',
      'plan rules: "ckd-referral-kfre.params.kfre5y" = 0.2 is outside 0.03–0.05 (5-year KFRE risk from which referral is suggested (KDIGO: 3–5 %))',
      'plan rules: "aspirin-primary-prevention.params.cutoff" is not a parameter of this rule (has minRisk)',
      'plan rules: "lifestyle-diet.colour" is not a known field (enabled, physicianText, patientText, params)',
      'plan rules: "lifestyle-diet.enabled" must be true or false',
    ]);
    expect(Object.keys(config.rules)).toEqual(['smoking-counselling']);
  });

  it('applies a site text with the patient numbers and returns config errors of a config built in code', () => {
    const plan = suggestPlan(contextOf({ age: 50, ldl: 214, site: { rules: { 'statin-ldl-190': { physicianText: 'Local pathway: {triggers}.' }, bogus: { enabled: false } } } }));
    expect(plan.suggestions.find((s) => s.id === 'statin-ldl-190')?.physicianText).toBe('Local pathway: LDL-C 214 mg/dL (2026-06-05); age 50.');
    expect(plan.configErrors).toEqual(['plan rules: "bogus" is not a rule id']);
  });
});
