/**
 * The risk trajectory's plan: the dates to re-score, and at each the model inputs known then or why that date has no
 * number. The worker scores the points; this module only decides what each point rests on.
 *
 * Dates (all from the loaded chart):
 * - today (the facts as they are now);
 * - each yearly anniversary of today back to the oldest loaded Observation;
 * - each date a key input changed: a new lipid result (total cholesterol or HDL), a change of smoking status, a new
 *   diabetes or ASCVD diagnosis, the start of an antihypertensive or a statin. Blood pressure, which a heavily
 *   monitored chart records every few days, enters only through the yearly points and the other dates: a point per
 *   reading would be noise. Key changes before the oldest loaded Observation are left out: the line starts where
 *   the loaded history starts.
 * A past point is scored from what had been recorded by the end of its (UTC) day (see chartHistory.ts).
 *
 * At most `maxPoints` (64) points: today first, then the yearly points and the diagnosis, smoking and treatment
 * changes, then lipid results. The first group that does not fit whole is thinned to evenly spaced dates (by rank in
 * time), so a chart with monthly lipid panels keeps every yearly point and a lipid point every few months.
 *
 * Gaps: an input PCE or PREVENT requires that is unknown, or stale at that date (the chart layer's staleness.ts
 * thresholds), is named and the point is not scored. Race is not a gap: it is undated, so it is missing at every
 * date or at none, and the risk view already asks for it for today's PCE. A stale optional input (BMI, HbA1c, UACR)
 * does not block PREVENT: it is left out of the point's inputs, which then use the equations without it, and `why`
 * says so.
 */
import { matchingConditions } from '../chart/conditions.ts';
import { isRecord, matchCoding } from '../chart/codes.ts';
import { DAY_MS, parseFhirDate } from '../chart/fhirDate.ts';
import { activeDrugs } from '../chart/medications.ts';
import { usableObservation } from '../chart/observationValidity.ts';
import { readingsOf } from '../chart/observations.ts';
import { DEFAULT_VALUE_SETS, type ValueSets } from '../chart/siteCodes.ts';
import type { ChartData } from '../chart/buildFacts.ts';
import type { ChartFacts, SmokingStatus } from '../chart/types.ts';
import { DRUG_CLASSES } from '../chart/valueSets/medications.ts';
import { SMOKING_STATUS_CODE } from '../chart/valueSets/social.ts';
import { everTaken, factsAt, indexChartHistory, observationsMatching, type ChartHistory } from './chartHistory.ts';
import { chartInputs } from './chartInputs.ts';
import { INPUT_LABEL } from './inputDisplay.ts';
import { pce } from './models/pce.ts';
import { prevent } from './models/prevent.ts';
import type { InputName, KfreRegion } from './types.ts';
import type { ChartInputs, TrajectoryPlan, TrajectoryPoint } from './viewModel.ts';

export const DEFAULT_MAX_POINTS = 64;

/** Inputs without which neither PCE nor PREVENT gives a number (race excepted, see above). */
const REQUIRED: readonly InputName[] = [...new Set([...pce.requiredInputs, ...prevent.requiredInputs])].filter((n) => n !== 'race');
/** Optional inputs that select PREVENT's add-on equations (BMI: its heart-failure equations). */
const OPTIONAL: readonly InputName[] = prevent.optionalInputs.filter((n) => n !== 'priorASCVD');

/** 0: today; 1: yearly and key clinical changes; 2: lipid results. Lower tiers are kept first under the cap. */
type Tier = 0 | 1 | 2;

interface PlannedDate {
  /** ISO date (YYYY-MM-DD), the point's identity: several reasons on one day make one point. */
  date: string;
  /** Facts recorded up to this instant (epoch ms) count. */
  cutoff: number;
  tier: Tier;
  reasons: string[];
}

export function planTrajectory(chart: ChartData, now: Date, opts: { valueSets?: ValueSets; kfreRegion: KfreRegion; maxPoints?: number }): TrajectoryPlan {
  const valueSets = opts.valueSets ?? DEFAULT_VALUE_SETS;
  const history = indexChartHistory(chart, now, valueSets);
  const dates = capDates(plannedDates(history, now, valueSets), Math.max(1, opts.maxPoints ?? DEFAULT_MAX_POINTS));
  const points = dates.map((d) => pointAt(history, d, d.tier === 0, valueSets, opts.kfreRegion));
  return {
    points,
    ...(history.oldestObservation !== undefined ? { historyFrom: isoDate(history.oldestObservation) } : {}),
    // The loader lists every Observation search its page cap cut off; older results exist on the server.
    complete: Object.keys(chart.completeSince ?? {}).length === 0,
  };
}

