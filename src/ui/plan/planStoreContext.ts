import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { planStore, type PlanState } from '../../store/plan.ts';

/** The plan store the view reads: the app's by default; tests provide one over their own storage. */
export const PlanStoreContext = createContext<StoreApi<PlanState>>(planStore);

export function usePlanStore(): StoreApi<PlanState> {
  return useContext(PlanStoreContext);
}

export function usePlan<T>(selector: (s: PlanState) => T): T {
  return useStore(usePlanStore(), selector);
}
