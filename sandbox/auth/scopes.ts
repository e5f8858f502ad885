/**
 * The scope vocabulary the sandbox's authorization server accepts: SMART v1 (`.read`, `.write`, `.*`) and v2
 * (`.c`, `.rs`, `.cruds` …, letters in that order) for patient and user contexts (SMART App Launch 2.2, "Scopes").
 */
const RESOURCE_TYPES = [
  '*', 'Patient', 'Practitioner', 'Observation', 'Condition', 'MedicationRequest', 'MedicationStatement',
  'AllergyIntolerance', 'FamilyMemberHistory', 'CarePlan', 'RiskAssessment', 'DocumentReference', 'Encounter',
  'Goal', 'ServiceRequest', 'Provenance', 'Procedure', 'DiagnosticReport', 'Immunization',
];

/** Every non-empty subsequence of "cruds", the only legal v2 permission strings. */
function v2Permissions(): string[] {
  const letters = [...'cruds'];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << letters.length; mask++) {
    out.push(letters.filter((_, i) => mask & (1 << i)).join(''));
  }
  return out;
}

export const CONTEXT_SCOPES = ['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'online_access', 'offline_access'];

export function supportedScopes(): string[] {
  const permissions = ['read', 'write', '*', ...v2Permissions()];
  const resourceScopes = ['patient', 'user'].flatMap((context) =>
    RESOURCE_TYPES.flatMap((type) => permissions.map((p) => `${context}/${type}.${p}`)),
  );
  return [...CONTEXT_SCOPES, ...resourceScopes];
}

/** The scopes a grant gets: what was asked for and is known, less what the launch was told to withhold. */
export function scopesToGrant(requested: string, withheld: readonly string[] = []): string[] {
  const known = new Set(supportedScopes());
  return requested
    .split(/\s+/)
    .filter((scope) => scope && known.has(scope) && !withheld.includes(scope));
}
