/** What sessionStorage holds under a `state` value: a launch this tab started and is waiting on, a signed-in session, or nothing. */
export type StoredLaunch = 'pending' | 'signed-in' | undefined;

/** What the app page was opened with, decided before any network call. */
export type StartKind =
  | { kind: 'complete-authorization' }
  | { kind: 'resume' }
  | { kind: 'launch-error'; error: string; description?: string; state?: string }
  | { kind: 'no-launch' };

/** RFC 6749 §4.1.2.1 allows only printable ASCII in error_description; a longer text is not an EHR's message. */
const MAX_DESCRIPTION_LENGTH = 300;

function plainDescription(description: string | null): string | undefined {
  const text = description?.replace(/[^\x20-\x7e]/g, '').trim().slice(0, MAX_DESCRIPTION_LENGTH);
  return text || undefined;
}

/**
 * The redirect target can be reached four ways: back from the authorization server with a code, back with an OAuth
 * error, reloaded in a frame that holds a session, or opened directly.
 *
 * A session is resumed only by the `state` in this page's own URL, never by a tab-wide "current session" pointer:
 * embedded browsers (Hyperspace, PowerChart) can share one sessionStorage between app instances, and a pointer would
 * let a reload show the patient of whichever launch came last (client-js #199).
 *
 * The EHR's error_description is shown only when the error answers a launch this tab started; otherwise anyone could
 * put words of their choosing on Tailor's page with a crafted link.
 */
export function classifyStart(search: string, lookup: (state: string) => StoredLaunch): StartKind {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  const state = params.get('state') ?? undefined;
  if (error) {
    const ours = state !== undefined && lookup(state) === 'pending';
    return {
      kind: 'launch-error',
      error,
      ...(ours ? { description: plainDescription(params.get('error_description')), state } : {}),
    };
  }
  if (params.get('code') && state) return { kind: 'complete-authorization' };
  return state && lookup(state) === 'signed-in' ? { kind: 'resume' } : { kind: 'no-launch' };
}

/** Plain-language text for the OAuth 2 error codes (RFC 6749 §4.1.2.1) a physician might meet. */
export function describeLaunchError(error: string): string {
  switch (error) {
    case 'access_denied':
      return 'Access was denied: the sign-in was cancelled or Tailor was not authorised for this patient.';
    case 'unauthorized_client':
    case 'invalid_client':
      return 'The EHR does not recognise this registration of Tailor.';
    case 'invalid_scope':
      return 'The EHR refused the permissions Tailor asked for.';
    case 'invalid_request':
      return 'The EHR rejected the sign-in request as malformed.';
    case 'server_error':
    case 'temporarily_unavailable':
      return 'The EHR could not complete the sign-in just now. Try launching Tailor again.';
    default:
      return 'The EHR could not complete the sign-in.';
  }
}

/** FHIR versions Tailor reads (smart-manifest.json `fhir_versions`): R4, 4.0.x. */
const SUPPORTED_FHIR_VERSION = /^4\.0(\.|$)/;

function releaseName(version: string): string {
  if (/^0\.|^1\.0\./.test(version)) return version.startsWith('1.0.') ? 'DSTU2' : 'DSTU1';
  if (/^3\.0\./.test(version)) return 'STU3';
  if (/^4\.[1-3]\./.test(version)) return 'R4B';
  if (/^[5-9]\./.test(version)) return `R${version[0]}`;
  return 'an unknown release';
}

/**
 * Why the server's `metadata` rules it out, or undefined when it is R4 or does not say. DSTU2 servers answer with a
 * `Conformance` resource (the R4 `CapabilityStatement` did not exist yet); their Observation, Medication and category
 * shapes differ from R4, so reading them as R4 would give wrong facts rather than an error.
 */
export function fhirVersionProblem(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { resourceType, fhirVersion } = metadata as { resourceType?: unknown; fhirVersion?: unknown };
  const version = typeof fhirVersion === 'string' ? fhirVersion : undefined;
  if (resourceType === 'CapabilityStatement' && (version === undefined || SUPPORTED_FHIR_VERSION.test(version))) return undefined;
  if (resourceType !== 'CapabilityStatement' && resourceType !== 'Conformance') return undefined;
  const release = version ? `FHIR ${version} (${releaseName(version)})` : 'FHIR DSTU2 or older';
  return `This EHR endpoint speaks ${release}; Tailor reads FHIR R4 (4.0.1) only, so it has not read this chart. Ask your EHR administrator to launch Tailor with the EHR's R4 endpoint.`;
}
