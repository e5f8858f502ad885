/**
 * PCE at the precision of the ACC/AHA Pooled Cohort Equations spreadsheet (the constants the ACC/AHA ASCVD Risk
 * Estimator Plus computes with). Every constant below is typed in from the research notes
 * (shared/reference/risk-models.md §1.1 Goff 2013 Table A, §1.2 spreadsheet precision, the latter from Cerner
 * ascvd-risk-calculator app/load_fhir_data.js computeTenYearScore), not read from models/pce/coefficients.json,
 * so a wrong number in that file fails here even though test/risk/reference.ts would follow it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskEngine } from '../../src/risk/engine.ts';
import { nodeEngine, pp } from './engine.ts';
import { pceRisk, type RefPce } from './reference.ts';

interface Equation {
  // Table A term order: ln age, ln age², ln TC, ln age·ln TC, ln HDL, ln age·ln HDL, ln treated SBP,
  // ln age·ln treated SBP, ln untreated SBP, ln age·ln untreated SBP, smoker, ln age·smoker, diabetes.
  beta: readonly number[];
  mean: number;
  s10: number;
}
type Group = 'white-female' | 'african-american-female' | 'white-male' | 'african-american-male';

/** §1.1: Goff 2013 Appendix Table A coefficients (3 dp) for white women, white men and African-American men. */
const WF_BETA = [-29.799, 4.884, 13.54, -3.114, -13.578, 3.149, 2.019, 0, 1.957, 0, 7.574, -1.665, 0.661];
const WM_BETA = [12.344, 0, 11.853, -2.664, -7.99, 1.769, 1.797, 0, 1.764, 0, 7.837, -1.795, 0.658];
const AAM_BETA = [2.469, 0, 0.302, 0, -0.307, 0, 1.916, 0, 1.809, 0, 0.549, 0, 0.645];

/** §1.2: spreadsheet precision — means 4 dp, S10 5 dp, African-American-women coefficients 4 dp. */
const SPREADSHEET: Record<Group, Equation> = {
  'white-female': { beta: WF_BETA, mean: -29.1817, s10: 0.96652 },
  'african-american-female': {
    beta: [17.1141, 0, 0.9396, 0, -18.9196, 4.4748, 29.2907, -6.4321, 27.8197, -6.0873, 0.6908, 0, 0.8738],
    mean: 86.6081,
    s10: 0.95334,
  },
  'white-male': { beta: WM_BETA, mean: 61.1816, s10: 0.91436 },
  'african-american-male': { beta: AAM_BETA, mean: 19.5425, s10: 0.89536 },
};

/** §1.1: the same equations as printed in Goff 2013 Table A (means 2 dp, S10 4 dp, all coefficients 3 dp). */
const TABLE_A: Record<Group, Equation> = {
  'white-female': { beta: WF_BETA, mean: -29.18, s10: 0.9665 },
  'african-american-female': {
    beta: [17.114, 0, 0.94, 0, -18.92, 4.475, 29.291, -6.432, 27.82, -6.087, 0.691, 0, 0.874],
    mean: 86.61,
    s10: 0.9533,
  },
  'white-male': { beta: WM_BETA, mean: 61.18, s10: 0.9144 },
  'african-american-male': { beta: AAM_BETA, mean: 19.54, s10: 0.8954 },
};

const ln = Math.log;

function groupOf(p: RefPce): Group {
  return `${p.race === 'black' ? 'african-american' : 'white'}-${p.sex}`;
}

/** 1 − S10^exp(Σβx − mean), float64, from an equation typed in above. */
function risk10(eq: Equation, p: Omit<RefPce, 'sex' | 'race'>): number {
  const la = ln(p.age), lt = ln(p.totalCholesterol), lh = ln(p.hdl), ls = ln(p.systolicBP);
  const tx = p.onBPTreatment ? 1 : 0, smk = p.smoker ? 1 : 0;
  const x = [la, la * la, lt, la * lt, lh, la * lh, tx * ls, tx * la * ls, (1 - tx) * ls, (1 - tx) * la * ls, smk, la * smk, p.diabetes ? 1 : 0];
  const sum = eq.beta.reduce((s, b, i) => s + b * x[i]!, 0);
  return 1 - eq.s10 ** Math.exp(sum - eq.mean);
}

let engine: RiskEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});

async function tailorPce(p: RefPce): Promise<number> {
  const [r] = await engine.score([{ model: 'pce', inputs: p }]);
  if (!r?.applicable || r.risks.ascvd_10y === undefined) throw new Error(`not applicable: ${r?.reason}`);
  return r.risks.ascvd_10y;
}

