/** Runs chart → facts → inputs → scores → therapy → plan for one sandbox patient, as the app's stores do. */
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import type { ChartFacts } from '../../src/chart/types.ts';
import { chartInputs } from '../../src/risk/chartInputs.ts';
import type { RiskEngine } from '../../src/risk/engine.ts';
import { optimalInputs, therapyImpact } from '../../src/risk/therapy.ts';
import { MODEL_IDS, type ModelId, type ScoreResult } from '../../src/risk/types.ts';
import type { TherapyImpact } from '../../src/risk/viewModel.ts';
import { suggestPlan } from '../../src/plan/engine.ts';
import type { PlanContext, PlanSuggestions } from '../../src/plan/types.ts';
import { sandboxChart } from '../chart/fixtures.ts';

export const SANDBOX_NOW = new Date('2026-03-10T15:00:00Z');
const resources = buildSandboxResources(SANDBOX_NOW);

export async function planFor(engine: RiskEngine, patientId: string): Promise<{ ctx: PlanContext; plan: PlanSuggestions; facts: ChartFacts }> {
  const facts = buildFacts(sandboxChart(resources, patientId), SANDBOX_NOW);
  const inputs = chartInputs(facts, { kfreRegion: 'north-america' });
  const scored = await engine.score(MODEL_IDS.map((model) => ({ model, inputs: inputs.inputs })));
  const results: Partial<Record<ModelId, ScoreResult>> = Object.fromEntries(scored.map((r) => [r.model, r]));
  const therapy = await therapyFor(engine, facts, inputs.inputs, results);
  const ctx: PlanContext = { facts, inputs, results, now: SANDBOX_NOW, ...(therapy ? { therapy } : {}) };
  return { ctx, plan: suggestPlan(ctx), facts };
}

/** The therapy table as the risk store builds it: PCE 10-year baseline (else PREVENT), floored at the optimal-factor risk. */
async function therapyFor(engine: RiskEngine, facts: ChartFacts, inputs: PlanContext['inputs']['inputs'], results: Partial<Record<ModelId, ScoreResult>>): Promise<TherapyImpact | undefined> {
  for (const [model, label] of [['pce', 'PCE 10-year ASCVD'], ['prevent', 'PREVENT 10-year ASCVD']] as const) {
    const r = results[model];
    const value = r?.applicable ? r.risks.ascvd_10y : undefined;
    if (value === undefined) continue;
    const [optimal] = await engine.score([{ model, inputs: optimalInputs(inputs) }]);
    const optimalRisk = optimal?.applicable ? optimal.risks.ascvd_10y : undefined;
    if (optimalRisk === undefined) return undefined;
    return therapyImpact({ facts, inputs, baseline: { model, risk: 'ascvd_10y', value, label }, optimalRisk });
  }
  return undefined;
}
