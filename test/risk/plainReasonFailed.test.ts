import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import { plainReason } from '../../src/risk/plainReason.ts';
import { bpPanel, chart, NOW, patient } from '../chart/fixtures.ts';

const site = { kfreRegion: 'north-america' as const };

describe('plainReason when records failed to load', () => {
  it('laboratory results failed: the models say so and offer retry, not "unknown" labs', () => {
    const facts = buildFacts(chart({ patient: patient('female', '1971-03-02'), observations: [bpPanel(128, 80)], gaps: { laboratory: 'failed' } }), NOW);
    const ci = chartInputs(facts, site);
    expect(ci.missing.hdl).toEqual({ input: 'hdl', fact: 'hdl', reason: 'laboratory results failed to load', gap: { status: 'failed', records: ['laboratory'] } });
    expect(plainReason('pce', ci)).toEqual({
      // PCE needs total and HDL cholesterol, and diabetes (whose "no" would rest on HbA1c); the smoking "unknown" is not a failure.
      text: 'laboratory results failed to load, so total cholesterol, HDL cholesterol and diabetes are not known: retry loading them in the chart panel, or enter the values',
      enter: ['totalCholesterol', 'hdl', 'diabetes'],
    });
    expect(plainReason('prevent', ci)?.text).toMatch(/^laboratory results failed to load, so /);
  });

  it('records still loading are not a failure: the ordinary missing-input wording', () => {
    const facts = buildFacts(chart({ patient: patient('female', '1971-03-02'), gaps: { laboratory: 'loading' } }), NOW);
    expect(plainReason('pce', chartInputs(facts, site))?.text).toContain('HDL cholesterol unknown (laboratory results still loading)');
  });
});
