import { describe, expect, it } from 'vitest';
import siteFile from '../../config/site-codes.json';
import { parseSiteCodes, valueSetsWith } from '../../src/chart/siteCodes.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { chart, condition, medRequest, NOW } from './fixtures.ts';

describe('site codes file', () => {
  it('the shipped config/site-codes.json is valid', () => {
    expect(parseSiteCodes(siteFile).errors).toEqual([]);
  });

  it('reports unknown sections, unknown concepts and malformed codes', () => {
    const { errors, codes } = parseSiteCodes({
      labs: {},
      observations: { cholesterol: [], hdl: [{ system: 'urn:x', code: '' }, { system: 'urn:x', code: 'HDL' }] },
      drugs: { notadrug: [] },
    });
    expect(errors).toEqual([
      'site codes: unknown section "labs"',
      'site codes: "observations.cholesterol" is not a known concept',
      'site codes: "observations.hdl[0]" needs non-empty "system" and "code" strings',
      'site codes: "drugs.notadrug" is not a known concept',
    ]);
    expect(codes.observations.hdl).toEqual([{ system: 'urn:x', code: 'HDL' }]);
  });

  it('local condition and drug codes are read and marked as site codes', () => {
    const { codes } = parseSiteCodes({
      conditions: { diabetes: [{ system: 'urn:local:dx', code: 'DM2' }] },
      drugs: { atorvastatin: [{ system: 'urn:local:formulary', code: 'ATOR40' }] },
    });
    const vs = valueSetsWith(codes);
    const mr = medRequest('ignored', 'ignored', { medicationCodeableConcept: { coding: [{ system: 'urn:local:formulary', code: 'ATOR40' }] } });
    const facts = buildFacts(chart({ conditions: [condition('urn:local:dx', 'DM2')], medicationRequests: [mr] }), NOW, vs);
    expect(facts.diabetes).toMatchObject({ state: 'known', value: true, sources: [{ siteCode: true }] });
    expect(facts.onStatin).toMatchObject({ state: 'known', value: true, sources: [{ siteCode: true }] });
    expect(vs.drugCodes.find((d) => d.ref.code === 'ATOR40')).toMatchObject({ classKey: 'statin', ingredient: 'atorvastatin', ref: { site: true } });
  });
});
