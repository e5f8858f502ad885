import { useMemo } from 'react';
import { fhirclientWriteRequester } from '../../fhir/writeBack/index.ts';
import type { LaunchedSession } from '../../fhir/session.ts';
import { clinicianName, planOwner } from './planOwner.ts';
import { PlanView } from './PlanView.tsx';
import type { SignSession } from './SignPanel.tsx';

/** The app's plan view for this launch (lazy-loaded by App, so it and the sign flow stay out of the first-load JS). */
export default function PlanPanel({ session, today }: { session: LaunchedSession; today: Date }) {
  const clinician = clinicianName(session);
  const { client, capability, grantedScopes } = session;
  const sign = useMemo(
    // The encounter in context is the token response's (SMART App Launch "Launch context arrives with your access token").
    (): SignSession => ({ requester: fhirclientWriteRequester(client), capability, grantedScopes, encounterId: client.state.tokenResponse?.encounter }),
    [client, capability, grantedScopes],
  );
  return <PlanView owner={planOwner(session)} today={today} sign={sign} {...(clinician ? { clinician } : {})} />;
}
