import type { TrustedIssuer } from '../config.ts';

/** Trailing slashes are not significant in a FHIR base URL; everything else (scheme, host, port, path case) is. */
function normalise(url: string): string {
  return url.replace(/\/+$/, '');
}

export type IssuerCheck =
  | { trusted: true; iss: string; issuer: TrustedIssuer }
  | { trusted: false; iss: string; reason: string };

/**
 * Is `iss` a server Tailor may send a user to? Checked before any request to it, so an attacker-supplied `iss`
 * can neither receive the user's browser nor learn that the app exists.
 */
export function checkIssuer(iss: string | null | undefined, allowList: readonly TrustedIssuer[]): IssuerCheck {
  if (!iss) return { trusted: false, iss: '', reason: 'The launch did not say which FHIR server to use (no "iss").' };
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return { trusted: false, iss, reason: 'The "iss" parameter is not a valid URL.' };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { trusted: false, iss, reason: 'The "iss" URL carries a query, fragment or credentials, which a FHIR base URL never has.' };
  }
  const candidate = normalise(url.href);
  for (const issuer of allowList) {
    const base = normalise(issuer.iss);
    // URL parsing has already resolved dot segments (also percent-encoded ones), so a prefix match cannot be escaped.
    const matches = issuer.match === 'exact' ? candidate === base : candidate.startsWith(`${base}/`);
    if (matches) return { trusted: true, iss: candidate, issuer };
  }
  return { trusted: false, iss, reason: 'This FHIR server is not on the list of servers Tailor is allowed to connect to.' };
}
