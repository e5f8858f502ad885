import { describe, expect, it } from 'vitest';
import type { Observation } from 'fhir/r4';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import { planTrajectory } from '../../src/risk/trajectory.ts';
import { buildSandboxResources, listPatients } from '../../sandbox/data/index.ts';
import { NOW, bpPanel, chart, coded, condition, medRequest, obs, patient, sandboxChart, ucum } from '../chart/fixtures.ts';

const SCT = 'http://snomed.info/sct';
const site = { kfreRegion: 'north-america' } as const;
const at = (iso: string) => ({ effectiveDateTime: `${iso}T09:00:00Z` });
const on = <T extends Observation>(o: T, iso: string): T => ({ ...o, ...at(iso) });

/**
 * A man born 1966-03-01; today is 2026-06-15 (NOW). BP every 1 May 2020–2026 (150, 145, … 130), eGFR 90 on
 * 2020-05-01 and 85 on 2024-05-01, lipids 2021-03-10 (TC 220, HDL 45) and 2024-03-10 (TC 190, HDL 50), current
 * smoker recorded 2020-05-01, former 2023-05-01. No diagnoses, no drugs, no race recorded.
 */
function handChart(extra: Partial<ChartData> = {}): ChartData {
  const sbp = [150, 145, 140, 138, 135, 132, 130];
  return chart({
    patient: patient('male', '1966-03-01'),
    observations: [
      ...sbp.map((v, i) => on(bpPanel(v, 85), `${2020 + i}-05-01`)),
      obs('98979-8', ucum(90, 'mL/min/{1.73_m2}'), at('2020-05-01')),
      obs('98979-8', ucum(85, 'mL/min/{1.73_m2}'), at('2024-05-01')),
      obs('2093-3', ucum(220, 'mg/dL'), at('2021-03-10')),
      obs('2085-9', ucum(45, 'mg/dL'), at('2021-03-10')),
      obs('2093-3', ucum(190, 'mg/dL'), at('2024-03-10')),
      obs('2085-9', ucum(50, 'mg/dL'), at('2024-03-10')),
      on(coded('72166-2', SCT, '449868002'), '2020-05-01'),
      on(coded('72166-2', SCT, '8517006'), '2023-05-01'),
    ],
    ...extra,
  });
}

const base = { region: 'north-america', sex: 'male', onBPTreatment: false, onStatin: false, diabetes: false, priorASCVD: false } as const;

describe('planTrajectory on a hand-built chart', () => {
  const plan = planTrajectory(handChart(), NOW, site);

  it('plans today, yearly anniversaries back to the oldest result, and each lipid and smoking change', () => {
    expect(plan.points.map((p) => [p.date, p.why])).toEqual([
      ['2020-05-01', 'smoking status: current'],
      ['2020-06-15', 'yearly'],
      ['2021-03-10', 'new lipid result'],
      ['2021-06-15', 'yearly'],
      ['2022-06-15', 'yearly'],
      ['2023-05-01', 'smoking status: former'],
      ['2023-06-15', 'yearly'],
      ['2024-03-10', 'new lipid result'],
      ['2024-06-15', 'yearly'],
      ['2025-06-15', 'yearly'],
      ['2026-06-15', 'today'],
    ]);
    expect(plan.historyFrom).toBe('2020-05-01');
    expect(plan.complete).toBe(true);
  });

  it('takes the values known at each date, with the age then', () => {
    const inputs = Object.fromEntries(plan.points.map((p) => [p.date, p.inputs]));
    expect(inputs['2020-06-15']).toEqual({ ...base, age: 54, systolicBP: 150, egfr: 90, smoker: true });
    expect(inputs['2021-03-10']).toEqual({ ...base, age: 55, systolicBP: 150, egfr: 90, smoker: true, totalCholesterol: 220, hdl: 45 });
    expect(inputs['2023-05-01']).toEqual({ ...base, age: 57, systolicBP: 138, egfr: 90, smoker: false, totalCholesterol: 220, hdl: 45 });
    expect(inputs['2024-06-15']).toEqual({ ...base, age: 58, systolicBP: 135, egfr: 85, smoker: false, totalCholesterol: 190, hdl: 50 });
    expect(inputs['2026-06-15']).toEqual({ ...base, age: 60, systolicBP: 130, egfr: 85, smoker: false, totalCholesterol: 190, hdl: 50 });
  });

  it('names missing and stale inputs in words instead of carrying them forward', () => {
    const gaps = Object.fromEntries(plan.points.map((p) => [p.date, p.gaps]));
    expect(gaps['2020-05-01']).toEqual(['no Total cholesterol result', 'no HDL cholesterol result']);
    expect(gaps['2021-06-15']).toEqual([]);
    // eGFR is stale after 730 days (staleness.ts): 2020-05-01 → 2022-06-15 is 775 days = 2.1 years.
    expect(gaps['2022-06-15']).toEqual(['eGFR 2.1 years old']);
    expect(gaps['2023-05-01']).toEqual(['eGFR 3.0 years old']); // 1095 days
    expect(gaps['2023-06-15']).toEqual(['eGFR 3.1 years old']); // 1140 days
    expect(gaps['2024-03-10']).toEqual(['eGFR 3.9 years old']); // 1409 days
    expect(gaps['2024-06-15']).toEqual([]);
    // Today: eGFR 2024-05-01 → 775 days; smoking status (stale after 1096 days) 2023-05-01 → 1141 days.
    expect(gaps['2026-06-15']).toEqual(['smoking status 3.1 years old', 'eGFR 2.1 years old']);
  });

  it('says the history is incomplete when the page cap cut older results', () => {
    expect(planTrajectory(handChart({ completeSince: { 'vital-signs': '2021-05-01T09:00:00Z' } }), NOW, site).complete).toBe(false);
  });

  it('keeps today and spreads the other points under the cap, yearly and clinical changes before lipid results', () => {
    // Eight yearly and smoking dates compete for three places: ranks 0, 4 (3.5 rounded) and 7.
    expect(planTrajectory(handChart(), NOW, { ...site, maxPoints: 4 }).points.map((p) => p.date)).toEqual(['2020-05-01', '2023-05-01', '2025-06-15', '2026-06-15']);
    expect(planTrajectory(handChart(), NOW, { ...site, maxPoints: 1 }).points.map((p) => p.date)).toEqual(['2026-06-15']);
    expect(planTrajectory(handChart(), NOW, { ...site, maxPoints: 10 }).points.map((p) => p.date)).not.toContain('2021-03-10');
  });

  it('plans only today when no Observation is loaded', () => {
    const plan = planTrajectory(chart({ patient: patient('male', '1966-03-01') }), NOW, site);
    expect(plan.points.map((p) => p.date)).toEqual(['2026-06-15']);
    expect(plan.historyFrom).toBeUndefined();
  });
});

