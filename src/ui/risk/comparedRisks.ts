import type { ModelResults } from '../../store/risk.ts';
import type { ModelId, RiskKey } from '../../risk/types.ts';
import type { WhatIfRisk } from './WhatIfPanel.tsx';

/** The risks the what-if panel compares, in the order of the cards above it. */
const COMPARED: readonly { model: ModelId; risk: RiskKey; label: string }[] = [
  { model: 'prevent', risk: 'cvd_10y', label: 'PREVENT 10-year total CVD' },
  { model: 'prevent', risk: 'ascvd_10y', label: 'PREVENT 10-year ASCVD' },
  { model: 'prevent', risk: 'hf_10y', label: 'PREVENT 10-year heart failure' },
  { model: 'pce', risk: 'ascvd_10y', label: 'PCE 10-year ASCVD' },
  { model: 'kfre8', risk: 'kidney_failure_5y', label: 'KFRE 8-variable 5-year kidney failure' },
  { model: 'kfre4', risk: 'kidney_failure_5y', label: 'KFRE 4-variable 5-year kidney failure' },
];

/** Each compared risk the models gave a number for (a model that is not applicable is left out, never shown as 0). */
export function comparedRisks(results: ModelResults): WhatIfRisk[] {
  return COMPARED.flatMap(({ model, risk, label }) => {
    const r = results[model];
    const value = r?.applicable ? r.risks[risk] : undefined;
    return value === undefined ? [] : [{ label, value }];
  });
}
