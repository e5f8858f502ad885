import type { LaunchedSession } from '../../fhir/session.ts';
import { clinicianName, planOwner } from './planOwner.ts';
import { PlanView } from './PlanView.tsx';

/** The app's plan view for this launch (lazy-loaded by App, so it stays out of the first-load JS). */
export default function PlanPanel({ session, today }: { session: LaunchedSession; today: Date }) {
  const clinician = clinicianName(session);
  return <PlanView owner={planOwner(session)} today={today} {...(clinician ? { clinician } : {})} />;
}
