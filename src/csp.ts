import { issuersFor, type IssuerBuildFlags, type TrustedIssuer } from './config.ts';

/**
 * The Content-Security-Policy of the built app. Everything is same-origin except the EHRs on the allow-list, which
 * the browser may call (FHIR API, token endpoint) but never load code from. Inline style attributes are allowed
 * because charts position their parts with them; inline scripts, eval and third-party hosts are not.
 * frame-ancestors cannot be set from a meta tag; the hosting server sends it with the rest of `securityHeaders`.
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
    ['connect-src', "'self'", ...[...connect].sort()].join(' '),
  ].join('; ');
}

/**
 * The web origins of the deploying site's EHR pages that show Tailor in an iframe (PowerChart MPages, a web EHR):
 * the one place a site sets them. Empty here, so a clinical build may be framed by nobody (`frame-ancestors 'none'`),
 * which is right where the EHR opens Tailor as the top-level page of its embedded browser or in a window.
 */
export const SITE_FRAME_ANCESTORS: readonly string[] = [];

/** The SMART launcher shows the app inside its simulated EHR page (an iframe) when asked to. */
const PUBLIC_SANDBOX_FRAME_ANCESTORS: readonly string[] = ['https://launch.smarthealthit.org'];

/**
 * Who may frame this build: the site's EHR pages, plus the test EHRs the build trusts (a local sandbox's launcher is
 * served by the sandbox's own server, the FHIR base's origin; the public launcher when the build trusts it).
 */
export function frameAncestors(flags: IssuerBuildFlags): string[] {
  const sandboxes = issuersFor({ VITE_SANDBOX_ISSUERS: flags.VITE_SANDBOX_ISSUERS }).map((i) => new URL(i.iss).origin);
  const publicSandboxes = flags.VITE_TRUST_PUBLIC_SANDBOXES === 'true' ? PUBLIC_SANDBOX_FRAME_ANCESTORS : [];
  return [...new Set([...sandboxes, ...SITE_FRAME_ANCESTORS, ...publicSandboxes])];
}

export type SecurityHeaders = readonly (readonly [name: string, value: string])[];

/**
 * The HTTP response headers a host sends with every file of the build (README, "Security"): the page's CSP with
 * frame-ancestors added (a meta tag cannot carry it), and no X-Frame-Options: DENY would stop the EHR from framing
 * Tailor, and frame-ancestors supersedes it in every browser that supports both.
 */
export function securityHeaders(flags: IssuerBuildFlags): SecurityHeaders {
  const ancestors = frameAncestors(flags);
  return [
    ['Content-Security-Policy', `${contentSecurityPolicy(issuersFor(flags))}; frame-ancestors ${ancestors.length > 0 ? ancestors.join(' ') : "'none'"}`],
    // Scripts, styles and the model files are used only when served with their own type.
    ['X-Content-Type-Options', 'nosniff'],
    // Page URLs carry the launch's iss, launch and state; no request says where it came from. Calls to the EHR are
    // CORS requests, whose Origin header a referrer policy does not change (Fetch standard, "append a request Origin header").
    ['Referrer-Policy', 'no-referrer'],
    // Tailor uses no device or payment feature; nothing it loads may ask for one.
    ['Permissions-Policy', 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()'],
  ];
}
