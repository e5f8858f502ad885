import type { LaunchedSession } from '../../fhir/session.ts';
import type { PlanOwner } from '../../store/plan.ts';
import { displayName } from '../banner/patientSummary.ts';

/** Whose plan this launch composes: the FHIR server, the launched patient, and the signed-in user's fhirUser. */
export function planOwner(session: LaunchedSession): PlanOwner {
  const { client, patient, user } = session;
  return {
    server: client.state.serverUrl,
    patientId: patient.id ?? client.patient.id ?? '',
    ...(user.reference ? { practitioner: user.reference } : {}),
    patientName: displayName(patient.name),
  };
}

/** The signed-in clinician as the handout names them, when the EHR let Tailor read who it is. */
export function clinicianName(session: LaunchedSession): string | undefined {
  const r = session.user.resource;
  return r && r.resourceType !== 'PractitionerRole' ? displayName(r.name) : undefined;
}
