/**
 * The chart as it was known at a past date: the loaded resources cut to what had been recorded by then, turned into
 * facts by the chart layer's own `buildFacts` (so a past point follows exactly the rules of today's facts).
 *
 * What "recorded by then" means, per resource:
 * - Observations: effective date ≤ the date. Undated ones are left out (the chart layer never takes a value from them).
 * - Conditions: onsetDateTime, else recordedDate (the date the chart layer shows) ≤ the date. An undated diagnosis is
 *   kept at every date: the problem list says the patient has it and nothing says since when; leaving it out would
 *   turn "diabetes: yes" into a silent "no", which lowers the risk. Its fact's sources carry no date, so the caller
 *   can say the point assumes it.
 * - MedicationRequests authored ≤ the date; MedicationStatements started (effective, else asserted) ≤ the date.
 * - AllergyIntolerance recorded (else onset) ≤ the date; undated ones are kept, like diagnoses.
 *
 * Medication status is today's status: FHIR R4 MedicationRequest records no stop date, so a request stopped or
 * completed today was taken from its authoredOn until some unknown day. At a past date it is counted as taken
 * (a drug that is stopped now was, most probably, taken when it was prescribed), and `assumedTaken` names such
 * requests so the caller can say the point rests on that assumption. A MedicationStatement with an
 * effectivePeriod.end is taken exactly within its period.
 *
 * Speed: buildFacts reads every Observation once per concept, so re-running it on the whole history at 64 dates
 * costs over a second on a 5,000-Observation chart. Observations are therefore grouped once by code and sorted by
 * date, and at each date only what the risk inputs rest on is passed: per code, the newest record (and any at the
 * same time), plus the two newest HbA1c results ≥ 6.5 % (buildFacts' earlierDiagnosticHba1c: an earlier diagnostic
 * HbA1c keeps diabetes from being "no" behind a lower latest one). The 12-month blood-pressure mean of a past fact is
 * therefore not computed: chartInputs takes the latest reading, not the mean. That is exact as long as each kept
 * newest record is usable: if any kept Observation is rejected (bad status, unit, value), an older one may be the
 * latest usable, and the date is rebuilt from all Observations recorded by then. test/risk/trajectory.test.ts checks
 * the inputs against a full rebuild on every sandbox chart.
 */
import { buildFacts, type ChartData } from '../chart/buildFacts.ts';
import { codings, isRecord, matchCoding, type CodeRef } from '../chart/codes.ts';
import { HBA1C_DIABETES_PERCENT } from '../chart/derived.ts';
import { parseFhirDate } from '../chart/fhirDate.ts';
import { effectiveDate } from '../chart/observationValidity.ts';
import type { ValueSets } from '../chart/siteCodes.ts';
import { readingsOf } from '../chart/observations.ts';
import type { ChartFacts, Fact } from '../chart/types.ts';

/** Observations oldest first: their effective dates and their indexes in chart.observations (to keep the chart's order). */
interface ObservationStream {
  at: number[];
  index: number[];
}

/** The Observations of one code (the same codings), oldest first. */
interface CodeStream extends ObservationStream {
  code: unknown;
}

interface Dated {
  resource: unknown;
  /** undefined: undated (kept at every date, see above). */
  at: number | undefined;
}

export interface ChartHistory {
  chart: ChartData;
  /** One stream per code (the Observation's codings). */
  streams: CodeStream[];
  /** Usable HbA1c results in the diabetes range. */
  diagnosticHba1c: ObservationStream;
  /** The oldest effective date of any loaded Observation (epoch ms). */
  oldestObservation?: number;
  conditions: Dated[];
  requests: Dated[];
  statements: (Dated & { end: number | undefined })[];
  allergies: Dated[];
}

/** Statuses that end a drug today, with no stop date recorded (R4 medicationrequest-status / medication-statement-status). */
const ENDED = new Set(['stopped', 'completed']);

/** Indexes the loaded chart once: Observations grouped by code and sorted by date, the other resources dated. */
export function indexChartHistory(chart: ChartData, now: Date, valueSets: ValueSets): ChartHistory {
  const groups = new Map<string, { code: unknown; records: { at: number; index: number }[] }>();
  const indexById = new Map<string, number>();
  let oldest: number | undefined;
  chart.observations.forEach((obs, index) => {
    if (!isRecord(obs)) return;
    if (typeof obs.id === 'string' && !indexById.has(obs.id)) indexById.set(obs.id, index);
    const at = parseFhirDate(effectiveDate(obs));
    if (at === undefined) return;
    oldest = oldest === undefined ? at : Math.min(oldest, at);
    const key = codings(obs.code).map((c) => `${c.system}|${c.code}`).join(' ');
    const group = groups.get(key);
    if (group) group.records.push({ at, index });
    else groups.set(key, { code: obs.code, records: [{ at, index }] });
  });
  const streams = [...groups.values()].map(({ code, records }) => ({ code, ...stream(records) }));
  const hba1c = valueSets.observations.find((c) => c.key === 'hba1c');
  const diagnostic = (hba1c ? readingsOf(hba1c, observationsCoded(chart, streams, [...hba1c.codes, ...(hba1c.panels ?? [])]), now).readings : [])
    .filter((r) => r.value >= HBA1C_DIABETES_PERCENT)
    .flatMap((r) => {
      const index = indexById.get(r.source.id);
      return index === undefined ? [] : [{ at: r.at, index }];
    });
  const dated = (resources: readonly unknown[], date: (r: Record<string, unknown>) => unknown): Dated[] =>
    resources.map((resource) => ({ resource, at: isRecord(resource) ? parseFhirDate(date(resource)) : undefined }));
  return {
    chart,
    streams,
    diagnosticHba1c: stream(diagnostic),
    ...(oldest !== undefined ? { oldestObservation: oldest } : {}),
    conditions: dated(chart.conditions, (c) => (typeof c.onsetDateTime === 'string' ? c.onsetDateTime : c.recordedDate)),
    requests: dated(chart.medicationRequests, (r) => r.authoredOn),
    statements: chart.medicationStatements.map((resource) => {
      const period = isRecord(resource) && isRecord(resource.effectivePeriod) ? resource.effectivePeriod : undefined;
      const start = isRecord(resource) ? (resource.effectiveDateTime ?? period?.start ?? resource.dateAsserted) : undefined;
      return { resource, at: parseFhirDate(start), end: parseFhirDate(period?.end) };
    }),
    allergies: dated(chart.allergies, (a) => (typeof a.recordedDate === 'string' ? a.recordedDate : a.onsetDateTime)),
  };
}

