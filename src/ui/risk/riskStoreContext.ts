import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { riskStore, type RiskState } from '../../store/risk.ts';

/** The risk store the view reads: the app's by default; tests provide one with a fake risk client. */
export const RiskStoreContext = createContext<StoreApi<RiskState>>(riskStore);

export function useRiskStore(): StoreApi<RiskState> {
  return useContext(RiskStoreContext);
}

export function useRisk<T>(selector: (s: RiskState) => T): T {
  return useStore(useRiskStore(), selector);
}
