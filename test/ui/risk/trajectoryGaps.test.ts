import { describe, expect, it } from 'vitest';
import { groupGaps } from '../../../src/ui/risk/trajectoryGaps.ts';

describe('groupGaps', () => {
  it('groups dates by the same reasons, a stale input counting as one reason whatever its age, dates in order', () => {
    expect(
      groupGaps([
        { date: '2021-01-01', gaps: ['systolic BP 2.1 years old'] },
        { date: '2019-01-01', gaps: ['no HDL cholesterol result'] },
        { date: '2022-01-01', gaps: ['systolic BP 3.1 years old'] },
        { date: '2018-01-01', gaps: ['no HDL cholesterol result'] },
      ]),
    ).toEqual([
      { reasons: 'systolic BP stale', dates: ['2021-01-01', '2022-01-01'] },
      { reasons: 'no HDL cholesterol result', dates: ['2018-01-01', '2019-01-01'] },
    ]);
  });
});
