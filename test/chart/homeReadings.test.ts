import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { isOutOfOffice } from '../../src/chart/homeReadings.ts';
import { bpPanel, chart, NOW, obs, ucum } from './fixtures.ts';

const byPatient = { performer: [{ reference: 'Patient/p1' }] };
const home = (systolic: number, diastolic: number, days: number, extra: Partial<Observation> = byPatient): Observation => ({ ...bpPanel(systolic, diastolic, days), ...extra });
const facts = (...observations: Observation[]) => buildFacts(chart({ observations }), NOW);

describe('home and device blood pressure', () => {
  it('counts as out of office when the patient or a related person performed it, or a device took it', () => {
    expect(isOutOfOffice(home(120, 80, 1))).toBe(true);
    expect(isOutOfOffice(home(120, 80, 1, { performer: [{ reference: 'RelatedPerson/rp1' }] }))).toBe(true);
    expect(isOutOfOffice(home(120, 80, 1, { performer: [{ type: 'Patient', display: 'self' }] }))).toBe(true);
    expect(isOutOfOffice(home(120, 80, 1, { device: { reference: 'Device/omron' } }))).toBe(true);
    expect(isOutOfOffice(home(120, 80, 1, { performer: [{ reference: 'Practitioner/dr' }] }))).toBe(false);
    expect(isOutOfOffice(bpPanel(120, 80, 1))).toBe(false);
  });

  it('keeps home readings out of the office BP the risk models use, and gives them their own facts with a 12-month mean', () => {
    // Office 142 and 144; home 126, 130, 128 (mean 384 / 3 = 128) and diastolic 80, 82, 78 (mean 80).
    const f = facts(bpPanel(142, 88, 20), bpPanel(144, 90, 50), home(126, 80, 1), home(130, 82, 2), home(128, 78, 3));
    expect(f.systolicBP).toMatchObject({ state: 'known', value: { value: 142, unit: 'mm[Hg]' }, summary12Months: { mean: 143, count: 2, complete: true } });
    expect(f.diastolicBP).toMatchObject({ state: 'known', value: { value: 88 } });
    expect(f.homeSystolicBP).toMatchObject({ state: 'known', value: { value: 126, unit: 'mm[Hg]' }, summary12Months: { mean: 128, count: 3, complete: true } });
    expect(f.homeDiastolicBP).toMatchObject({ state: 'known', value: { value: 80 }, summary12Months: { mean: 80, count: 3 } });
  });

  it('reads stand-alone readings and the 96607-7 average panel of self-measured BP (components 96608-5/96609-3)', () => {
    const single = obs('8480-6', ucum(131, 'mm[Hg]'), { days: 4, ...byPatient });
    const average: Observation = {
      ...obs('96607-7', undefined, { days: 2, device: { display: 'home monitor' } }),
      component: [
        { code: { coding: [{ system: 'http://loinc.org', code: '96608-5' }] }, valueQuantity: ucum(127, 'mm[Hg]') },
        { code: { coding: [{ system: 'http://loinc.org', code: '96609-3' }] }, valueQuantity: ucum(79, 'mm[Hg]') },
      ],
    };
    const f = facts(single, average);
    expect(f.homeSystolicBP).toMatchObject({ state: 'known', value: { value: 127 }, summary12Months: { mean: 129, count: 2 } });
    expect(f.homeDiastolicBP).toMatchObject({ state: 'known', value: { value: 79 } });
    expect(f.systolicBP).toMatchObject({ state: 'unknown', reason: 'no Systolic blood pressure result' });
  });

  it('an office average (96607-7 without patient or device) is neither home nor office BP', () => {
    const officeAverage: Observation = {
      ...obs('96607-7', undefined, { days: 2 }),
      component: [{ code: { coding: [{ system: 'http://loinc.org', code: '96608-5' }] }, valueQuantity: ucum(127, 'mm[Hg]') }],
    };
    expect(facts(officeAverage)).toMatchObject({ systolicBP: { state: 'unknown' }, homeSystolicBP: { state: 'unknown' } });
  });

  it('leaves home BP unknown, not zero, when there are only office readings', () => {
    expect(facts(bpPanel(138, 84, 10)).homeSystolicBP).toMatchObject({ state: 'unknown', reason: 'no Home systolic BP result' });
  });
});
