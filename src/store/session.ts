import type { CapabilityStatement, Patient } from 'fhir/r4';
import type Client from 'fhirclient/lib/Client';
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

function loadChart(client: Client, patientId: string, capability: CapabilityStatement | undefined, patient: Promise<Patient>): Promise<void> {
  return startChartLoad(fhirclientRequester(client), patientId, capability, patient);
}

export const useSession = create<SessionStore>((set, get) => ({
  state: { status: 'starting' },
  started: false,
  async start() {
    if (get().started) return;
    set({ started: true });
    // The chart searches start as soon as the server is checked, beside the banner's Patient and user reads.
    let chartLoad: Promise<void> | undefined;
    const state = await startSession(location.search, {
      serverChecked: ({ client, patientId, capability, patient }) => {
        chartLoad = loadChart(client, patientId, capability, patient);
      },
    });
    set({ state });
    if (state.status !== 'ready') return;
    // A session that did not report the server checked (a stand-in for startSession) has its chart loaded now.
    const { client, capability, patient } = state.session;
    await (chartLoad ?? loadChart(client, patient.id ?? client.patient.id!, capability, Promise.resolve(patient)));
  },
}));
