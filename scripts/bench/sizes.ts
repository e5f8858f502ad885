import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipKiB = (bytes: Buffer): number => Math.round((gzipSync(bytes, { level: 9 }).byteLength / 1024) * 10) / 10;

/**
 * Gzip size of the JavaScript a page loads before it runs: its module scripts and their modulepreloads, as written
 * into the built HTML by Vite. Lazily imported chunks and the risk worker are not counted.
 */
export function firstLoadJsGzipKiB(outDir: string, page: string): number {
  const pagePath = join(outDir, page);
  const html = readFileSync(pagePath, 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)) files.add(m[1]!);
  let total = 0;
  for (const f of files) total += gzipKiB(readFileSync(join(dirname(pagePath), f)));
  return Math.round(total * 10) / 10;
}

export function fileGzipKiB(path: string): number {
  return gzipKiB(readFileSync(path));
}
