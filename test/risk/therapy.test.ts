import { describe, expect, it } from 'vitest';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import type { ChartFacts } from '../../src/chart/types.ts';
import { optimalInputs, therapyImpact } from '../../src/risk/therapy.ts';
import type { RiskInputs } from '../../src/risk/types.ts';
import type { TherapyImpact, TherapyOption } from '../../src/risk/viewModel.ts';
import { ALL_LOADED, NOW, allergy, bpPanel, chart, coded, condition, medRequest, obs, patient, ucum } from '../chart/fixtures.ts';

const SNOMED = 'http://snomed.info/sct';
const CURRENT_SMOKER = coded('72166-2', SNOMED, '449868002');
const NEVER_SMOKER = coded('72166-2', SNOMED, '266919005');
const ldl = (mgdl: number) => obs('13457-7', ucum(mgdl, 'mg/dL'));
const rx = {
  atorvastatin20: medRequest('83367', 'atorvastatin 20 MG Oral Tablet'),
  atorvastatin40: medRequest('83367', 'atorvastatin 40 MG Oral Tablet'),
  atorvastatinNoStrength: medRequest('83367', 'atorvastatin Oral Tablet'),
  simvastatin10: medRequest('36567', 'simvastatin 10 MG Oral Tablet'),
  aspirin81: medRequest('1191', 'aspirin 81 MG Oral Tablet'),
  warfarin5: medRequest('11289', 'warfarin sodium 5 MG Oral Tablet'),
  clopidogrel75: medRequest('32968', 'clopidogrel 75 MG Oral Tablet'),
};

/** A 55-year-old man (born 1971-03-01, NOW 2026-06-15) with LDL-C 160, SBP 150 and 140 in the last year, current smoker, no medications. */
function smokerChart(parts: Partial<ChartData> = {}): ChartData {
  return chart({
    patient: patient('male', '1971-03-01'),
    observations: [ldl(160), bpPanel(150, 90, 10), bpPanel(140, 85, 100), CURRENT_SMOKER],
    ...parts,
  });
}
const INPUTS: RiskInputs = { age: 55, sex: 'male', race: 'white', totalCholesterol: 240, hdl: 40, systolicBP: 150, onBPTreatment: false, smoker: true, diabetes: false };
const BASELINE: TherapyImpact['baseline'] = { model: 'pce', risk: 'ascvd_10y', value: 0.2, label: 'PCE 10-year ASCVD' };

const impactOf = (facts: ChartFacts, opts: { optimalRisk?: number; baseline?: number; inputs?: RiskInputs } = {}) =>
  therapyImpact({ facts, inputs: opts.inputs ?? INPUTS, baseline: { ...BASELINE, value: opts.baseline ?? BASELINE.value }, optimalRisk: opts.optimalRisk ?? 0.03 });
const option = (impact: TherapyImpact, id: TherapyOption['id']) => {
  const o = impact.options.find((x) => x.id === id);
  if (!o) throw new Error(`no option ${id}`);
  return o;
};
const projection = (impact: TherapyImpact, ...ids: TherapyOption['id'][]) => impact.projections.find((p) => p.therapies.join('+') === ids.join('+'));

