/**
 * Bench page (built and driven by scripts/bench.ts): times the production risk worker from the main
 * thread, round trip included. Synthetic patients only.
 */
import { createRiskClient } from '../../src/risk/client.ts';
import { onePatient, whatIf } from './requests.ts';
import { stats } from './stats.ts';

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function run(): Promise<unknown> {
  const client = createRiskClient();
  const t0 = performance.now();
  const first = await client.score(onePatient);
  const coldMs = performance.now() - t0;
  if (!first.every((r) => r.applicable)) throw new Error(`bench patient not applicable: ${JSON.stringify(first)}`);
  await time(() => client.score(whatIf), 20); // warm-up
  const one = stats(await time(() => client.score(onePatient), 200));
  const batch = stats(await time(() => client.score(whatIf), 200));
  client.dispose();
  return { coldFirstScoreMs: Math.round(coldMs), onePatientAllModelsMs: one, batch64WhatIfMs: batch, risks: first.map((r) => [r.model, r.risks]) };
}

const out = document.getElementById('out')!;
run().then(
  (result) => {
    (window as unknown as { benchResult: unknown }).benchResult = result;
    out.textContent = JSON.stringify(result, null, 2);
  },
  (e: unknown) => {
    (window as unknown as { benchResult: unknown }).benchResult = { error: String(e) };
    out.textContent = String(e);
  },
);
