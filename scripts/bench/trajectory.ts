/**
 * Measures planTrajectory on the heavy sandbox chart (> 5,000 Observations) on the main thread:
 * `npx tsx scripts/bench/trajectory.ts [runs]`. The facts are built once first, as the app does before it plans the
 * trajectory; then it prints the first plan and the median of the rest.
 */
import { buildSandboxResources } from '../../sandbox/data/index.ts';
import { sandboxChart } from '../../test/chart/fixtures.ts';
import { buildFacts } from '../../src/chart/buildFacts.ts';
import { loadUcum } from '../../src/chart/units.ts';
import { planTrajectory } from '../../src/risk/trajectory.ts';

const runs = Number(process.argv[2] ?? 20);
const now = new Date();
const chart = sandboxChart(buildSandboxResources(now), 'heavy-chart');
await loadUcum();
buildFacts(chart, now);
const times: number[] = [];
let points = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  points = planTrajectory(chart, now, { kfreRegion: 'north-america' }).points.length;
  times.push(performance.now() - start);
}
const [cold = NaN, ...warm] = times;
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] ?? NaN;
console.log(`heavy chart: ${chart.observations.length} Observations, ${points} points; first plan ${cold.toFixed(1)} ms, median of ${warm.length} warm runs ${median.toFixed(1)} ms`);
