import type { LaunchedSession } from '../../fhir/session.ts';
import { displayName, summarisePatient } from './patientSummary.ts';

function userLabel(user: LaunchedSession['user']): string | undefined {
  if (user.resource) return displayName(user.resource.resourceType === 'PractitionerRole' ? undefined : user.resource.name);
  return user.reference;
}

/** The patient banner, and who is signed in. The patient part is left out when the EHR shows its own banner. */
export function PatientBanner({ session, today }: { session: LaunchedSession; today: Date }) {
  const patient = summarisePatient(session.patient, today);
  const user = userLabel(session.user);
  return (
    <header className="banner">
      {session.needPatientBanner && (
        <section aria-label="Patient" className="banner-patient" data-testid="patient-banner">
          <strong className="banner-name">{patient.name}</strong>
          <span>{patient.sex}</span>
          <span>
            {patient.ageYears !== undefined ? `${patient.ageYears} y` : 'Age unknown'}
            {patient.birthDate && <> · born {patient.birthDate}</>}
          </span>
          {patient.deceased && (
            <span className="banner-deceased" data-testid="patient-deceased">
              Deceased{patient.deceased.date ? ` ${patient.deceased.date}` : ' (date not recorded)'}
            </span>
          )}
          {patient.identifier && (
            <span>
              {patient.identifier.label} {patient.identifier.value}
            </span>
          )}
        </section>
      )}
      {user && (
        <p className="banner-user" data-testid="signed-in-user">
          Signed in: {user}
        </p>
      )}
    </header>
  );
}
