import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { valueSetsWith, NO_SITE_CODES } from '../../src/chart/siteCodes.ts';
import { bpPanel, chart, daysAgo, NOW, obs, ucum } from './fixtures.ts';

const facts = (observations: unknown[]) => buildFacts(chart({ observations }), NOW);

describe('latest valid value per concept', () => {
  it('takes the newest final result and keeps its date and source', () => {
    const older = obs('2093-3', ucum(240, 'mg/dL'), { days: 400 });
    const newer = obs('2093-3', ucum(180, 'mg/dL'), { days: 30 });
    const f = facts([older, newer]).totalCholesterol;
    expect(f.state).toBe('known');
    if (f.state !== 'known') return;
    expect(f.value).toEqual({ value: 180, unit: 'mg/dL' });
    expect(f.date).toBe(daysAgo(30));
    expect(f.sources).toEqual([expect.objectContaining({ resourceType: 'Observation', id: newer.id, value: '180', unit: 'mg/dL', code: 'http://loinc.org|2093-3' })]);
  });

  it('reads SI results and converts them (cholesterol in mmol/L under the moles LOINC)', () => {
    const f = facts([obs('14647-2', ucum(5.2, 'mmol/L'))]).totalCholesterol;
    expect(f.state === 'known' && f.value.value).toBeCloseTo(201.1, 1);
  });

  it.each([
    ['entered-in-error', { status: 'entered-in-error' as const }, 'status "entered-in-error" is not a final result'],
    ['preliminary', { status: 'preliminary' as const }, 'status "preliminary" is not a final result'],
    ['dataAbsentReason', { dataAbsentReason: { text: 'not performed' } }, 'value absent (dataAbsentReason)'],
  ])('never uses an %s result: the older valid one wins', (_, patch, reason) => {
    const valid = obs('2085-9', ucum(45, 'mg/dL'), { days: 200 });
    const bad = obs('2085-9', ucum(90, 'mg/dL'), { days: 5, ...patch });
    const f = facts([bad, valid]).hdl;
    expect(f.state === 'known' && f.value.value).toBe(45);
    expect(f.rejected).toEqual([expect.objectContaining({ reason })]);
  });

  it('rejects values with a comparator, no unit, an unconvertible unit, an implausible value or a future date', () => {
    const f = facts([
      obs('2089-1', { value: 50, comparator: '<', unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' }),
      obs('2089-1', { value: 120 }),
      obs('2089-1', ucum(3, 'mmol/kg/s')),
      obs('2089-1', ucum(5000, 'mg/dL')),
      obs('2089-1', ucum(100, 'mg/dL'), { days: -30 }),
    ]).ldl;
    expect(f.state).toBe('unknown');
    expect(f.rejected.map((r) => r.reason)).toEqual([
      'value has comparator "<", not a measured point value',
      'no unit',
      expect.stringContaining('cannot be converted to mg/dL'),
      '5000 mg/dL is outside the plausible range 1–900',
      expect.stringContaining('is in the future'),
    ]);
  });

  it('treats a duplicate resource id (e.g. repeated across pages) once', () => {
    const a = obs('2093-3', ucum(200, 'mg/dL'), { days: 10 });
    const f = facts([a, { ...a }]).totalCholesterol;
    expect(f.sources).toHaveLength(1);
  });
});

describe('blood pressure', () => {
  it('reads systolic/diastolic from an R4 85354-9 panel when there are no standalone readings', () => {
    const f = facts([bpPanel(138, 86, 20)]);
    expect(f.systolicBP.state === 'known' && f.systolicBP.value).toEqual({ value: 138, unit: 'mm[Hg]' });
    expect(f.diastolicBP.state === 'known' && f.diastolicBP.value).toEqual({ value: 86, unit: 'mm[Hg]' });
  });

  it('reads the DSTU2-era 55284-4 panel too', () => {
    const f = facts([bpPanel(150, 95, 20, '55284-4')]);
    expect(f.systolicBP.state === 'known' && f.systolicBP.value.value).toBe(150);
  });

  it('gives the 12-month mean and count, ignoring older readings and same-time duplicates', () => {
    const standalone = obs('8480-6', ucum(140, 'mm[Hg]', 'mmHg'), { days: 20 });
    const f = facts([bpPanel(140, 80, 20), standalone, bpPanel(120, 70, 100), bpPanel(130, 75, 200), bpPanel(180, 100, 500)]).systolicBP;
    expect(f.state === 'known' && f.origin === 'chart' && f.summary12Months).toEqual({ mean: 130, count: 3, complete: true });
  });

  it('says the 12-month mean is incomplete when the vitals search was cut off inside the window', () => {
    const observations = [bpPanel(140, 80, 20), bpPanel(120, 70, 100)];
    const cut = buildFacts({ ...chart({ observations }), completeSince: { 'vital-signs': daysAgo(100) } }, NOW).systolicBP;
    expect(cut.state === 'known' && cut.origin === 'chart' && cut.summary12Months).toEqual({ mean: 130, count: 2, complete: false });
    const covered = buildFacts({ ...chart({ observations }), completeSince: { 'vital-signs': daysAgo(400) } }, NOW).systolicBP;
    expect(covered.state === 'known' && covered.origin === 'chart' && covered.summary12Months && covered.summary12Months.complete).toBe(true);
  });

  it('ignores a panel component with a dataAbsentReason', () => {
    const panel = bpPanel(140, 80, 5);
    panel.component![0] = { code: panel.component![0]!.code, dataAbsentReason: { text: 'error' } };
    const f = facts([panel, bpPanel(125, 79, 50)]).systolicBP;
    expect(f.state === 'known' && f.value.value).toBe(125);
    expect(f.rejected[0]?.reason).toBe('component value absent (dataAbsentReason)');
  });
});

describe('staleness', () => {
  it.each([
    [100, 'fresh'],
    [800, 'old'],
    [2000, 'stale'],
  ])('a lipid %i days old is %s (fresh ≤ 365, old ≤ 1826 days)', (days, level) => {
    const f = facts([obs('2093-3', ucum(200, 'mg/dL'), { days })]).totalCholesterol;
    expect(f.state === 'known' && f.staleness).toEqual({ level, ageDays: days, freshDays: 365, oldDays: 1826 });
  });

  it('uses the tighter HbA1c thresholds (fresh ≤ 183, old ≤ 365 days)', () => {
    const f = facts([obs('4548-4', ucum(7.1, '%'), { days: 200 })]).hba1c;
    expect(f.state === 'known' && f.staleness?.level).toBe('old');
  });
});

describe('site codes', () => {
  it('reads a local lab code once the site adds it', () => {
    const local = obs('CHOL-LOCAL', ucum(210, 'mg/dL'), { system: 'urn:oid:1.2.3.4' });
    expect(buildFacts(chart({ observations: [local] }), NOW).totalCholesterol.state).toBe('unknown');
    const vs = valueSetsWith({ ...NO_SITE_CODES, observations: { totalCholesterol: [{ system: 'urn:oid:1.2.3.4', code: 'CHOL-LOCAL' }] } });
    const f = buildFacts(chart({ observations: [local] }), NOW, vs).totalCholesterol;
    expect(f.state === 'known' && f.value.value).toBe(210);
    expect(f.sources[0]?.siteCode).toBe(true);
    expect(buildFacts(chart({ observations: [obs('2093-3', ucum(200, 'mg/dL'))] }), NOW, vs).totalCholesterol.sources[0]?.siteCode).toBeUndefined();
  });
});
