import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadEnv } from 'vite';
import { headersFile, nginxBlockIn, nginxHeaderBlock } from '../deploy/hostHeaders.ts';
import { issuersFor, PUBLIC_SANDBOX_ISSUERS } from '../src/config.ts';
import { contentSecurityPolicy, securityHeaders } from '../src/csp.ts';

/**
 * Checks the production build (`dist/`) for what a security review looks for: every page carries the CSP, pages load
 * nothing from another origin, and no sandbox code or loopback server made it into the bundle. Unless the build was
 * made to trust the public test sandboxes (VITE_TRUST_PUBLIC_SANDBOXES=true), the CSP must not let the page reach them.
 * The headers a host sends (dist/_headers, deploy/nginx.conf.example) must be src/csp.ts's, with the pages' own policy.
 */
const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
// The build flags as vite.config.ts reads them.
const flags: Record<string, string | undefined> = { ...loadEnv('production', root, 'VITE_'), ...process.env };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const problems: string[] = [];
const all = files(dist).filter((f) => !f.endsWith('.map'));
const forbidden: [RegExp, string][] = [
  [/127\.0\.0\.1|localhost:\d/, 'a loopback server address'],
  [/oidc-provider|@medplum|sandbox\/(auth|fhir|data)/, 'sandbox code'],
];
const publicSandboxOrigins = flags.VITE_TRUST_PUBLIC_SANDBOXES === 'true' ? [] : PUBLIC_SANDBOX_ISSUERS.map((i) => new URL(i.iss).origin);
for (const file of all.filter((f) => /\.(js|html|json)$/.test(f))) {
  const text = readFileSync(file, 'utf8');
  for (const [pattern, what] of forbidden) {
    if (pattern.test(text)) problems.push(`${relative(dist, file)} contains ${what} (${pattern})`);
  }
}
for (const page of all.filter((f) => f.endsWith('.html'))) {
  const html = readFileSync(page, 'utf8').replaceAll('&#39;', "'");
  const name = relative(dist, page);
  if (!/<meta http-equiv="Content-Security-Policy" content="default-src 'self'/.test(html)) problems.push(`${name} has no CSP meta tag`);
  const connect = /connect-src ([^;"]*)/.exec(html)?.[1] ?? '';
  for (const origin of publicSandboxOrigins) {
    if (connect.includes(origin)) problems.push(`${name} lets a clinical build connect to the public test sandbox ${origin}`);
  }
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    if (/^(https?:)?\/\//.test(url!)) problems.push(`${name} loads ${url} from another origin`);
  }
}

/** The pages Vite builds carry exactly the policy of src/csp.ts (public/ pages carry their own, stricter one). */
const APP_PAGES = ['index.html', 'launch/index.html'];
const pagePolicy = contentSecurityPolicy(issuersFor(flags));
for (const name of APP_PAGES) {
  const html = existsSync(join(dist, name)) ? readFileSync(join(dist, name), 'utf8').replaceAll('&#39;', "'") : '';
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  if (meta !== pagePolicy) problems.push(`${name}: its CSP is not src/csp.ts's for this build (${meta ?? 'none'})`);
}

const headers = securityHeaders(flags);
const headersPath = join(dist, '_headers');
const served = existsSync(headersPath) ? readFileSync(headersPath, 'utf8') : undefined;
if (served === undefined) problems.push('_headers is missing (vite.config.ts emits it)');
else if (served !== headersFile(headers)) problems.push('_headers is not the headers of src/csp.ts for this build');
const headerPolicy = /^ {2}Content-Security-Policy: (.*)$/m.exec(served ?? '')?.[1] ?? '';
if (!headerPolicy.startsWith(`${pagePolicy}; frame-ancestors `)) problems.push(`_headers: its CSP is not the pages' policy plus frame-ancestors (${headerPolicy})`);

// deploy/nginx.conf.example holds the clinical build's headers (no sandbox flags), whatever this build trusts.
const nginxPath = join(root, 'deploy/nginx.conf.example');
const nginxBlock = nginxBlockIn(readFileSync(nginxPath, 'utf8'));
const indent = /^[ \t]*/.exec(nginxBlock ?? '')?.[0] ?? '';
if (nginxBlock !== nginxHeaderBlock(securityHeaders({}), indent)) {
  problems.push('deploy/nginx.conf.example: its header block is not src/csp.ts\'s; run npx tsx deploy/update-nginx-example.ts');
}
for (const [name, text] of [['_headers', served ?? ''], ['deploy/nginx.conf.example', nginxBlock ?? '']] as const) {
  // X-Frame-Options DENY or SAMEORIGIN would stop the EHR from framing Tailor; frame-ancestors is the control.
  if (/x-frame-options/i.test(text)) problems.push(`${name} sends X-Frame-Options`);
}

if (problems.length) {
  console.error(`Bundle check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Bundle check passed: ${all.length} files, CSP on every page, _headers and the nginx example from src/csp.ts, nothing from other origins, no sandbox code.`);
