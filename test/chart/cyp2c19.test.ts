import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { chart, daysAgo, NOW } from './fixtures.ts';

const LOINC = 'http://loinc.org';
const geneComponent = (hgnc: string, symbol: string) => ({
  code: { coding: [{ system: LOINC, code: '48018-6' }] },
  valueCodeableConcept: { coding: [{ system: 'http://www.genenames.org/geneId', code: hgnc, display: symbol }] },
});

let seq = 0;
function result(code: string, text: string, opts: Partial<Observation> & { days?: number } = {}): Observation {
  const { days = 30, ...rest } = opts;
  return {
    resourceType: 'Observation', id: `pgx-${++seq}`, status: 'final', code: { coding: [{ system: LOINC, code }] },
    effectiveDateTime: daysAgo(days), valueCodeableConcept: { text }, ...rest,
  };
}
/** A genotype (84413-4) whose gene is given only by the gene-studied component, as the Genomics Reporting IG does. */
const genotype = (diplotype: string, hgnc = 'HGNC:2621', symbol = 'CYP2C19', days = 30) =>
  result('84413-4', diplotype, { days, component: [geneComponent(hgnc, symbol)] });
const cyp2c19 = (...observations: Observation[]) => buildFacts(chart({ observations }), NOW).cyp2c19;

describe('CYP2C19 (Genomics Reporting IG shapes, CPIC clopidogrel 2022 phenotypes)', () => {
  it('derives the phenotype from the diplotype when none is reported (CPIC 2022 diplotype table)', () => {
    // Allele functions (CPIC): *1 normal, *2/*3 no function, *17 increased.
    const cases: [string, string][] = [
      ['*1/*1', 'normal metabolizer'], ['*1/*17', 'rapid metabolizer'], ['*17/*17', 'ultrarapid metabolizer'],
      ['*1/*2', 'intermediate metabolizer'], ['*2/*17', 'intermediate metabolizer'],
      ['*2/*2', 'poor metabolizer'], ['*2/*3', 'poor metabolizer'],
      // *9 is decreased function ("likely" phenotypes) and *38 is not in the table: not guessed.
      ['*1/*9', 'indeterminate'], ['*1/*38', 'indeterminate'],
    ];
    for (const [diplotype, phenotype] of cases) {
      expect(cyp2c19(genotype(diplotype)), diplotype).toMatchObject({ state: 'known', value: { diplotype, phenotype } });
    }
  });

  it('takes the reported phenotype (79714-2 or 53040-2) over the one the diplotype gives, and combines same-day results', () => {
    const g = genotype('*1/*2');
    const reported = result('79714-2', 'Poor metabolizer', { derivedFrom: [{ reference: `Observation/${g.id}` }], code: { coding: [{ system: LOINC, code: '79714-2', display: 'CYP2C19 gene product metabolic activity interpretation' }] } });
    const f = cyp2c19(g, reported);
    expect(f).toMatchObject({ state: 'known', value: { diplotype: '*1/*2', phenotype: 'poor metabolizer' } });
    expect(f.sources.map((s) => s.id).sort()).toEqual([g.id, reported.id].sort());
    // The generic metabolizer-phenotype code, gene by component; the pre-2017 "extensive" name is the normal metabolizer.
    const generic = result('53040-2', 'Extensive metabolizer', { component: [geneComponent('HGNC:2621', 'CYP2C19')] });
    expect(cyp2c19(generic)).toEqual(expect.objectContaining({ state: 'known', value: { phenotype: 'normal metabolizer' } }));
  });

  it('reads a "likely" phenotype as the phenotype and says how it was reported', () => {
    const f = cyp2c19(result('53040-2', 'Likely poor metabolizer', { component: [geneComponent('HGNC:2621', 'CYP2C19')] }));
    expect(f).toMatchObject({ state: 'known', value: { phenotype: 'poor metabolizer' }, note: 'reported as "Likely poor metabolizer"' });
  });

  it('the newest result wins', () => {
    expect(cyp2c19(genotype('*2/*2', 'HGNC:2621', 'CYP2C19', 400), genotype('*1/*1', 'HGNC:2621', 'CYP2C19', 20))).toMatchObject({ value: { phenotype: 'normal metabolizer' } });
  });

  it('never reads another gene: CYP2C9 (HGNC:2623), or a 79716-7 result (CYP2C9 interpretation) naming no gene', () => {
    expect(cyp2c19(genotype('*2/*2', 'HGNC:2623', 'CYP2C9')).state).toBe('unknown');
    expect(cyp2c19(result('84413-4', 'CYP2C9 *2/*3')).state).toBe('unknown');
    expect(cyp2c19(result('79716-7', 'Poor metabolizer')).state).toBe('unknown');
    // And an SLCO1B1 result stays SLCO1B1.
    const slco = result('84413-4', 'SLCO1B1 *5/*5');
    expect(buildFacts(chart({ observations: [slco] }), NOW)).toMatchObject({ cyp2c19: { state: 'unknown' }, slco1b1: { state: 'known', value: { phenotype: 'poor function' } } });
  });

  it('rejects unusable results with the reason, and results that say nothing readable', () => {
    expect(cyp2c19(genotype('*2/*2'), { ...genotype('*1/*1'), status: 'entered-in-error' })).toMatchObject({ value: { phenotype: 'poor metabolizer' }, rejected: [{ reason: 'status "entered-in-error" is not a final result' }] });
    expect(cyp2c19(result('84413-4', 'CYP2C19 genotype pending'))).toMatchObject({ state: 'unknown', reason: 'no CYP2C19 result', rejected: [{ reason: 'no diplotype, genotype or phenotype could be read' }] });
    expect(cyp2c19()).toMatchObject({ state: 'unknown', reason: 'no CYP2C19 result' });
  });
});