function pointAt(history: ChartHistory, planned: PlannedDate, today: boolean, valueSets: ValueSets, kfreRegion: KfreRegion): TrajectoryPoint {
  const { facts, assumedTaken } = factsAt(history, new Date(planned.cutoff), valueSets, today);
  const known = chartInputs(facts, { kfreRegion });
  const gaps = [...new Set(REQUIRED.flatMap((input) => gapOf(known, input)))];
  const inputs = { ...known.inputs };
  const leftOut = OPTIONAL.flatMap((input) => {
    const stale = staleText(known, input);
    if (stale === undefined) return [];
    delete inputs[input];
    return [`${stale}, left out`];
  });
  const assumptions = today ? [] : assumptionsOf(facts, assumedTaken);
  return { date: planned.date, why: [...planned.reasons, ...leftOut, ...assumptions].join('; '), inputs, gaps };
}

function gapOf(known: ChartInputs, input: InputName): string[] {
  if (known.inputs[input] === undefined) return [known.missing[input]?.reason ?? `${INPUT_LABEL[input]} unknown`];
  const stale = staleText(known, input);
  return stale === undefined ? [] : [stale];
}

/** "systolic BP 3.1 years old" for an input whose fact is stale at the point's date. */
function staleText(known: ChartInputs, input: InputName): string | undefined {
  const staleness = known.provenance[input]?.staleness;
  if (known.inputs[input] === undefined || staleness?.level !== 'stale') return undefined;
  return `${STALE_LABEL[input] ?? INPUT_LABEL[input]} ${(staleness.ageDays / 365.25).toFixed(1)} years old`;
}

/** What grows old is the record, not the input: "smoking status 3.2 years old", not "current smoking …". */
const STALE_LABEL: Partial<Record<InputName, string>> = { smoker: 'smoking status' };

/** What a past point takes on trust: drugs stopped since (no stop date recorded), diagnoses without a date. */
function assumptionsOf(facts: ChartFacts, assumedTaken: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [fact, what] of [[facts.onStatin, 'statin'], [facts.onBPTreatment, 'BP treatment']] as const) {
    if (fact.state === 'known' && fact.value && fact.sources.every((s) => assumedTaken.has(s.id))) {
      out.push(`${what} assumed still taken then (${fact.note ?? 'drug'} stopped since, stop date not recorded)`);
    }
  }
  for (const [fact, what] of [[facts.diabetes, 'diabetes'], [facts.ascvd, 'ASCVD']] as const) {
    if (fact.state === 'known' && fact.value && fact.origin === 'chart' && fact.sources.every((s) => s.resourceType === 'Condition' && s.date === undefined)) {
      out.push(`${what} from an undated diagnosis, assumed present then`);
    }
  }
  return out;
}

function plannedDates(history: ChartHistory, now: Date, valueSets: ValueSets): PlannedDate[] {
  const byDate = new Map<string, PlannedDate>();
  const today = isoDate(now.getTime());
  byDate.set(today, { date: today, cutoff: now.getTime(), tier: 0, reasons: ['today'] });
  const add = (at: number, tier: Tier, reason: string) => {
    if (history.oldestObservation === undefined || at > now.getTime() || endOfDay(at) < history.oldestObservation) return;
    const date = isoDate(at);
    const planned = byDate.get(date);
    if (!planned) byDate.set(date, { date, cutoff: endOfDay(at), tier, reasons: [reason] });
    else {
      if (tier < planned.tier) planned.tier = tier;
      if (!planned.reasons.includes(reason)) planned.reasons.push(reason);
    }
  };
  for (let years = 1; ; years++) {
    const at = new Date(now);
    at.setUTCFullYear(now.getUTCFullYear() - years);
    if (history.oldestObservation === undefined || endOfDay(at.getTime()) < history.oldestObservation) break;
    add(at.getTime(), 1, 'yearly');
  }
  for (const change of keyChanges(history, now, valueSets)) add(change.at, change.tier, change.reason);
  return [...byDate.values()];
}

