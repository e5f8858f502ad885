import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { valueSetsWith, parseSiteCodes } from '../../src/chart/siteCodes.ts';
import { allergy, chart, daysAgo, NOW } from './fixtures.ts';

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SCT = 'http://snomed.info/sct';
const status = (system: 'clinical' | 'verification', code: string) => ({
  coding: [{ system: `http://terminology.hl7.org/CodeSystem/allergyintolerance-${system === 'clinical' ? 'clinical' : 'verification'}`, code }],
});
const allergies = (...records: ReturnType<typeof allergy>[]) => buildFacts(chart({ allergies: records }), NOW).drugAllergies;

describe('drug allergies and intolerances (AllergyIntolerance)', () => {
  it('maps an RxNorm ingredient to its class, and SNOMED CT class substances to the class alone', () => {
    const lisinopril = allergy(RX, '29046', { type: 'allergy', criticality: 'high', code: { coding: [{ system: RX, code: '29046', display: 'lisinopril' }], text: 'Lisinopril' } });
    const arbClass = allergy(SCT, '372913009', { type: 'intolerance' });
    const aceClass = allergy(SCT, '372733002', { type: 'allergy', criticality: 'low' });
    const statins = allergy(SCT, '372912004', { type: 'intolerance' });
    const f = allergies(lisinopril, arbClass, aceClass, statins);
    expect(f.state).toBe('known');
    expect(f.state === 'known' && f.value.map(({ source, ...rest }) => rest)).toEqual([
      { display: 'Lisinopril', type: 'allergy', drugClass: 'aceInhibitor', ingredient: 'lisinopril', criticality: 'high' },
      { display: '372913009', type: 'intolerance', drugClass: 'arb' },
      { display: '372733002', type: 'allergy', drugClass: 'aceInhibitor', criticality: 'low' },
      { display: '372912004', type: 'intolerance', drugClass: 'statin' },
    ]);
    expect(f.state === 'known' && f.value[0]?.source).toMatchObject({ resourceType: 'AllergyIntolerance', id: lisinopril.id, code: `${RX}|29046` });
  });

  it('keeps medication allergies Tailor cannot map (shown, rule out nothing) and leaves out food allergies', () => {
    const penicillin = allergy(SCT, '764146007', { category: ['medication'], type: 'allergy', code: { coding: [{ system: SCT, code: '764146007' }], text: 'Penicillin' } });
    const amoxicillin = allergy(RX, '723', { type: 'allergy' });
    const peanut = allergy(SCT, '256349002', { category: ['food'], type: 'allergy' });
    const f = allergies(penicillin, amoxicillin, peanut);
    expect(f.state === 'known' && f.value.map((a) => [a.display, a.drugClass, a.ingredient])).toEqual([['Penicillin', undefined, undefined], ['723', undefined, undefined]]);
  });

  it('rejects refuted, entered-in-error, resolved and inactive records, with the reason', () => {
    const f = allergies(
      allergy(RX, '29046', { verificationStatus: status('verification', 'refuted') }),
      allergy(RX, '29046', { verificationStatus: status('verification', 'entered-in-error') }),
      allergy(RX, '29046', { clinicalStatus: status('clinical', 'resolved') }),
      allergy(RX, '29046', { clinicalStatus: status('clinical', 'inactive') }),
      allergy(RX, '29046', { recordedDate: '2099-01-01' }),
    );
    expect(f).toMatchObject({ state: 'known', value: [] });
    expect(f.rejected.map((r) => r.reason)).toEqual([
      'verification status "refuted"', 'verification status "entered-in-error"', 'clinical status "resolved"', 'clinical status "inactive"', 'date 2099-01-01 is in the future',
    ]);
  });

  it('a record without a type is taken as an allergy (the stricter reading) and the note says so', () => {
    const f = allergies(allergy(RX, '29046', { code: { coding: [{ system: RX, code: '29046' }], text: 'Lisinopril' }, recordedDate: daysAgo(10) }));
    expect(f).toMatchObject({ state: 'known', value: [{ type: 'allergy', drugClass: 'aceInhibitor' }], note: 'type not recorded, taken as allergy: Lisinopril' });
  });

  it('is unknown when allergies did not load, and an empty list when they loaded and there are none', () => {
    const notLoaded = buildFacts(chart({ loaded: { patient: true, conditions: true, medications: true, allergies: false, familyHistory: true } }), NOW).drugAllergies;
    expect(notLoaded).toMatchObject({ state: 'unknown', reason: 'allergies are not loaded' });
    expect(allergies()).toMatchObject({ state: 'known', value: [], sources: [] });
  });

  it('reads a site product code as its ingredient and class', () => {
    const site = valueSetsWith(parseSiteCodes({ drugs: { ramipril: [{ system: 'urn:local:formulary', code: 'RAM-5' }] } }).codes);
    const f = buildFacts(chart({ allergies: [allergy('urn:local:formulary', 'RAM-5', { type: 'allergy' })] }), NOW, site).drugAllergies;
    expect(f).toMatchObject({ state: 'known', value: [{ drugClass: 'aceInhibitor', ingredient: 'ramipril' }] });
  });

  it('leaves statinIntolerance as it was', () => {
    const f = buildFacts(chart({ allergies: [allergy(SCT, '372912004', { type: 'intolerance' })] }), NOW);
    expect(f.statinIntolerance).toMatchObject({ state: 'known', value: true });
  });
});
