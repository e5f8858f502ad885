import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pp } from './engine.ts';
import { kfreRisk, pceRisk } from './reference.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const pce = { age: 55, sex: 'male', race: 'white', totalCholesterol: 213, hdl: 50, systolicBP: 120, onBPTreatment: false, smoker: false, diabetes: false } as const;
const kfre = { age: 60, sex: 'female', egfr: 30, uacr: 300, region: 'other' } as const;

function runScore(lines: string[]): { status: number | null; out: Record<string, unknown>[]; stderr: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'tailor-score-')), 'in.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/score.ts', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

describe('npm run score (CLI contract)', () => {
  it('writes one JSON line per input line, in order; a malformed line gets an error and the rest still run', () => {
    const { status, out } = runScore([
      JSON.stringify({ model: 'pce', inputs: pce }),
      '{"model": "pce", "inputs": {',
      JSON.stringify({ model: 'kfre4', inputs: kfre }),
      JSON.stringify({ model: 'pce', inputs: { ...pce, age: 80 } }),
      JSON.stringify({ model: 'prevent', inputs: { age: 50, sbp: 120 } }),
      JSON.stringify({ model: 'qrisk', inputs: {} }),
      JSON.stringify({ model: 'pce', inputs: { ...pce, smoker: 'yes' } }),
    ]);
    expect(status).toBe(0);
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ model: 'pce', applicable: true, reason: '', variant: 'white-male' });
    expect(pp((out[0]!.risks as { ascvd_10y: number }).ascvd_10y, pceRisk(pce))).toBeLessThanOrEqual(0.05);
    expect(out[1]).toMatchObject({ line: 2 });
    expect(String(out[1]!.error)).toMatch(/^not JSON/);
    expect(out[2]).toMatchObject({ model: 'kfre4', applicable: true, variant: '4-variable, non-North America calibration' });
    const k = out[2]!.risks as { kidney_failure_2y: number; kidney_failure_5y: number };
    expect(pp(k.kidney_failure_2y, kfreRisk('kfre4', kfre, 'other', 2))).toBeLessThanOrEqual(0.05);
    expect(pp(k.kidney_failure_5y, kfreRisk('kfre4', kfre, 'other', 5))).toBeLessThanOrEqual(0.05);
    expect(out[3]).toEqual({ model: 'pce', applicable: false, reason: 'PCE is for ages 40–79', variant: 'white-male', risks: {} });
    expect(out[4]).toEqual({ line: 5, error: 'unknown input "sbp"' });
    expect(out[5]).toMatchObject({ line: 6, error: expect.stringContaining('"model" must be one of') });
    expect(out[6]).toEqual({ line: 7, error: '"smoker" must be true or false' });
  });

  it('exits 2 with a usage message when the file is missing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/score.ts', '/nonexistent.ndjson'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read/);
  });
});
