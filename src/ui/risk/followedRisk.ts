import type { ModelId, RiskKey } from '../../risk/types.ts';
import type { ModelResults } from '../../store/risk.ts';

export interface FollowedRisk {
  model: ModelId;
  risk: RiskKey;
  label: string;
}

/** The risk the drivers and the trajectory explain: PREVENT 10-year total CVD (Tailor's default model), else the PCE's, else the KFRE's. */
const FOLLOWED: readonly FollowedRisk[] = [
  { model: 'prevent', risk: 'cvd_10y', label: 'PREVENT 10-year total CVD' },
  { model: 'pce', risk: 'ascvd_10y', label: 'PCE 10-year ASCVD' },
  { model: 'kfre8', risk: 'kidney_failure_5y', label: 'KFRE 8-variable 5-year kidney failure' },
  { model: 'kfre4', risk: 'kidney_failure_5y', label: 'KFRE 4-variable 5-year kidney failure' },
];

/** The first of those the models gave a number for now, if any. */
export function followedRisk(results: ModelResults): FollowedRisk | undefined {
  return FOLLOWED.find(({ model, risk }) => {
    const r = results[model];
    return r?.applicable === true && r.risks[risk] !== undefined;
  });
}
