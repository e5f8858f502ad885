import FHIR from 'fhirclient';
import { fetchWellKnownJson } from 'fhirclient/lib/smart';
import { CLIENT_ID, DEFAULT_STANDALONE_ISS, REDIRECT_PATH, TRUSTED_ISSUERS, type TrustedIssuer } from '../config.ts';
import { checkIssuer } from './issuers.ts';
import { configureFhirclient } from './session.ts';
import { requestedScopes, scopeSyntaxFor, type LaunchKind, type SmartConfiguration } from './scopes.ts';

export type LaunchOutcome =
  | { kind: 'redirecting'; serverLabel: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

/**
 * The server's SMART configuration, or undefined when it has none (then fhirclient falls back to the CapabilityStatement).
 * Read through fhirclient's own fetch, which keeps the answer for the page: authorize() then reads the same answer
 * instead of requesting the file a second time.
 */
async function fetchSmartConfiguration(iss: string): Promise<SmartConfiguration | undefined> {
  try {
    const configuration: unknown = await fetchWellKnownJson(iss, { signal: AbortSignal.timeout(8000) });
    return typeof configuration === 'object' && configuration !== null ? (configuration as SmartConfiguration) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * fhirclient's authorize() reads `iss`, `launch`, `clientId`, `patientId` and `fhirServiceUrl` from the page URL and
 * lets them win over the options it is given. So the page URL is rewritten to hold only what was checked: the
 * allow-listed `iss` exactly as it was matched, and `launch`. A crafted link can then neither swap the client id
 * registered for that EHR nor pre-set a patient. (A reload of the launch page still works.)
 */
function pinLaunchUrl(iss: string, launchToken: string | undefined): void {
  if (typeof history === 'undefined') return;
  const params = new URLSearchParams({ iss });
  if (launchToken) params.set('launch', launchToken);
  history.replaceState(history.state, '', `?${params}`);
}

/**
 * Runs the launch page: EHR launch (`iss` + `launch`) or standalone launch (`iss` alone, or the sandbox default).
 * The issuer is checked against the allow-list (this build's, unless given) before anything is sent to it.
 */
export async function launch(search: string, pageUrl: string, allowList: readonly TrustedIssuer[] = TRUSTED_ISSUERS): Promise<LaunchOutcome> {
  const params = new URLSearchParams(search);
  const launchToken = params.get('launch') ?? undefined;
  const kind: LaunchKind = launchToken ? 'ehr' : 'standalone';
  const check = checkIssuer(params.get('iss') ?? (kind === 'standalone' ? DEFAULT_STANDALONE_ISS : undefined), allowList);
  if (!check.trusted) return { kind: 'refused', reason: check.reason };
  pinLaunchUrl(check.iss, launchToken);
  configureFhirclient();

  const smartConfiguration = await fetchSmartConfiguration(check.iss);
  const pkceRequired = (check.issuer.pkce ?? 'required') === 'required';
  if (pkceRequired && smartConfiguration && !smartConfiguration.code_challenge_methods_supported?.includes('S256')) {
    return { kind: 'failed', reason: 'This server does not advertise PKCE (S256), which Tailor requires to sign in safely.' };
  }
  try {
    await FHIR.oauth2.authorize({
      iss: check.iss,
      launch: launchToken,
      clientId: check.issuer.clientId ?? CLIENT_ID,
      scope: requestedScopes(kind, scopeSyntaxFor(smartConfiguration)),
      // The redirect target is the app page at the deployment root, one level above /launch/.
      redirectUri: new URL(`../${REDIRECT_PATH}`, pageUrl).href,
      pkceMode: pkceRequired ? 'required' : 'ifSupported',
      // Embedded in an EHR frame, the whole sign-in happens inside that frame (client-js #75, #89).
      completeInTarget: true,
    });
    return { kind: 'redirecting', serverLabel: check.issuer.label };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
