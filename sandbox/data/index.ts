/**
 * The sandbox's synthetic population: the catalogue the launcher shows and the resources the FHIR server loads.
 * Everything is generated from code (no stored bundles): deterministic for a given date, relative to that date.
 */
import type { Resource } from 'fhir/r4';
import type { SandboxPerson } from '../contracts.ts';
import { Chart, startOfDayUtc } from './chart.ts';
import { CHART_SHAPE_CASES } from './chartShapes.ts';
import { CASES } from './patients.ts';
import { practitionerResources } from './practitioners.ts';

export { listPractitioners } from './practitioners.ts';
export { todaysVisitId } from './chart.ts';

/** The edge-case patients, then the real-world chart shapes (chartShapes.ts). */
const ALL_CASES = [...CASES, ...CHART_SHAPE_CASES];

export function listPatients(): SandboxPerson[] {
  return ALL_CASES.map((c) => ({ id: c.person.id, name: `${c.person.given} ${c.person.family}`, summary: c.summary }));
}

/** Every Practitioner and every patient's chart, with dates counted back from `now`'s UTC date. */
export function buildSandboxResources(now: Date = new Date()): Resource[] {
  const today = startOfDayUtc(now);
  const charts = ALL_CASES.map((c) => {
    const chart = new Chart(c.person, today);
    c.build(chart);
    return chart.resources;
  });
  return [...practitionerResources(), ...charts.flat()];
}