describe('PCE at spreadsheet precision: cases worked out by hand', () => {
  // Each expected value is the equation written out term by term with the §1.2 constants; the comment gives
  // the individual sum and the one-decimal risk the ACC/AHA estimator shows. Only non-zero terms are written.
  const cases: { label: string; p: RefPce; hand: number; shown: number }[] = [
    {
      label: 'white woman 62, TC 230, HDL 45, treated SBP 150, smoker, no diabetes',
      p: { age: 62, sex: 'female', race: 'white', totalCholesterol: 230, hdl: 45, systolicBP: 150, onBPTreatment: true, smoker: true, diabetes: false },
      // sum = −27.4475; sum − mean = 1.7342
      hand: 1 - 0.96652 ** Math.exp(
        -29.799 * ln(62) + 4.884 * ln(62) ** 2 + 13.54 * ln(230) - 3.114 * ln(62) * ln(230) - 13.578 * ln(45) + 3.149 * ln(62) * ln(45)
        + 2.019 * ln(150) + 7.574 - 1.665 * ln(62) + 29.1817),
      shown: 17.5,
    },
    {
      label: 'white man 58, TC 210, HDL 38, untreated SBP 145, smoker, diabetes',
      p: { age: 58, sex: 'male', race: 'white', totalCholesterol: 210, hdl: 38, systolicBP: 145, onBPTreatment: false, smoker: true, diabetes: true },
      // sum = 62.7113; sum − mean = 1.5297
      hand: 1 - 0.91436 ** Math.exp(
        12.344 * ln(58) + 11.853 * ln(210) - 2.664 * ln(58) * ln(210) - 7.99 * ln(38) + 1.769 * ln(58) * ln(38)
        + 1.764 * ln(145) + 7.837 - 1.795 * ln(58) + 0.658 - 61.1816),
      shown: 33.9,
    },
    {
      label: 'African-American man 66, TC 190, HDL 48, treated SBP 165, non-smoker, diabetes',
      p: { age: 66, sex: 'male', race: 'black', totalCholesterol: 190, hdl: 48, systolicBP: 165, onBPTreatment: true, smoker: false, diabetes: true },
      // sum = 21.1684; sum − mean = 1.6259
      hand: 1 - 0.89536 ** Math.exp(2.469 * ln(66) + 0.302 * ln(190) - 0.307 * ln(48) + 1.916 * ln(165) + 0.645 - 19.5425),
      shown: 43.0,
    },
    {
      // At the 20 % line: Table A constants give 19.996 % (shown 20.0 %, "high"); the estimator shows 19.9 %.
      label: 'African-American woman 40, TC 180, HDL 55, treated SBP 160, smoker, diabetes',
      p: { age: 40, sex: 'female', race: 'black', totalCholesterol: 180, hdl: 55, systolicBP: 160, onBPTreatment: true, smoker: true, diabetes: true },
      // sum = 88.1432; sum − mean = 1.5351
      hand: 1 - 0.95334 ** Math.exp(
        17.1141 * ln(40) + 0.9396 * ln(180) - 18.9196 * ln(55) + 4.4748 * ln(40) * ln(55)
        + 29.2907 * ln(160) - 6.4321 * ln(40) * ln(160) + 0.6908 + 0.8738 - 86.6081),
      shown: 19.9,
    },
    {
      label: 'African-American woman 60, TC 240, HDL 40, treated SBP 180, smoker, diabetes',
      p: { age: 60, sex: 'female', race: 'black', totalCholesterol: 240, hdl: 40, systolicBP: 180, onBPTreatment: true, smoker: true, diabetes: true },
      // sum = 89.9261; sum − mean = 3.3180
      hand: 1 - 0.95334 ** Math.exp(
        17.1141 * ln(60) + 0.9396 * ln(240) - 18.9196 * ln(40) + 4.4748 * ln(60) * ln(40)
        + 29.2907 * ln(180) - 6.4321 * ln(60) * ln(180) + 0.6908 + 0.8738 - 86.6081),
      shown: 73.3,
    },
    {
      label: 'African-American woman 52, TC 200, HDL 60, treated SBP 200, smoker, diabetes',
      p: { age: 52, sex: 'female', race: 'black', totalCholesterol: 200, hdl: 60, systolicBP: 200, onBPTreatment: true, smoker: true, diabetes: true },
      // sum = 89.6295; sum − mean = 3.0214
      hand: 1 - 0.95334 ** Math.exp(
        17.1141 * ln(52) + 0.9396 * ln(200) - 18.9196 * ln(60) + 4.4748 * ln(52) * ln(60)
        + 29.2907 * ln(200) - 6.4321 * ln(52) * ln(200) + 0.6908 + 0.8738 - 86.6081),
      shown: 62.5,
    },
  ];

  for (const { label, p, hand, shown } of cases) {
    it(`${label}: ${shown} %`, async () => {
      expect(Math.round(hand * 1000) / 10).toBe(shown); // the hand arithmetic gives the number the estimator shows
      expect(risk10(SPREADSHEET[groupOf(p)], p)).toBeCloseTo(hand, 12);
      expect(pceRisk(p)).toBeCloseTo(hand, 12); // models/pce/coefficients.json holds these constants
      const tailor = await tailorPce(p);
      expect(pp(tailor, hand)).toBeLessThan(0.005); // float32 artifact
      expect(Math.round(tailor * 1000) / 10).toBe(shown);
    });
  }
});

