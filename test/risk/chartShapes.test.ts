/** Issue 13 in the risk layer: a deceased patient gets no number from any model; a low HbA1c only drops PREVENT's add-on. */
import { describe, expect, it } from 'vitest';
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import { MODELS } from '../../src/risk/models/index.ts';
import { plainReason } from '../../src/risk/plainReason.ts';
import type { ModelId } from '../../src/risk/types.ts';
import { sandboxChart } from '../chart/fixtures.ts';

const NOW = new Date('2026-03-10T15:00:00Z');
const resources = buildSandboxResources(NOW);
const inputsOf = (id: string) => chartInputs(buildFacts(sandboxChart(resources, id), NOW), { kfreRegion: 'north-america' });
const MODEL_IDS: ModelId[] = ['pce', 'prevent', 'kfre4', 'kfre8'];

describe('deceased patient (died 2025-02-03)', () => {
  const ci = inputsOf('deceased');
  it('no input is passed on, and the date of death is carried', () => {
    expect(ci).toEqual({ inputs: { region: 'north-america' }, provenance: {}, missing: {}, deceased: { date: '2025-02-03T09:30:00.000Z' } });
  });
  it.each(MODEL_IDS)('%s: not applicable, patient deceased, nothing to enter', (model) => {
    expect(MODELS[model].prepare(ci.inputs).ok).toBe(false);
    expect(plainReason(model, ci)).toEqual({ text: 'patient deceased (2025-02-03): no risk is estimated', enter: [] });
  });
});

describe('HbA1c 4.2 % (low-hba1c)', () => {
  const ci = inputsOf('low-hba1c');
  it('PREVENT uses the base equations, as without an HbA1c, and its note says why', () => {
    const withLow = MODELS.prevent.prepare(ci.inputs);
    const { hba1c: _dropped, ...withoutHba1c } = ci.inputs;
    const without = MODELS.prevent.prepare(withoutHba1c);
    expect(withLow.ok && without.ok).toBe(true);
    if (!withLow.ok || !without.ok) return;
    expect(withLow.variant).toBe('base');
    expect(withLow.profile).toEqual(without.profile);
    expect(withLow.risks).toEqual(without.risks);
    expect(withLow.note).toBe('hba1c 4.2 is outside the PREVENT HbA1c add-on range 4.5–15: computed without the HbA1c add-on');
    expect(plainReason('prevent', ci)).toBeNull();
  });
});