/**
 * The dated Observations whose code matches a value set, in the chart's order: a stream's records share their
 * codings, so one match per code instead of one per Observation.
 */
export function observationsMatching(history: ChartHistory, valueSet: readonly CodeRef[]): unknown[] {
  return observationsCoded(history.chart, history.streams, valueSet);
}

function observationsCoded(chart: ChartData, streams: readonly CodeStream[], valueSet: readonly CodeRef[]): unknown[] {
  const indexes = streams.filter((s) => matchCoding(s.code, valueSet) !== undefined).flatMap((s) => s.index);
  return indexes.sort((a, b) => a - b).map((i): unknown => chart.observations[i]);
}

function stream(records: { at: number; index: number }[]): ObservationStream {
  records.sort((a, b) => a.at - b.at || a.index - b.index);
  return { at: records.map((r) => r.at), index: records.map((r) => r.index) };
}

/** What the facts at a date rest on beyond the records themselves. */
export interface FactsAt {
  facts: ChartFacts;
  /** Ids of MedicationRequests/Statements stopped or completed today, with no stop date, counted as taken at the date. */
  assumedTaken: Set<string>;
}

/**
 * Facts from what had been recorded by `at`, with "now" = `at` for ages and staleness. With `today`, nothing is cut:
 * the facts are today's, from today's statuses.
 */
export function factsAt(history: ChartHistory, at: Date, valueSets: ValueSets, today = false): FactsAt {
  const assumedTaken = new Set<string>();
  const cutoff = today ? Infinity : at.getTime();
  const chart: ChartData = today ? history.chart : {
    ...history.chart,
    conditions: recordedBy(history.conditions, cutoff),
    medicationRequests: recordedBy(history.requests, cutoff).map((r) => drugAt(r, 'not recorded', assumedTaken)),
    medicationStatements: history.statements
      .filter((s) => s.at === undefined || s.at <= cutoff)
      .map((s) => drugAt(s.resource, s.end === undefined ? 'not recorded' : s.end <= cutoff ? 'ended' : 'later', assumedTaken)),
    allergies: recordedBy(history.allergies, cutoff),
  };
  const facts = buildFacts({ ...chart, observations: observationsAt(history, cutoff, false) }, at, valueSets);
  if (!keptObservationRejected(facts)) return { facts, assumedTaken };
  return { facts: buildFacts({ ...chart, observations: observationsAt(history, cutoff, true) }, at, valueSets), assumedTaken };
}

/** A medication resource as if it had never ended: for when a drug was started, whatever its status today. */
export function everTaken(resource: unknown): unknown {
  return isRecord(resource) && typeof resource.status === 'string' && ENDED.has(resource.status) ? { ...resource, status: 'active' } : resource;
}

function recordedBy(resources: readonly Dated[], at: number): unknown[] {
  return resources.filter((r) => r.at === undefined || r.at <= at).map((r) => r.resource);
}

/**
 * A medication resource as it stood at the date, given its recorded stop date ('ended' by then, ends 'later', or
 * 'not recorded'): one ended by then is completed; one stopped or completed today without a stop date is counted as
 * taken and named in `assumedTaken`; anything else keeps today's status.
 */
function drugAt(resource: unknown, stop: 'ended' | 'later' | 'not recorded', assumedTaken: Set<string>): unknown {
  if (!isRecord(resource) || typeof resource.status !== 'string') return resource;
  const endedToday = ENDED.has(resource.status);
  if (stop === 'ended') return endedToday || resource.status === 'active' ? { ...resource, status: 'completed' } : resource;
  if (!endedToday) return resource;
  if (stop === 'not recorded' && typeof resource.id === 'string') assumedTaken.add(resource.id);
  return everTaken(resource);
}

/** The Observations the inputs rest on among those dated up to `cutoff` (with `all`: every one), in the chart's order. */
function observationsAt(history: ChartHistory, cutoff: number, all: boolean): unknown[] {
  const kept: number[] = [];
  for (const s of history.streams) {
    const end = upperBound(s.at, cutoff);
    if (end === 0) continue;
    kept.push(...s.index.slice(all ? 0 : lowerBound(s.at, s.at[end - 1] as number), end));
  }
  if (!all) {
    const high = history.diagnosticHba1c;
    const end = upperBound(high.at, cutoff);
    kept.push(...high.index.slice(Math.max(0, end - 2), end));
  }
  return [...new Set(kept)].sort((a, b) => a - b).map((i): unknown => history.chart.observations[i]);
}

function keptObservationRejected(facts: ChartFacts): boolean {
  const all: Fact<unknown>[] = Object.values(facts);
  return all.some((fact) => fact.rejected.some((r) => r.source.resourceType === 'Observation'));
}

/** Number of sorted values ≤ x. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of sorted values < x. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