describe('what a past point takes on trust', () => {
  it('counts a statin stopped today (no stop date) as taken at earlier dates, and says so', () => {
    const stopped = medRequest('36567', 'simvastatin 20 MG Oral Tablet', { status: 'stopped', authoredOn: '2022-01-10' });
    const plan = planTrajectory(handChart({ medicationRequests: [stopped] }), NOW, site);
    const byDate = Object.fromEntries(plan.points.map((p) => [p.date, p]));
    expect(byDate['2021-06-15']?.inputs.onStatin).toBe(false);
    expect(byDate['2022-01-10']?.why).toBe('simvastatin started; statin assumed still taken then (simvastatin stopped since, stop date not recorded)');
    expect(byDate['2024-06-15']?.inputs.onStatin).toBe(true);
    expect(byDate['2026-06-15']).toMatchObject({ why: 'today', inputs: { onStatin: false } });
  });

  it('keeps an undated diagnosis at every date and says so; a dated one from its onset', () => {
    const undated = planTrajectory(handChart({ conditions: [condition(SCT, '44054006')] }), NOW, site).points;
    expect(undated[0]?.inputs.diabetes).toBe(true);
    expect(undated[0]?.why).toBe('smoking status: current; diabetes from an undated diagnosis, assumed present then');
    const dated = planTrajectory(handChart({ conditions: [condition(SCT, '44054006', { onset: '2023-09-01' })] }), NOW, site).points;
    const byDate = Object.fromEntries(dated.map((p) => [p.date, p]));
    expect(byDate['2023-06-15']?.inputs.diabetes).toBe(false);
    expect(byDate['2023-09-01']?.why).toMatch(/^diabetes diagnosis/);
    expect(byDate['2024-06-15']?.inputs.diabetes).toBe(true);
  });
});

describe('planTrajectory on the sandbox charts', () => {
  const resources = buildSandboxResources(NOW);

  /** The chart as recorded by `cutoff`, cut here independently of chartHistory.ts (every Observation dated by then). */
  function recordedBy(c: ChartData, cutoff: number): ChartData {
    const dated = (date: unknown) => typeof date !== 'string' || Date.parse(date) <= cutoff;
    const byDate = <T,>(list: readonly T[], date: (r: T) => unknown) => list.filter((r) => dated(date(r)));
    type R = { effectiveDateTime?: string; onsetDateTime?: string; recordedDate?: string; authoredOn?: string; status?: string };
    return {
      ...c,
      observations: c.observations.filter((o) => typeof (o as R).effectiveDateTime === 'string' && Date.parse((o as R).effectiveDateTime as string) <= cutoff),
      conditions: byDate(c.conditions, (r) => (r as R).onsetDateTime ?? (r as R).recordedDate),
      medicationRequests: byDate(c.medicationRequests, (r) => (r as R).authoredOn).map((r) => ((r as R).status === 'stopped' || (r as R).status === 'completed' ? { ...(r as object), status: 'active' } : r)),
      allergies: byDate(c.allergies, (r) => (r as R).recordedDate ?? (r as R).onsetDateTime),
    };
  }

  it.each(listPatients().map((p) => p.id))('%s: every point has the inputs a full rebuild from the records of its date gives', (id) => {
    const c = sandboxChart(resources, id);
    const plan = planTrajectory(c, NOW, site);
    for (const point of plan.points) {
      const today = point.date === '2026-06-15';
      const cutoff = Date.parse(`${point.date}T23:59:59.999Z`);
      const expected = today ? chartInputs(buildFacts(c, NOW), site) : chartInputs(buildFacts(recordedBy(c, cutoff), new Date(cutoff)), site);
      const stale = Object.values(expected.provenance).filter((p) => p.staleness?.level === 'stale' && ['bmi', 'hba1c', 'uacr'].includes(p.input)).map((p) => p.input);
      const { inputs } = expected;
      for (const input of stale) delete inputs[input];
      expect({ date: point.date, inputs: point.inputs }).toEqual({ date: point.date, inputs });
    }
  });

  it('heavy chart: at most 64 points, today last, a point every year of its ten years', () => {
    const plan = planTrajectory(sandboxChart(resources, 'heavy-chart'), NOW, site);
    expect(plan.points.length).toBeLessThanOrEqual(64);
    expect(plan.points.at(-1)).toMatchObject({ date: '2026-06-15', why: 'today' });
    for (let year = 2017; year <= 2025; year++) expect(plan.points.some((p) => p.date === `${year}-06-15`)).toBe(true);
    expect(plan.points.map((p) => p.date)).toEqual([...plan.points.map((p) => p.date)].sort());
    expect(plan.points.some((p) => p.why.includes('atorvastatin started'))).toBe(true);
  });
});
