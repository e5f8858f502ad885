import type { TrustedIssuer } from './config.ts';

/**
 * The Content-Security-Policy of the built app. Everything is same-origin except the EHRs on the allow-list, which
 * the browser may call (FHIR API, token endpoint) but never load code from. Inline style attributes are allowed
 * because charts position their parts with them; inline scripts, eval and third-party hosts are not.
 * frame-ancestors cannot be set from a meta tag; the hosting server sends it (README, "Security").
 */
export function contentSecurityPolicy(issuers: readonly TrustedIssuer[]): string {
  const connect = new Set<string>();
  for (const issuer of issuers) {
    connect.add(new URL(issuer.iss).origin);
    for (const origin of issuer.authOrigins) connect.add(origin);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `connect-src 'self' ${[...connect].sort().join(' ')}`,
  ].join('; ');
}