describe('PCE artifact = spreadsheet constants typed in from §1.2, on varied patients', () => {
  it('200 deterministic patients per race–sex group agree within 0.005 pp', async () => {
    let seed = 11;
    const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const [group, race, sex] of [['white-female', 'white', 'female'], ['african-american-female', 'black', 'female'], ['white-male', 'white', 'male'], ['african-american-male', 'black', 'male']] as const) {
      const patients: RefPce[] = Array.from({ length: 200 }, () => ({
        age: 40 + Math.floor(next() * 40),
        sex,
        race,
        totalCholesterol: 130 + next() * 190,
        hdl: 20 + next() * 80,
        systolicBP: 90 + next() * 110,
        onBPTreatment: next() < 0.5,
        smoker: next() < 0.5,
        diabetes: next() < 0.5,
      }));
      const results = await engine.score(patients.map((inputs) => ({ model: 'pce' as const, inputs })));
      results.forEach((r, i) => {
        expect(pp(r.risks.ascvd_10y!, risk10(SPREADSHEET[group], patients[i]!)), `${group} #${i}`).toBeLessThan(0.005);
      });
    }
  });
});

describe('How far Goff 2013 Table A precision would differ (the figures stated in the README and the card)', () => {
  // Grid over the valid ranges: age 40–79 by 1, TC 130–320 by 10, HDL 20–100 by 5, SBP 90–200 by 5, treated or
  // not, smoker or not, diabetes or not (2,502,400 profiles per group).
  const axis = (from: number, to: number, step: number): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  const shown = (r: number): number => Math.round(r * 1000) / 10;
  // 2018 ACC/AHA cholesterol guideline bands, on the shown value: < 5, 5–< 7.5, 7.5–< 20, ≥ 20 %.
  const band = (percent: number): number => [5, 7.5, 20].filter((t) => percent >= t).length;

  function compare(group: Group): { maxPp: number; shownChanged: number; bandChanged: number; count: number } {
    let maxPp = 0, shownChanged = 0, bandChanged = 0, count = 0;
    for (const age of axis(40, 79, 1)) for (const totalCholesterol of axis(130, 320, 10)) for (const hdl of axis(20, 100, 5)) {
      for (const systolicBP of axis(90, 200, 5)) for (const onBPTreatment of [false, true]) for (const smoker of [false, true]) for (const diabetes of [false, true]) {
        const p = { age, totalCholesterol, hdl, systolicBP, onBPTreatment, smoker, diabetes };
        const a = risk10(TABLE_A[group], p), s = risk10(SPREADSHEET[group], p);
        maxPp = Math.max(maxPp, pp(a, s));
        if (shown(a) !== shown(s)) shownChanged += 1;
        if (band(shown(a)) !== band(shown(s))) bandChanged += 1;
        count += 1;
      }
    }
    return { maxPp, shownChanged, bandChanged, count };
  }

  // [group, largest difference in pp, % of profiles whose shown one-decimal risk changes, % whose category changes]
  const stated: [Group, number, number, number][] = [
    ['white-female', 0.04, 15.1, 0.082],
    ['african-american-female', 0.425, 77.3, 0.503],
    ['white-male', 0.041, 20.4, 0.076],
    ['african-american-male', 0.077, 40.3, 0.165],
  ];
  for (const [group, maxPp, shownPercent, bandPercent] of stated) {
    it(`${group}: at most ${maxPp} pp; shown risk changes for ${shownPercent} %, category for ${bandPercent} % of the grid`, () => {
      const r = compare(group);
      expect(r.count).toBe(2_502_400);
      expect(r.maxPp).toBeCloseTo(maxPp, 3);
      expect((r.shownChanged / r.count) * 100).toBeCloseTo(shownPercent, 1);
      expect((r.bandChanged / r.count) * 100).toBeCloseTo(bandPercent, 3);
    });
  }

  it('Table A constants do not round to two printed Goff supplement figures (age 55, TC 213, HDL 50, SBP 120, diabetes)', () => {
    const p = { age: 55, totalCholesterol: 213, hdl: 50, systolicBP: 120, onBPTreatment: false, smoker: false, diabetes: true };
    expect(shown(risk10(TABLE_A['african-american-female'], p))).toBe(7.1); // printed 7.0
    expect(shown(risk10(SPREADSHEET['african-american-female'], p))).toBe(7.0);
    expect(shown(risk10(TABLE_A['african-american-male'], p))).toBe(11.3); // printed 11.2
    expect(shown(risk10(SPREADSHEET['african-american-male'], p))).toBe(11.2);
  });

  it('high-risk African-American woman (60, TC 240, HDL 40, treated SBP 180, smoker, diabetes): 73.49 % with Table A, 73.26 % at spreadsheet precision', () => {
    const p = { age: 60, totalCholesterol: 240, hdl: 40, systolicBP: 180, onBPTreatment: true, smoker: true, diabetes: true };
    expect(risk10(TABLE_A['african-american-female'], p) * 100).toBeCloseTo(73.49, 2);
    expect(risk10(SPREADSHEET['african-american-female'], p) * 100).toBeCloseTo(73.26, 2);
  });
});
