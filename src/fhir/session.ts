import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import type { CapabilityStatement, Patient, Practitioner, PractitionerRole, RelatedPerson } from 'fhir/r4';
import { describeFhirError } from './errors.ts';
import { grantsRead } from './scopes.ts';
import { classifyStart, describeLaunchError, fhirVersionProblem, type StoredLaunch } from './startup.ts';

/**
 * fhirclient settings shared by the launch page and the app page. Each launch's state is kept under its own `state`
 * key and the app page keeps `?state=` in its URL, instead of one tab-wide SMART_KEY pointer to "the" session:
 * embedded browsers may share sessionStorage between app instances (Oracle Health's PowerChart documentation says so),
 * and with the pointer a reload showed whichever patient was launched last (client-js #199; fhirclient's own option
 * for Cerner's embedded IE, client-js #13).
 */
export function configureFhirclient(): void {
  FHIR.oauth2.settings.fullSessionStorageSupport = false;
  // Tailor is a public client: its refresh requests must name it (RFC 6749 §3.2.1), or servers refuse them.
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
}

/** What this tab's sessionStorage holds under a `state` value (fhirclient stores each launch's state under its key). */
function storedLaunch(state: string): StoredLaunch {
  try {
    const stored = JSON.parse(sessionStorage.getItem(state) ?? 'null') as { key?: string; tokenResponse?: { access_token?: string } } | null;
    if (stored?.key !== state) return undefined;
    return stored.tokenResponse?.access_token ? 'signed-in' : 'pending';
  } catch {
    return undefined;
  }
}

export type SessionState =
  | { status: 'starting' }
  | { status: 'no-launch' }
  | { status: 'launch-error'; message: string; detail?: string }
  | { status: 'expired'; message: string }
  | { status: 'missing-permission'; message: string }
  | { status: 'failed'; message: string }
  | { status: 'ready'; session: LaunchedSession };

export type UserResource = Practitioner | Patient | RelatedPerson | PractitionerRole;

export interface LaunchedSession {
  client: Client;
  patient: Patient;
  /** The signed-in user's resource, or only its reference when the EHR would not let Tailor read it. */
  user: { reference?: string; resource?: UserResource };
  /** SMART's need_patient_banner: false inside EHRs that show their own (Epic), absent means show ours. */
  needPatientBanner: boolean;
  grantedScopes: string;
  /** The server's CapabilityStatement, so the chart loader can adapt to what it supports; undefined when it will not say. */
  capability?: CapabilityStatement;
}

/**
 * fhirclient's ready() must run once per page: a second concurrent call would post the single-use code twice
 * (seen with React StrictMode). Every caller shares this promise.
 */
let ready: Promise<Client> | undefined;
function readyOnce(): Promise<Client> {
  configureFhirclient();
  ready ??= FHIR.oauth2.ready();
  return ready;
}

function hasTokenStillUsable(client: Client): boolean {
  const { expiresAt, tokenResponse } = client.state;
  const expired = typeof expiresAt === 'number' && expiresAt * 1000 <= Date.now();
  return !expired || Boolean(tokenResponse?.refresh_token);
}

async function readUser(client: Client): Promise<LaunchedSession['user']> {
  const reference = client.user.fhirUser ?? undefined;
  if (!reference) return {};
  try {
    return { reference, resource: (await client.user.read()) as UserResource };
  } catch {
    // Some EHRs name the user in the id_token but do not let the app read the resource; the reference still helps.
    return { reference };
  }
}

/** What the caller may start before the first screen's reads have answered. */
export interface SessionStartHooks {
  /**
   * Called once the token is in and the server's metadata does not rule it out, while the Patient and the user are
   * still being read: the chart searches need no more than this, so they need not wait for the banner. `patient` is
   * the banner's own Patient read, to share rather than to read twice. The session may still fail after this call
   * (a Patient read that fails or names another patient).
   */
  serverChecked?(server: { client: Client; patientId: string; capability?: CapabilityStatement; patient: Promise<Patient> }): void;
}

/** Completes or resumes the SMART session and reads what the first screen needs. Never throws. */
export async function startSession(search = location.search, hooks: SessionStartHooks = {}): Promise<SessionState> {
  const start = classifyStart(search, storedLaunch);
  if (start.kind === 'no-launch') return { status: 'no-launch' };
  if (start.kind === 'launch-error') {
    // That launch is over: drop what the launch page stored for it.
    if (start.state) sessionStorage.removeItem(start.state);
    return { status: 'launch-error', message: describeLaunchError(start.error), detail: start.description };
  }

  let client: Client;
  try {
    client = await readyOnce();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/state/i.test(message)) {
      return {
        status: 'failed',
        message: 'This sign-in could not be matched to a launch from this browser tab (the "state" did not match). Launch Tailor again from the EHR.',
      };
    }
    return { status: 'failed', message: `Sign-in could not be completed: ${message}` };
  }

  if (!hasTokenStillUsable(client)) {
    return { status: 'expired', message: 'Your session with the EHR has ended. Launch Tailor again from the EHR.' };
  }
  const grantedScopes: string = client.state.tokenResponse?.scope ?? '';
  if (grantedScopes && !grantsRead(grantedScopes, 'Patient')) {
    return {
      status: 'missing-permission',
      message: 'The EHR did not grant Tailor permission to read the patient record (scope patient/Patient.rs). Ask your EHR administrator to allow it, then launch again.',
    };
  }
  if (!client.patient.id) {
    return { status: 'failed', message: 'The EHR did not tell Tailor which patient is open. Launch Tailor from a patient chart.' };
  }

  // Started together; the version is checked before anything read from the server is used.
  const metadata = readMetadata(client);
  const patientRead = client.patient.read() as Promise<Patient>;
  const reads = Promise.all([patientRead, readUser(client)]);
  reads.catch(() => undefined);
  const statement = await metadata;
  const versionProblem = fhirVersionProblem(statement);
  if (versionProblem) return { status: 'failed', message: versionProblem };
  const capability = isCapabilityStatement(statement) ? statement : undefined;
  hooks.serverChecked?.({ client, patientId: client.patient.id, patient: patientRead, ...(capability ? { capability } : {}) });

  try {
    const [patient, user] = await reads;
    if (patient.id !== client.patient.id) {
      return { status: 'failed', message: 'The EHR returned a different patient record from the one it launched Tailor for. Launch Tailor again from the EHR.' };
    }
    return {
      status: 'ready',
      session: {
        client,
        patient,
        user,
        needPatientBanner: client.state.tokenResponse?.need_patient_banner !== false,
        grantedScopes,
        ...(capability ? { capability } : {}),
      },
    };
  } catch (error) {
    const failure = describeFhirError(error);
    if (failure.kind === 'expired') return { status: 'expired', message: failure.message };
    if (failure.kind === 'forbidden') {
      return { status: 'missing-permission', message: `${failure.message} Tailor could not read the patient record.` };
    }
    return { status: 'failed', message: failure.message };
  }
}

function isCapabilityStatement(value: unknown): value is CapabilityStatement {
  return (value as { resourceType?: unknown } | undefined)?.resourceType === 'CapabilityStatement';
}

/** The server's `metadata` (CapabilityStatement, or Conformance on DSTU2 servers); undefined when it will not say. */
async function readMetadata(client: Client): Promise<unknown> {
  try {
    return await client.request<unknown>('metadata');
  } catch {
    return undefined;
  }
}