describe('therapy impact: untreated current smoker (hand-computed)', () => {
  const impact = impactOf(buildFacts(smokerChart(), NOW));

  // Relative risks, worked out by hand (1 mmol/L = 1 / 0.02586 = 38.67 mg/dL):
  // moderate statin: 160 × 40 % = 64 mg/dL = 64 × 0.02586 = 1.65504 mmol/L → 0.75^1.65504 = 0.621186
  // high statin:     160 × 50 % = 80 mg/dL = 2.0688 mmol/L → 0.75^2.0688 = 0.551476
  // BP: 12-month mean (150 + 140) / 2 = 145 → 15 mmHg above 130 → 0.65^1.5 = 0.524047
  // stop smoking 0.73 (Million Hearts overall); aspirin 0.90 (age 55, no bleeding-risk drug)
  it('offers every therapy with its relative risk and the patient numbers', () => {
    expect(impact.options.map((o) => [o.id, o.status])).toEqual([
      ['statin-moderate', 'available'], ['statin-high', 'available'], ['bp-target', 'available'], ['stop-smoking', 'available'], ['aspirin', 'available'],
    ]);
    expect(option(impact, 'statin-moderate').relativeRisk).toBeCloseTo(0.621186, 6);
    expect(option(impact, 'statin-high').relativeRisk).toBeCloseTo(0.551476, 6);
    expect(option(impact, 'bp-target').relativeRisk).toBeCloseTo(0.524047, 6);
    expect(option(impact, 'stop-smoking').relativeRisk).toBe(0.73);
    expect(option(impact, 'aspirin').relativeRisk).toBe(0.9);
    expect(option(impact, 'statin-moderate').detail).toContain('LDL-C 160 mg/dL lowered by 40 % to 96 mg/dL');
    expect(option(impact, 'statin-high').detail).toContain('lowered by 50 % to 80 mg/dL');
    expect(option(impact, 'bp-target').detail).toContain('12-month mean 145 mmHg (2 readings)');
    for (const o of impact.options) expect(o.source).toMatch(/Million Hearts/);
  });

  // Singles on a baseline of 20 %: risk = 0.2 × RR, ARR = 0.2 − risk, NNT = ⌈1 / ARR⌉
  // moderate 0.124237 (ARR 0.075763, NNT 14); high 0.110295 (0.089705, 12); BP 0.104809 (0.095191, 11);
  // smoking 0.146 (0.054, 19); aspirin 0.18 (0.02, 50)
  it('projects each single therapy with ARR and NNT', () => {
    const singles = impact.projections.filter((p) => p.therapies.length === 1);
    expect(singles.map((p) => p.therapies[0])).toEqual(['statin-moderate', 'statin-high', 'bp-target', 'stop-smoking', 'aspirin']);
    const expected = [[0.124237, 0.075763, 14], [0.110295, 0.089705, 12], [0.104809, 0.095191, 11], [0.146, 0.054, 19], [0.18, 0.02, 50]] as const;
    singles.forEach((p, i) => {
      const [risk, arr, nnt] = expected[i]!;
      expect(p.risk).toBeCloseTo(risk, 6);
      expect(p.absoluteReduction).toBeCloseTo(arr, 6);
      expect(p.numberNeededToTreat).toBe(nnt);
      expect(p.floored).toBe(false);
    });
  });

  it('combines multiplicatively, never additively, and never pairs the two statins', () => {
    // moderate statin + BP: 0.2 × 0.621186 × 0.524047 = 0.065106 (adding the reductions would give 0.029046)
    const pair = projection(impact, 'statin-moderate', 'bp-target');
    expect(pair?.risk).toBeCloseTo(0.065106, 6);
    expect(pair?.numberNeededToTreat).toBe(8); // ⌈1 / 0.134894⌉
    // all four with high statin: 0.2 × 0.551476 × 0.524047 × 0.73 × 0.9 = 0.037975 → ARR 0.162025, NNT 7
    const all = projection(impact, 'statin-high', 'bp-target', 'stop-smoking', 'aspirin');
    expect(all?.risk).toBeCloseTo(0.037975, 6);
    expect(all?.numberNeededToTreat).toBe(7);
    expect(all?.floored).toBe(false);
    expect(impact.projections.some((p) => p.therapies.includes('statin-moderate') && p.therapies.includes('statin-high'))).toBe(false);
    // (no statin, moderate, high) × 2³ subsets of the other three, minus the empty set = 23
    expect(impact.projections).toHaveLength(23);
    const sizes = impact.projections.map((p) => p.therapies.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });

  it('states the aspirin bleeding harm on every projection with aspirin, and only there', () => {
    for (const p of impact.projections) {
      if (p.therapies.includes('aspirin')) expect(p.harm).toMatch(/major bleeding.*1\.54.*Million Hearts/);
      else expect(p.harm).toBeUndefined();
    }
  });
});

describe('therapy impact: the optimal-factor floor', () => {
  const facts = buildFacts(smokerChart(), NOW);

  it('raises a product below the optimal-factor risk to it and says so', () => {
    // all four with high statin: 0.037975 < 0.05 → 0.05, ARR 0.15, NNT ⌈6.67⌉ = 7
    const impact = impactOf(facts, { optimalRisk: 0.05 });
    const all = projection(impact, 'statin-high', 'bp-target', 'stop-smoking', 'aspirin');
    expect(all).toMatchObject({ risk: 0.05, floored: true, numberNeededToTreat: 7 });
    expect(all?.absoluteReduction).toBeCloseTo(0.15, 12);
    // moderate statin alone 0.124237 is above the floor
    expect(projection(impact, 'statin-moderate')?.floored).toBe(false);
  });

  it('never projects above the baseline when the baseline is already below the optimal-factor risk', () => {
    const impact = impactOf(facts, { baseline: 0.02, optimalRisk: 0.03 });
    for (const p of impact.projections) expect(p).toMatchObject({ risk: 0.02, absoluteReduction: 0, numberNeededToTreat: null, floored: true });
  });
});

describe('therapy impact: statin paths', () => {
  it('on a moderate-intensity statin: already, and intensification to high from the on-treatment LDL-C', () => {
    const facts = buildFacts(smokerChart({ observations: [ldl(120), bpPanel(150, 90, 10), CURRENT_SMOKER], medicationRequests: [rx.atorvastatin20] }), NOW);
    const impact = impactOf(facts);
    expect(option(impact, 'statin-moderate')).toMatchObject({ status: 'already', relativeRisk: 1 });
    expect(option(impact, 'statin-moderate').detail).toContain('atorvastatin 20 mg tablets (moderate intensity)');
    // untreated ≈ 120 / 0.6 = 200; high intensity → 100; further drop 20 mg/dL (one sixth) = 0.5172 mmol/L → 0.75^0.5172 = 0.861751
    const high = option(impact, 'statin-high');
    expect(high).toMatchObject({ status: 'available', label: 'Intensify to high-intensity statin' });
    expect(high.relativeRisk).toBeCloseTo(0.861751, 6);
    expect(high.detail).toContain('a further 17 % to 100 mg/dL');
    expect(projection(impact, 'statin-high')?.risk).toBeCloseTo(0.2 * 0.861751, 6);
  });

  it('on a low-intensity statin: intensification assumes the low statin lowered LDL-C by 30 %', () => {
    const facts = buildFacts(smokerChart({ observations: [ldl(120), CURRENT_SMOKER], medicationRequests: [rx.simvastatin10] }), NOW);
    const impact = impactOf(facts);
    expect(option(impact, 'statin-moderate').status).toBe('already');
    // untreated ≈ 120 / 0.7; × 0.5 → 85.71; drop 34.29 mg/dL (two sevenths) = 0.886629 mmol/L → 0.75^0.886629 = 0.774864
    expect(option(impact, 'statin-high').relativeRisk).toBeCloseTo(0.774864, 6);
  });

  it('on a high-intensity statin: both already', () => {
    const impact = impactOf(buildFacts(smokerChart({ medicationRequests: [rx.atorvastatin40] }), NOW));
    expect(impact.options.slice(0, 2).map((o) => o.status)).toEqual(['already', 'already']);
    expect(impact.projections.some((p) => p.therapies.some((t) => t.startsWith('statin')))).toBe(false);
  });

  it('on a statin of unknown intensity: no intensification is simulated', () => {
    const impact = impactOf(buildFacts(smokerChart({ medicationRequests: [rx.atorvastatinNoStrength] }), NOW));
    expect(option(impact, 'statin-moderate').status).toBe('already');
    expect(option(impact, 'statin-high')).toMatchObject({ status: 'not-applicable', relativeRisk: 1 });
    expect(option(impact, 'statin-high').detail).toMatch(/intensity unknown/);
  });

  it('LDL-C unknown: not applicable', () => {
    const impact = impactOf(buildFacts(smokerChart({ observations: [bpPanel(150, 90, 10), CURRENT_SMOKER] }), NOW));
    for (const id of ['statin-moderate', 'statin-high'] as const) {
      expect(option(impact, id).status).toBe('not-applicable');
      expect(option(impact, id).detail).toMatch(/^LDL-C unknown/);
    }
  });

  it('statin intolerance: not applicable with the reason', () => {
    const impact = impactOf(buildFacts(smokerChart({ allergies: [allergy(SNOMED, '372912004')] }), NOW));
    for (const id of ['statin-moderate', 'statin-high'] as const) expect(option(impact, id)).toMatchObject({ status: 'not-applicable', detail: expect.stringMatching(/statin intolerance/) });
  });

  it('medications not loaded: statin use and aspirin are not applicable', () => {
    const impact = impactOf(buildFacts(smokerChart({ loaded: { ...ALL_LOADED, medications: false } }), NOW));
    expect(option(impact, 'statin-moderate').detail).toMatch(/^statin use unknown/);
    expect(option(impact, 'aspirin')).toMatchObject({ status: 'not-applicable', detail: expect.stringMatching(/^medications not loaded/) });
  });
});

describe('therapy impact: BP, smoking and aspirin paths', () => {
  it('SBP at or below 130: already at target', () => {
    for (const sbp of [130, 124]) {
      const impact = impactOf(buildFacts(smokerChart({ observations: [ldl(160), bpPanel(sbp, 80, 10), CURRENT_SMOKER] }), NOW));
      expect(option(impact, 'bp-target')).toMatchObject({ status: 'not-applicable', relativeRisk: 1, detail: expect.stringMatching(/^already at target/) });
    }
  });

  it('no reading in the last 12 months: the latest SBP is used and named', () => {
    // 150 mmHg 400 days ago: 20 mmHg above target → 0.65^2 = 0.4225
    const impact = impactOf(buildFacts(smokerChart({ observations: [ldl(160), bpPanel(150, 90, 400), CURRENT_SMOKER] }), NOW));
    expect(option(impact, 'bp-target').relativeRisk).toBeCloseTo(0.4225, 10);
    expect(option(impact, 'bp-target').detail).toMatch(/latest 150 mmHg/);
  });

  it('SBP unknown: not applicable', () => {
    const impact = impactOf(buildFacts(smokerChart({ observations: [ldl(160), CURRENT_SMOKER] }), NOW));
    expect(option(impact, 'bp-target').detail).toMatch(/^systolic BP unknown/);
  });

  it('stop smoking only for current smokers', () => {
    const never = impactOf(buildFacts(smokerChart({ observations: [ldl(160), bpPanel(150, 90, 10), NEVER_SMOKER] }), NOW));
    expect(option(never, 'stop-smoking')).toMatchObject({ status: 'not-applicable', detail: 'not a current smoker' });
    const unknownStatus = impactOf(buildFacts(smokerChart({ observations: [ldl(160), bpPanel(150, 90, 10)] }), NOW));
    expect(option(unknownStatus, 'stop-smoking').detail).toMatch(/^smoking status unknown/);
  });

  it('aspirin: already taken, over 70, under 40, anticoagulant or other antiplatelet', () => {
    const on = impactOf(buildFacts(smokerChart({ medicationRequests: [rx.aspirin81] }), NOW));
    expect(option(on, 'aspirin').status).toBe('already');
    const old = impactOf(buildFacts(smokerChart({ patient: patient('male', '1954-01-01') }), NOW), { inputs: { ...INPUTS, age: 72 } });
    expect(option(old, 'aspirin').detail).toMatch(/^age 72: over 70/);
    const young = impactOf(buildFacts(smokerChart(), NOW), { inputs: { ...INPUTS, age: 35 } });
    expect(option(young, 'aspirin').status).toBe('not-applicable');
    for (const drug of [rx.warfarin5, rx.clopidogrel75]) {
      const bleeding = impactOf(buildFacts(smokerChart({ medicationRequests: [drug] }), NOW));
      expect(option(bleeding, 'aspirin')).toMatchObject({ status: 'not-applicable', detail: expect.stringMatching(/^increased bleeding risk/) });
    }
  });

  it('clinical ASCVD: every option not applicable, no projection', () => {
    const impact = impactOf(buildFacts(smokerChart({ conditions: [condition(SNOMED, '22298006')] }), NOW));
    expect(impact.options).toHaveLength(5);
    for (const o of impact.options) expect(o).toMatchObject({ status: 'not-applicable', detail: 'clinical ASCVD: these primary-prevention projections do not apply', relativeRisk: 1 });
    expect(impact.projections).toEqual([]);
  });
});

describe('optimalInputs', () => {
  it('keeps age, sex, race, eGFR, BMI and UACR; sets the ACC optimal factors; HbA1c to 5.3 only when known', () => {
    const inputs: RiskInputs = { ...INPUTS, diabetes: true, onBPTreatment: true, onStatin: true, egfr: 55, bmi: 33, uacr: 40, hba1c: 8.1, race: 'black' };
    expect(optimalInputs(inputs)).toStrictEqual({
      age: 55, sex: 'male', race: 'black', egfr: 55, bmi: 33, uacr: 40,
      totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: false, onStatin: false, hba1c: 5.3,
    });
  });

  it('never invents an unknown input', () => {
    // toStrictEqual: a key present with the value undefined would fail too
    expect(optimalInputs({ sex: 'female', smoker: true })).toStrictEqual({ sex: 'female', totalCholesterol: 170, hdl: 50, systolicBP: 110, onBPTreatment: false, smoker: false, diabetes: false, onStatin: false });
  });
});
