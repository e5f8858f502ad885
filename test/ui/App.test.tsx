// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../../src/fhir/session.ts';

const startSession = vi.fn<() => Promise<SessionState>>();
vi.mock('../../src/fhir/session.ts', () => ({ startSession: () => startSession() }));

const { App } = await import('../../src/ui/App.tsx');
const { useSession } = await import('../../src/store/session.ts');

const today = new Date('2026-11-25T12:00:00Z');
const patient = {
  resourceType: 'Patient' as const,
  id: 'p1',
  gender: 'male' as const,
  birthDate: '1965-06-01',
  name: [{ given: ['Robert'], family: 'Kowalski' }],
  identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'SBX-1002' }],
};

function ready(needPatientBanner: boolean): SessionState {
  return {
    status: 'ready',
    session: {
      // A server that answers nothing: the chart loader must report its sources as failed, not crash the app.
      client: { state: { serverUrl: 'https://ehr.example.org/fhir' }, request: () => Promise.reject(new Error('offline')) } as never,
      patient,
      user: { reference: 'Practitioner/dr', resource: { resourceType: 'Practitioner', name: [{ prefix: ['Dr'], given: ['Ngozi'], family: 'Okafor' }] } },
      needPatientBanner,
      grantedScopes: 'patient/Patient.rs',
    },
  };
}

beforeEach(() => {
  useSession.setState({ state: { status: 'starting' }, started: false });
});

describe('App', () => {
  it('shows the banner with the patient and the signed-in user', async () => {
    startSession.mockResolvedValue(ready(true));
    render(<App today={today} />);
    const banner = await screen.findByTestId('patient-banner');
    expect(banner).toHaveTextContent('Robert Kowalski');
    expect(banner).toHaveTextContent('Male');
    expect(banner).toHaveTextContent('61 y');
    expect(banner).toHaveTextContent('born 1965-06-01');
    expect(banner).toHaveTextContent('MRN SBX-1002');
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('Dr Ngozi Okafor');
    expect(await screen.findByTestId('facts-panel')).toBeInTheDocument();
    expect((await screen.findAllByRole('button', { name: /^Retry / }, { timeout: 3000 })).length).toBeGreaterThan(0);
  });

  it('leaves the patient banner out when the EHR shows its own', async () => {
    startSession.mockResolvedValue(ready(false));
    render(<App today={today} />);
    await screen.findByTestId('signed-in-user');
    expect(screen.queryByTestId('patient-banner')).toBeNull();
  });

  it.each<[SessionState, RegExp]>([
    [{ status: 'no-launch' }, /Open Tailor from your EHR/],
    [{ status: 'expired', message: 'Your session with the EHR has ended.' }, /Your session has ended/],
    [{ status: 'launch-error', message: 'Access was denied.', detail: 'User cancelled' }, /could not sign you in/],
    [{ status: 'missing-permission', message: 'No Patient scope.' }, /needs a permission/],
  ])('shows a plain page for %o', async (state, heading) => {
    startSession.mockResolvedValue(state);
    render(<App today={today} />);
    expect(await screen.findByRole('heading', { name: heading })).toBeInTheDocument();
  });

  it('shows the EHR’s own words for a launch error', async () => {
    startSession.mockResolvedValue({ status: 'launch-error', message: 'Access was denied.', detail: 'User cancelled' });
    render(<App today={today} />);
    expect(await screen.findByText('The EHR said: User cancelled')).toBeInTheDocument();
  });
});
