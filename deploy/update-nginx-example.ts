/**
 * Rewrites the generated header block of deploy/nginx.conf.example from src/csp.ts for the clinical build (the site's
 * own EHRs and frame ancestors only). Run after changing SITE_ISSUERS or SITE_FRAME_ANCESTORS:
 * `npx tsx deploy/update-nginx-example.ts` (the build's bundle check says so when the block is out of date).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { securityHeaders } from '../src/csp.ts';
import { nginxBlockIn, nginxHeaderBlock } from './hostHeaders.ts';

const file = resolve(import.meta.dirname, 'nginx.conf.example');
const conf = readFileSync(file, 'utf8');
const block = nginxBlockIn(conf);
if (!block) throw new Error(`${file} has no generated header block to replace`);
const indent = /^[ \t]*/.exec(block)?.[0] ?? '';
writeFileSync(file, conf.replace(block, nginxHeaderBlock(securityHeaders({}), indent)));
console.log(`Updated the security headers in ${file}`);
