import { create } from 'zustand';
import { fhirclientRequester } from '../fhir/chart-loader/index.ts';
import { startSession, type SessionState } from '../fhir/session.ts';
import { startChartLoad } from './chart.ts';

interface SessionStore {
  state: SessionState;
  started: boolean;
  /** The launch flow, once per page: complete the SMART hand-over, then load the chart. Later calls are no-ops. */
  start(): Promise<void>;
}

export const useSession = create<SessionStore>((set, get) => ({
  state: { status: 'starting' },
  started: false,
  async start() {
    if (get().started) return;
    set({ started: true });
    const state = await startSession();
    set({ state });
    if (state.status !== 'ready') return;
    const { client, patient, capability } = state.session;
    await startChartLoad(fhirclientRequester(client), patient.id ?? client.patient.id!, capability);
  },
}));
