/**
 * `npm run score -- FILE.ndjson`: the external-validation contract. Reads one JSON request per line and
 * writes one JSON result per line, in order, using the same artifacts and runtime as the browser
 * (TF.js cpu backend). A malformed line gets `{"line": n, "error": "..."}` and the others still run.
 */
import { readFile } from 'node:fs/promises';
import { nodeRiskEngine } from '../src/risk/load-node.ts';
import { parseRequestLine } from '../src/risk/request.ts';
import type { ScoreRequest } from '../src/risk/types.ts';

/** Lines scored per engine call: large enough to batch, small enough to bound memory on big files. */
const CHUNK = 4096;

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run score -- FILE.ndjson\n');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const engine = await nodeRiskEngine();

  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the newline that ends the last line
  for (let start = 0; start < lines.length; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK).map((l) => parseRequestLine(l.trim()));
    const requests: ScoreRequest[] = chunk.flatMap((p) => (p.ok ? [p.request] : []));
    const results = await engine.score(requests);
    let next = 0;
    const out = chunk.map((p, i) => JSON.stringify(p.ok ? results[next++] : { line: start + i + 1, error: p.error }));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return 0;
}

process.exitCode = await main();
