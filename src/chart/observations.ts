import type { Coding } from 'fhir/r4';
import { codeText, isRecord, isSiteCoding, matchCoding } from './codes.ts';
import { DAY_MS } from './fhirDate.ts';
import { convert, ucumCodeOf } from './units.ts';
import { effectiveDate, usableObservation, resourceId } from './observationValidity.ts';
import { performerText } from './performer.ts';
import type { ObservationConcept } from './valueSets/observations.ts';
import type { Rejection, SourceRef } from './types.ts';

/** One converted value from one Observation (or one panel component). */
export interface Reading {
  value: number;
  date: string;
  at: number;
  /** Observation.status (final, amended or corrected: the only usable ones). */
  status: string;
  source: SourceRef;
}

/** Every usable reading of a concept, newest first, and every matching Observation that could not be used. */
export function readingsOf(concept: ObservationConcept, observations: readonly unknown[], now: Date): { readings: Reading[]; rejected: Rejection[] } {
  const readings: Reading[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  for (const obs of observations) {
    if (!isRecord(obs)) continue;
    const candidates = valuesOf(obs, concept);
    if (candidates.length === 0) continue;
    const id = resourceId(obs, 'Observation');
    // A resource repeated across pages (or by a buggy server) counts once.
    if (id !== undefined) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const usable = usableObservation(obs, now);
    for (const { quantity, coding } of candidates) {
      const source: SourceRef = {
        resourceType: 'Observation',
        id: id ?? '(no id)',
        code: codeText(coding),
        ...(typeof coding.display === 'string' ? { display: coding.display } : {}),
        ...(isSiteCoding(coding, concept.codes) ? { siteCode: true } : {}),
        ...rawValue(quantity),
        ...withPerformer(obs),
      };
      if ('problem' in usable) {
        rejected.push({ source: withDate(source, obs), reason: usable.problem });
        continue;
      }
      source.date = usable.ok.date;
      const result = toCanonical(quantity, concept);
      if ('problem' in result) rejected.push({ source, reason: result.problem });
      else readings.push({ value: result.value, date: usable.ok.date, at: usable.ok.at, status: String(obs.status), source });
    }
  }
  // Same time: the code listed first wins (e.g. eGFR by CKD-EPI 2021, 98979-8, over the MDRD or 2009 result a lab
  // reports from the same draw), so the choice never depends on resource ids.
  const rank = (r: Reading) => {
    const i = concept.codes.findIndex((c) => r.source.code === codeText(c));
    return i === -1 ? concept.codes.length : i;
  };
  readings.sort((a, b) => b.at - a.at || rank(a) - rank(b) || a.source.id.localeCompare(b.source.id));
  return { readings, rejected };
}

/** FHIR R4 observation-status: a result changed after it was final. */
const CORRECTION = new Set(['corrected', 'amended']);

/**
 * The reading a fact takes: the newest, unless another result of the same code at the same instant has a different
 * value (two results for one draw). A correction (status corrected/amended) then supersedes the plain final result;
 * otherwise neither is chosen (`conflict`): which one is right is the physician's call, not the sort order's.
 */
export function newestReading(readings: readonly Reading[]): { reading: Reading; superseded: Reading[] } | { conflict: Reading[] } | undefined {
  const [newest] = readings;
  if (!newest) return undefined;
  const sameDraw = readings.filter((r) => r.at === newest.at && r.source.code === newest.source.code);
  const values = new Set(sameDraw.map((r) => r.value));
  if (values.size === 1) return { reading: newest, superseded: [] };
  const corrections = sameDraw.filter((r) => CORRECTION.has(r.status));
  const [correction, ...others] = corrections;
  if (correction && others.every((o) => o.value === correction.value) && corrections.length < sameDraw.length) {
    return { reading: correction, superseded: sameDraw.filter((r) => !CORRECTION.has(r.status)) };
  }
  return { conflict: sameDraw };
}

/** Mean of the readings within the 12 months before now, de-duplicating a value reported both alone and in a panel. */
export function twelveMonthMean(readings: readonly Reading[], now: Date): { mean: number; count: number } | undefined {
  const since = now.getTime() - 365 * DAY_MS;
  const unique = new Map<string, number>();
  for (const r of readings) if (r.at >= since) unique.set(`${r.at}|${r.value}`, r.value);
  if (unique.size === 0) return undefined;
  const values = [...unique.values()];
  return { mean: values.reduce((s, v) => s + v, 0) / values.length, count: values.length };
}

interface Candidate {
  quantity: unknown;
  coding: Coding;
}

/** The concept's value(s) in an Observation: its own value, or the matching component of a BP panel. */
function valuesOf(obs: Record<string, unknown>, concept: ObservationConcept): Candidate[] {
  const direct = matchCoding(obs.code, concept.codes);
  if (direct) return [{ quantity: valueField(obs), coding: direct }];
  if (!concept.panels || !matchCoding(obs.code, concept.panels)) return [];
  const components = Array.isArray(obs.component) ? obs.component : [];
  return components.flatMap((component): Candidate[] => {
    if (!isRecord(component)) return [];
    const coding = matchCoding(component.code, concept.codes);
    if (!coding) return [];
    return [{ quantity: component.dataAbsentReason !== undefined ? ABSENT : valueField(component), coding }];
  });
}

const ABSENT = Symbol('dataAbsentReason');

function valueField(holder: Record<string, unknown>): unknown {
  if (holder.valueQuantity !== undefined) return holder.valueQuantity;
  if (holder.valueInteger !== undefined) return { value: holder.valueInteger, unitless: true };
  return undefined;
}

function rawValue(quantity: unknown): Pick<SourceRef, 'value' | 'unit'> {
  if (!isRecord(quantity)) return {};
  return {
    ...(quantity.value !== undefined ? { value: String(quantity.value) } : {}),
    ...(typeof quantity.unit === 'string' ? { unit: quantity.unit } : typeof quantity.code === 'string' ? { unit: quantity.code } : {}),
  };
}

function withPerformer(obs: Record<string, unknown>): Pick<SourceRef, 'performer'> {
  const performer = performerText(obs);
  return performer ? { performer } : {};
}

function withDate(source: SourceRef, obs: Record<string, unknown>): SourceRef {
  const date = effectiveDate(obs);
  return date ? { ...source, date } : source;
}

function toCanonical(quantity: unknown, concept: ObservationConcept): { value: number } | { problem: string } {
  if (quantity === ABSENT) return { problem: 'component value absent (dataAbsentReason)' };
  if (!isRecord(quantity)) return { problem: 'no numeric value' };
  const value = quantity.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: 'value is not a number' };
  if (quantity.comparator !== undefined) return { problem: `value has comparator "${String(quantity.comparator)}", not a measured point value` };
  let result: { value: number } | { problem: string };
  if (quantity.unitless === true) {
    // valueInteger carries no unit; only a score may be read without one.
    if (concept.unit !== '{score}') return { problem: 'integer value without a unit' };
    result = { value };
  } else {
    const from = ucumCodeOf(quantity);
    if (from === undefined) {
      if (concept.unit !== '{score}') return { problem: 'no unit' };
      result = { value };
    } else {
      const converted = convert(value, from, concept.unit, {
        ...(concept.molarMass ? { molarMass: concept.molarMass.value } : {}),
        ...(concept.charge !== undefined ? { charge: concept.charge } : {}),
      });
      result = converted.ok ? { value: converted.value } : { problem: converted.reason };
    }
  }
  if ('problem' in result) return result;
  const [lo, hi] = concept.plausible;
  if (result.value < lo || result.value > hi) return { problem: `${round(result.value)} ${concept.unit} is outside the plausible range ${lo}–${hi}` };
  return result;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

