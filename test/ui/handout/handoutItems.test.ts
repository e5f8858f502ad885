/** Plain headings, the benefit in whole people, and the risk events, worked by hand. */
import { describe, expect, it } from 'vitest';
import type { Activity, Suggestion } from '../../../src/plan/types.ts';
import { benefitSentence, handoutItem, plainGoal, plainRiskEvent, plainTitle, wholePeople } from '../../../src/ui/handout/handoutItems.ts';
import { iconKinds } from '../../../src/ui/handout/IconArray.tsx';

const activity = (kind: Activity['kind']): Activity => ({ kind, action: 'start', code: { system: 's', code: 'c', display: 'd' } });

describe('plain headings', () => {
  it.each([
    ['cholesterol', 'medication', undefined, 'Lower your cholesterol'],
    ['blood-pressure', 'medication', undefined, 'Lower your blood pressure'],
    ['blood-pressure', 'procedure', undefined, 'Check your blood pressure at home'],
    ['smoking', 'counselling', undefined, 'Stop smoking'],
    ['smoking', 'medication', undefined, 'Medicine to help you stop smoking'],
    ['kidney', 'referral', undefined, 'See a kidney doctor'],
    ['kidney', 'medication', undefined, 'Protect your kidneys'],
    ['lifestyle', 'counselling', 'activity', 'Move more'],
    ['lifestyle', 'counselling', 'weight', 'Lose some weight'],
    ['lifestyle', 'counselling', undefined, 'Eat for your heart'],
    ['repeat-test', 'lab-test', undefined, 'A test we need'],
  ] as const)('%s / %s / goal %s → %s', (topic, kind, goal, title) => {
    expect(plainTitle({ topic, activity: activity(kind), ...(goal ? { goal: { kind: goal, text: '' } } : {}) })).toBe(title);
  });
});

describe('benefit and risk in words', () => {
  it('rounds to whole people: 3.4 % → 3, 0.4 % → fewer than 1, 12.5 % → 13', () => {
    expect(benefitSentence(0.034, 10)).toBe('Out of 100 people like you, this could keep about 3 from having a heart attack or stroke in the next 10 years.');
    expect(benefitSentence(0.004, 10)).toContain('keep fewer than 1 from');
    expect([wholePeople(0.125), wholePeople(0.124), wholePeople(1.2), wholePeople(-0.01)]).toEqual([13, 12, 100, 0]);
  });

  it('names each model outcome and its horizon', () => {
    expect(plainRiskEvent('ascvd_10y')).toBe('have a heart attack or stroke in the next 10 years');
    expect(plainRiskEvent('cvd_30y')).toBe('have a heart attack, a stroke or heart failure in the next 30 years');
    expect(plainRiskEvent('kidney_failure_5y')).toBe('have kidney failure and need dialysis or a new kidney in the next 5 years');
  });

  it('an item takes the physician edit over the engine text, and a why only with a benefit', () => {
    const suggestion: Pick<Suggestion, 'topic' | 'activity' | 'patientText'> = { topic: 'smoking', activity: activity('counselling'), patientText: 'Engine text.' };
    expect(handoutItem(suggestion, { years: 10 })).toEqual({ title: 'Stop smoking', patientText: 'Engine text.' });
    expect(handoutItem({ ...suggestion, benefit: { therapy: 'stop-smoking', absoluteReduction: 0.051, numberNeededToTreat: 20, label: '' } }, { patientText: 'Edited.', years: 10 }))
      .toEqual({ title: 'Stop smoking', patientText: 'Edited.', why: 'Out of 100 people like you, this could keep about 5 from having a heart attack or stroke in the next 10 years.' });
  });
});

describe('icon kinds', () => {
  it('solid first, then striped, then outline; never more than 100', () => {
    const count = (k: string, list: string[]) => list.filter((x) => x === k).length;
    const a = iconKinds(12, 4);
    expect([a.length, count('event', a), count('spared', a), count('none', a), a[11], a[12], a[15], a[16]]).toEqual([100, 12, 4, 84, 'event', 'spared', 'spared', 'none']);
    const b = iconKinds(98, 5);
    expect([count('event', b), count('spared', b), count('none', b)]).toEqual([98, 2, 0]);
  });
});

describe('plainGoal', () => {
  it.each([
    ['ldl', 'LDL-C < 70 mg/dL', 'Bring your "bad" cholesterol under 70.'],
    ['ldl', 'LDL-C ≥ 50 % lower and < 70 mg/dL (ADA 2025)', 'Bring your "bad" cholesterol under 70.'],
    ['ldl-reduction', 'LDL-C ≥ 50 % lower than before treatment', 'Cut your "bad" cholesterol at least in half.'],
    ['ldl-reduction', 'LDL-C 30–49 % lower than before treatment', 'Lower your "bad" cholesterol.'],
    ['bp', 'BP < 130/80 mmHg', 'Keep your blood pressure under 130 over 80.'],
    ['bp', 'BP < 140 mmHg systolic', 'Keep your blood pressure under 140.'],
    ['hba1c', 'HbA1c < 7 %', 'Keep your long-term blood sugar test under 7.'],
    ['activity', '≥ 150 min/week of moderate activity', 'Be active at least 150 minutes a week, like a brisk walk.'],
    ['weight', 'lose ≥ 5 % of body weight (about 5 kg)', 'Lose about 5 kilograms.'],
    ['alcohol', 'AUDIT-C below the screening cut-off', 'Drink less alcohol.'],
    ['bp', 'as discussed', 'Keep your blood pressure down.'],
  ] as const)('%s "%s" → %s', (kind, text, plain) => {
    expect(plainGoal(kind, text)).toBe(plain);
  });
});
