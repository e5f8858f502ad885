/**
 * The security headers of src/csp.ts written in the forms static hosts read: Netlify's and Cloudflare Pages' `_headers`
 * file (emitted into every build by vite.config.ts) and nginx `add_header` lines (the block in nginx.conf.example).
 * scripts/check-bundle.ts compares both with src/csp.ts, so neither can drift from the page's own policy.
 */
import type { SecurityHeaders } from '../src/csp.ts';

const GENERATED = 'Generated from src/csp.ts (securityHeaders): change the headers there, not here.';

/** `_headers`: one rule for every path, so the app, the launch page, the worker and the models all get them. */
export function headersFile(headers: SecurityHeaders): string {
  return [`# ${GENERATED}`, '/*', ...headers.map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}

export const NGINX_BEGIN = '# BEGIN Tailor security headers';
export const NGINX_END = '# END Tailor security headers';

/**
 * nginx lines for a server block. `always` sends them on error pages too. nginx drops a server block's add_header
 * lines inside any location that has add_header lines of its own, so such a location must repeat them.
 */
export function nginxHeaderBlock(headers: SecurityHeaders, indent = '    '): string {
  const lines = headers.map(([name, value]) => `add_header ${name} "${value}" always;`);
  return [NGINX_BEGIN, `# ${GENERATED}`, ...lines, NGINX_END].map((l) => `${indent}${l}`).join('\n');
}

/** The generated block in an nginx file (markers included, as indented there), or undefined when it has none. */
export function nginxBlockIn(conf: string): string | undefined {
  const match = new RegExp(`^[ \\t]*${NGINX_BEGIN}[\\s\\S]*?${NGINX_END}$`, 'm').exec(conf);
  return match?.[0];
}
