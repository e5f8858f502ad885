/**
 * The one place that says who Tailor is to an EHR: client id, where it lives, which servers it trusts and what it asks for.
 * smart-manifest.json repeats these values for EHR administrators; test/config/manifest.test.ts keeps the two in step.
 */
import type { KfreRegion } from './risk/types.ts';

export const CLIENT_ID = 'tailor';

/**
 * Which KFRE calibration this site uses (Tangri 2016, JAMA 315:164: North American baselines vs. the pooled
 * non-North-American ones). A property of where the app is deployed, not of the patient: change it per site.
 */
export const KFRE_REGION: KfreRegion = 'north-america';

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

/**
 * The deploying site's own EHRs: the only servers a production build trusts. Empty here, so an unconfigured build
 * refuses every launch rather than trusting someone else's server (README, "Registering Tailor with an EHR").
 */
export const SITE_ISSUERS: readonly TrustedIssuer[] = [];

/**
 * Public test sandboxes. Trusted only in builds that ask for them (VITE_TRUST_PUBLIC_SANDBOXES=true,
 * `npm run build:public-sandboxes`): in a clinical build they would let anyone with a launch link open Tailor on a
 * made-up patient next to real ones.
 */
export const PUBLIC_SANDBOX_ISSUERS: readonly TrustedIssuer[] = [
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

/** Build-time switches that widen the allow-list beyond SITE_ISSUERS (Vite env, read at build time). */
export interface IssuerBuildFlags {
  /** Comma-separated FHIR bases of local sandbox EHRs (`npm start` and the e2e runner set it). */
  VITE_SANDBOX_ISSUERS?: string;
  /** "true" to trust the public test sandboxes. */
  VITE_TRUST_PUBLIC_SANDBOXES?: string;
}

/** The trusted servers for a build: a local sandbox first when there is one, then the site's, then public sandboxes if asked. */
export function issuersFor(flags: IssuerBuildFlags): TrustedIssuer[] {
  const local = (flags.VITE_SANDBOX_ISSUERS ?? '')
    .split(',')
    .map((iss) => iss.trim())
    .filter(Boolean)
    .map((iss) => ({ label: 'Tailor local sandbox EHR', iss, match: 'exact' as const, authOrigins: [] }));
  const publicSandboxes = flags.VITE_TRUST_PUBLIC_SANDBOXES === 'true' ? PUBLIC_SANDBOX_ISSUERS : [];
  return [...local, ...SITE_ISSUERS, ...publicSandboxes];
}

const buildFlags: IssuerBuildFlags = {
  VITE_SANDBOX_ISSUERS: import.meta.env?.VITE_SANDBOX_ISSUERS as string | undefined,
  VITE_TRUST_PUBLIC_SANDBOXES: import.meta.env?.VITE_TRUST_PUBLIC_SANDBOXES as string | undefined,
};

export const TRUSTED_ISSUERS: readonly TrustedIssuer[] = issuersFor(buildFlags);

/** Where a standalone launch without `iss` goes: the local sandbox in builds for it; elsewhere the user must come with one. */
export const DEFAULT_STANDALONE_ISS: string | undefined = buildFlags.VITE_SANDBOX_ISSUERS ? TRUSTED_ISSUERS[0]?.iss : undefined;

/** A resource type and the SMART v2 permission letters (in `cruds` order) Tailor asks for on it. */
export type ResourcePermission = readonly [resourceType: string, permissions: string];

/**
 * What Tailor reads: read+search ("rs") on the chart, and on CarePlan so it can find a plan it signed before
 * (re-signing updates that plan; the history lists them).
 */
export const READ_PERMISSIONS: readonly ResourcePermission[] = [
  ['Patient', 'rs'],
  ['Observation', 'rs'],
  ['Condition', 'rs'],
  ['MedicationRequest', 'rs'],
  ['MedicationStatement', 'rs'],
  ['AllergyIntolerance', 'rs'],
  ['FamilyMemberHistory', 'rs'],
  ['CarePlan', 'rs'],
];

/**
 * What signing writes, per write path (src/fhir/writeBack/writePath.ts): the care plan with its risk assessments,
 * the 10-year ASCVD Observation, its goals and a Provenance; or, where the EHR takes no CarePlan, a clinical note.
 * Only CarePlan is ever updated (re-signing a revised plan); everything else is only created: a revised goal or
 * assessment is a new resource (its identifier digests its content).
 * Both paths are asked for at launch: the CapabilityStatement that picks one is read after authorization.
 */
export const CARE_PLAN_WRITE_PERMISSIONS: readonly ResourcePermission[] = [
  ['CarePlan', 'cu'],
  ['RiskAssessment', 'c'],
  ['Observation', 'c'],
  ['Goal', 'c'],
  ['Provenance', 'c'],
];
export const NOTE_WRITE_PERMISSIONS: readonly ResourcePermission[] = [['DocumentReference', 'c']];

/** Every resource scope Tailor requests, reads first; a type read and written gets one scope for each purpose. */
export const RESOURCE_PERMISSIONS: readonly ResourcePermission[] = [...READ_PERMISSIONS, ...CARE_PLAN_WRITE_PERMISSIONS, ...NOTE_WRITE_PERMISSIONS];

/**
 * Identity and session scopes. `online_access`: a clinician-facing app needs refresh while the EHR session lasts,
 * not beyond it (offline_access would outlive the user's sign-in).
 */
export const IDENTITY_SCOPES = ['openid', 'fhirUser', 'online_access'] as const;
