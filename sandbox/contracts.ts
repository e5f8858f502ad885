/**
 * What the sandbox's authorization server and FHIR server agree on.
 * The authorization server owns launches and tokens; the FHIR server only asks it who a bearer token belongs to.
 */

/** Per-launch switches set on the launcher page, so tests can make the EHR misbehave on purpose. */
export interface LaunchSwitches {
  /** Access-token lifetime in seconds (default 3600). Short values exercise refresh and expiry. */
  tokenLifetimeSeconds?: number;
  /**
   * Imitates Epic and Oracle Health, where CarePlan is read-only and Oracle Health has no RiskAssessment: the FHIR
   * server answers CarePlan and RiskAssessment create/update with 405 and leaves them out of its CapabilityStatement.
   */
  carePlanWriteUnsupported?: boolean;
  /** The same for DocumentReference (clinical notes), so that nothing of a plan can be written: copy and print remain. */
  noteWriteUnsupported?: boolean;
  /**
   * Make one resource type fail or lag: every request for it waits delayMs, then answers status (if set) with an
   * OperationOutcome. "Bundle" is the base URL itself (transactions and batches). With `times`, only the launch's
   * first `times` such requests do; later ones are answered normally (a failure, then success). With `drop`, the
   * connection is destroyed instead of answered (a dropped connection: the browser sees a network error).
   */
  fault?: { resourceType: string; status?: number; delayMs?: number; times?: number; drop?: boolean };
  /** Imitate a vendor's quirks: 'epic' answers 400 to Observation searches without category. */
  personality?: 'generic' | 'epic';
  /** Scopes the authorization server leaves out of the grant even though the app asked (as a user unticking them would). */
  withholdScopes?: string[];
}

/** The authorization behind an access token. */
export interface TokenGrant {
  clientId: string;
  /** Granted scopes, exactly as granted (SMART v1 or v2 syntax). */
  scopes: string[];
  /** Launch context ids (bare ids, no resource type). */
  patient?: string;
  encounter?: string;
  /** Practitioner id of the signed-in user, if any. */
  practitioner?: string;
  switches: LaunchSwitches;
  /** Epoch seconds. */
  expiresAt: number;
}

/** Resolves an access token to its grant, or undefined when unknown, revoked or expired. */
export type Introspect = (accessToken: string) => Promise<TokenGrant | undefined>;

/** A synthetic person the launcher can offer. */
export interface SandboxPerson {
  id: string;
  name: string;
  /** One line saying why this chart exists (what it tests). */
  summary: string;
}
