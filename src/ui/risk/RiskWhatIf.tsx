import type { CurrentRisk } from '../../store/risk.ts';
import { comparedRisks } from './comparedRisks.ts';
import { useRisk, useRiskStore } from './riskStoreContext.ts';
import { WhatIfPanel } from './WhatIfPanel.tsx';

/** The "What if" panel wired to the risk store: every move is one coalesced, batched re-score. */
export default function RiskWhatIf({ current }: { current: CurrentRisk }) {
  const store = useRiskStore();
  const whatIf = useRisk((s) => s.whatIf);
  return (
    <WhatIfPanel
      base={current.chartInputs.inputs}
      current={comparedRisks(current.results)}
      whatIf={whatIf?.results ? comparedRisks(whatIf.results) : null}
      onChange={(inputs) => store.getState().tryInputs(inputs)}
      busy={whatIf?.pending ?? false}
    />
  );
}
