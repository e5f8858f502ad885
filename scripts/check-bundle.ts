import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PUBLIC_SANDBOX_ISSUERS } from '../src/config.ts';

/**
 * Checks the production build (`dist/`) for what a security review looks for: every page carries the CSP, pages load
 * nothing from another origin, and no sandbox code or loopback server made it into the bundle. Unless the build was
 * made to trust the public test sandboxes (VITE_TRUST_PUBLIC_SANDBOXES=true), the CSP must not let the page reach them.
 */
const dist = resolve(import.meta.dirname, '../dist');

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
const publicSandboxOrigins = process.env.VITE_TRUST_PUBLIC_SANDBOXES === 'true' ? [] : PUBLIC_SANDBOX_ISSUERS.map((i) => new URL(i.iss).origin);
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

if (problems.length) {
  console.error(`Bundle check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Bundle check passed: ${all.length} files, CSP on every page, nothing from other origins, no sandbox code.`);