interface KeyChange {
  at: number;
  tier: Tier;
  reason: string;
}

function keyChanges(history: ChartHistory, now: Date, valueSets: ValueSets): KeyChange[] {
  const { chart } = history;
  return [...lipidResults(history, now, valueSets), ...smokingChanges(history, now, valueSets), ...diagnoses(chart, now, valueSets), ...treatmentStarts(chart, valueSets)];
}

function lipidResults(history: ChartHistory, now: Date, valueSets: ValueSets): KeyChange[] {
  return valueSets.observations
    .filter((c) => c.key === 'totalCholesterol' || c.key === 'hdl')
    .flatMap((concept) => readingsOf(concept, observationsMatching(history, [...concept.codes, ...(concept.panels ?? [])]), now).readings)
    .map((r) => ({ at: r.at, tier: 2 as const, reason: 'new lipid result' }));
}

/** Each recorded smoking status that differs from the one before it (the first one included). */
function smokingChanges(history: ChartHistory, now: Date, valueSets: ValueSets): KeyChange[] {
  const recorded: { at: number; status: SmokingStatus }[] = [];
  for (const obs of observationsMatching(history, [SMOKING_STATUS_CODE])) {
    if (!isRecord(obs)) continue;
    const usable = usableObservation(obs, now);
    const answer = matchCoding(obs.valueCodeableConcept, valueSets.smokingAnswers.map((a) => a.ref));
    const status = answer && valueSets.smokingAnswers.find((a) => a.ref.system === answer.system && a.ref.code === answer.code)?.status;
    if ('ok' in usable && status) recorded.push({ at: usable.ok.at, status });
  }
  recorded.sort((a, b) => a.at - b.at);
  return recorded.flatMap((r, i) => (i > 0 && recorded[i - 1]?.status === r.status ? [] : [{ at: r.at, tier: 1 as const, reason: `smoking status: ${r.status}` }]));
}

function diagnoses(chart: ChartData, now: Date, valueSets: ValueSets): KeyChange[] {
  return valueSets.conditions
    .filter((c) => c.key === 'diabetes' || c.key === 'ascvd')
    .flatMap((concept) => matchingConditions(concept, chart.conditions, now).matches
      .filter((m) => m.source.date !== undefined)
      .map((m) => ({ at: m.at, tier: 1 as const, reason: `${concept.key === 'ascvd' ? 'ASCVD' : 'diabetes'} diagnosis (${m.source.value ?? m.source.code})` })));
}

/** Starts of antihypertensives and statins, including those stopped since (their start is still a change). */
function treatmentStarts(chart: ChartData, valueSets: ValueSets): KeyChange[] {
  const { drugs } = activeDrugs(chart.medicationRequests.map(everTaken), chart.medicationStatements.map(everTaken), chart.medications, valueSets);
  return drugs.flatMap((drug) => {
    const cls = DRUG_CLASSES.find((c) => c.key === drug.drugClass);
    const at = parseFhirDate(drug.source.date);
    if (!cls || !(cls.antihypertensive || cls.key === 'statin') || at === undefined) return [];
    return [{ at, tier: 1 as const, reason: `${drug.ingredient} started` }];
  });
}

/** Keeps today and as many dates as fit, tier by tier; the tier that overflows is thinned evenly. Oldest first. */
function capDates<T extends { tier: Tier; cutoff: number }>(dates: readonly T[], maxPoints: number): T[] {
  const kept: T[] = [];
  for (const tier of [0, 1, 2] as const) {
    const group = dates.filter((d) => d.tier === tier).sort((a, b) => a.cutoff - b.cutoff);
    const room = maxPoints - kept.length;
    if (group.length <= room) kept.push(...group);
    else {
      kept.push(...evenlySpaced(group, room));
      break;
    }
  }
  return kept.sort((a, b) => a.cutoff - b.cutoff);
}

/** `count` items spread evenly over `items` by rank, first and last included. */
function evenlySpaced<T>(items: readonly T[], count: number): T[] {
  if (count <= 0) return [];
  if (count === 1) return items.slice(-1);
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (items.length - 1)) / (count - 1)));
  return [...picked].map((i) => items[i]).filter((x): x is T => x !== undefined);
}

function endOfDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS + DAY_MS - 1;
}

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
