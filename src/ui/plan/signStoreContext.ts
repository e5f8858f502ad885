import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { signStore, type SignState } from '../../store/sign.ts';

/** The sign store the plan view reads: the app's by default; tests provide one over their own storage. */
export const SignStoreContext = createContext<StoreApi<SignState>>(signStore);

export function useSignStore(): StoreApi<SignState> {
  return useContext(SignStoreContext);
}

export function useSign<T>(selector: (s: SignState) => T): T {
  return useStore(useSignStore(), selector);
}
