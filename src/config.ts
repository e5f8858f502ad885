/**
 * The one place that says who Tailor is to an EHR: client id, where it lives, which servers it trusts and what it asks for.
 * smart-manifest.json repeats these values for EHR administrators; test/config/manifest.test.ts keeps the two in step.
 */

export const CLIENT_ID = 'tailor';

/** Paths relative to the app's deployment root (the app can be served from any sub-path). */
export const LAUNCH_PATH = 'launch/';
export const REDIRECT_PATH = '';

/** A FHIR server the app agrees to launch against. */
export interface TrustedIssuer {
  /** Human name shown on the refusal and chooser pages. */
  label: string;
  /** The FHIR base URL, or a prefix ending in "/" for servers that put launch data in the path (the SMART launcher). */
  iss: string;
  match: 'exact' | 'prefix';
  /** Origins the browser must reach for authorization and tokens, when they differ from the FHIR server's. */
  authOrigins: readonly string[];
  /** The client id this EHR issued to Tailor at registration, when it is not CLIENT_ID. */
  clientId?: string;
  /**
   * PKCE S256 is required unless a server is known not to implement it (Oracle Health's 2024 documentation says its
   * authorization server does not); there it is still used whenever the server's smart-configuration advertises it.
   */
  pkce?: 'required' | 'if-supported';
}

/** Public sandboxes Tailor is tested against; a site adds its production EHR here (see README, "Registering"). */
export const PUBLIC_ISSUERS: readonly TrustedIssuer[] = [
  {
    label: 'SMART Health IT launcher (R4)',
    iss: 'https://launch.smarthealthit.org/v/r4/',
    match: 'prefix',
    authOrigins: [],
  },
  {
    label: 'Epic on FHIR sandbox (R4)',
    iss: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
    match: 'exact',
    authOrigins: [],
  },
  {
    label: 'Oracle Health code console sandbox (R4)',
    iss: 'https://fhir-ehr-code.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d',
    match: 'exact',
    authOrigins: ['https://authorization.cerner.com'],
    pkce: 'if-supported',
  },
];

/**
 * The trusted servers for a build. The local sandbox EHR is trusted only in builds made for it (VITE_SANDBOX_ISSUERS,
 * set by `npm start` and the e2e runner); a production build never carries a loopback issuer.
 */
export function issuersFor(sandboxIssuerList: string | undefined): TrustedIssuer[] {
  const sandbox = (sandboxIssuerList ?? '')
    .split(',')
    .map((iss) => iss.trim())
    .filter(Boolean)
    .map((iss) => ({ label: 'Tailor local sandbox EHR', iss, match: 'exact' as const, authOrigins: [] }));
  return [...sandbox, ...PUBLIC_ISSUERS];
}

const sandboxIssuerList = import.meta.env?.VITE_SANDBOX_ISSUERS as string | undefined;

export const TRUSTED_ISSUERS: readonly TrustedIssuer[] = issuersFor(sandboxIssuerList);

/** Where a standalone launch without `iss` goes: the sandbox in sandbox builds; elsewhere the user must come with one. */
export const DEFAULT_STANDALONE_ISS: string | undefined = sandboxIssuerList ? TRUSTED_ISSUERS[0]?.iss : undefined;

/**
 * Resource access Tailor needs, as [resource, SMART v2 permissions]. Read-only resources ask for read+search ("rs");
 * CarePlan is written and later revised; RiskAssessment and DocumentReference are only created.
 */
export const RESOURCE_PERMISSIONS: readonly (readonly [string, string])[] = [
  ['Patient', 'rs'],
  ['Observation', 'rs'],
  ['Condition', 'rs'],
  ['MedicationRequest', 'rs'],
  ['MedicationStatement', 'rs'],
  ['AllergyIntolerance', 'rs'],
  ['FamilyMemberHistory', 'rs'],
  ['CarePlan', 'cruds'],
  ['RiskAssessment', 'c'],
  ['DocumentReference', 'c'],
];

/**
 * Identity and session scopes. `online_access`: a clinician-facing app needs refresh while the EHR session lasts,
 * not beyond it (offline_access would outlive the user's sign-in).
 */
export const IDENTITY_SCOPES = ['openid', 'fhirUser', 'online_access'] as const;
