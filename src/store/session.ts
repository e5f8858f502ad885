import { create } from 'zustand';
import { startSession, type SessionState } from '../fhir/session.ts';

interface SessionStore {
  state: SessionState;
  /** Runs the SMART hand-over once per page; later calls are no-ops. */
  start(): Promise<void>;
}

export const useSession = create<SessionStore>((set, get) => ({
  state: { status: 'starting' },
  async start() {
    if (get().state.status !== 'starting' || starting) return;
    starting = true;
    set({ state: await startSession() });
  },
}));

let starting = false;
