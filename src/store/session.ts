import { create } from 'zustand';
import { startSession, type SessionState } from '../fhir/session.ts';

interface SessionStore {
  state: SessionState;
  started: boolean;
  /** Runs the SMART hand-over once per page; later calls (StrictMode's second effect) are no-ops. */
  start(): Promise<void>;
}

export const useSession = create<SessionStore>((set, get) => ({
  state: { status: 'starting' },
  started: false,
  async start() {
    if (get().started) return;
    set({ started: true });
    set({ state: await startSession() });
  },
}));
