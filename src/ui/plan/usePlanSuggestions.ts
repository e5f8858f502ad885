import { useMemo } from 'react';
import planRulesJson from '../../../config/plan-rules.json';
import { parsePlanRules, suggestPlan, type PlanSuggestions } from '../../plan/index.ts';
import { chartStoreConfig, useChartStore } from '../../store/chart.ts';
import { useRisk } from '../risk/riskStoreContext.ts';
import { therapyExpected } from '../risk/therapyExpected.ts';

const siteRules = parsePlanRules(planRulesJson);

export interface PlanInput {
  plan: PlanSuggestions;
  /** The chart is still loading: a suggestion may yet appear or go. */
  provisional: boolean;
}

/**
 * The engine's suggestions for the chart and risks on screen, with the site rule file's problems (from parsing it and
 * from the engine) in `configErrors`. Undefined until the risk store has its first answer and, when a therapy table
 * is on its way, until it has come: the order is by its ARR, and the list should not reshuffle under the physician.
 */
export function usePlanSuggestions(): PlanInput | undefined {
  const current = useRisk((s) => s.current);
  const therapy = useRisk((s) => s.therapy);
  const therapyError = useRisk((s) => s.therapyError);
  const facts = useChartStore((s) => s.facts);
  return useMemo(() => {
    if (!current || (!therapy && therapyError === undefined && therapyExpected(current.results))) return undefined;
    const plan = suggestPlan({
      facts,
      inputs: current.chartInputs,
      results: current.results,
      ...(therapy ? { therapy } : {}),
      // The chart store's clock dates staleness, as it does for the facts.
      now: chartStoreConfig.now(),
      site: siteRules.config,
    });
    return { plan: { ...plan, configErrors: [...new Set([...siteRules.errors, ...plan.configErrors])] }, provisional: current.provisional };
  }, [current, therapy, therapyError, facts]);
}
