/** What the app page was opened with, decided before any network call. */
export type StartKind =
  | { kind: 'complete-authorization' }
  | { kind: 'resume' }
  | { kind: 'launch-error'; error: string; description?: string }
  | { kind: 'no-launch' };

/**
 * The redirect target can be reached four ways: back from the authorization server with a code, back with an OAuth
 * error, reloaded in a tab that already holds a session, or opened directly.
 */
export function classifyStart(search: string, hasStoredSession: boolean): StartKind {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) return { kind: 'launch-error', error, description: params.get('error_description') ?? undefined };
  if (params.get('code') && params.get('state')) return { kind: 'complete-authorization' };
  return hasStoredSession ? { kind: 'resume' } : { kind: 'no-launch' };
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
