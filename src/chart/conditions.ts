import { codeText, isRecord, isSiteCoding, matchCoding, statusCode } from './codes.ts';
import { checkDate, resourceId } from './observationValidity.ts';
import { CKD_STAGE_CODES, type ConditionConcept } from './valueSets/conditions.ts';
import type { CkdStage, Fact, Rejection, SourceRef } from './types.ts';
import { unknown } from './types.ts';

const CURRENT = new Set(['active', 'recurrence', 'relapse']);
const HISTORY = new Set([...CURRENT, 'inactive', 'remission', 'resolved']);

export interface ConditionMatch {
  source: SourceRef;
  at: number;
  coding: { system?: string; code?: string };
}

/**
 * Verification statuses that leave the diagnosis open (FHIR R4 condition-ver-status): not evidence for it, but not
 * evidence against it either.
 */
const UNSETTLED_VERIFICATION = new Set(['unconfirmed', 'provisional', 'differential']);

/**
 * Conditions that establish a concept: confirmed (or unqualified) and, for current concepts, active. `unsettled` are
 * rejected records that neither establish nor exclude it: a current-only concept recorded without clinicalStatus
 * (R4 allows that outside the problem list, e.g. encounter diagnoses) or an unconfirmed/provisional/differential one.
 */
export function matchingConditions(concept: ConditionConcept, conditions: readonly unknown[], now: Date): { matches: ConditionMatch[]; rejected: Rejection[]; unsettled: SourceRef[] } {
  const matches: ConditionMatch[] = [];
  const rejected: Rejection[] = [];
  const unsettled: SourceRef[] = [];
  const seen = new Set<string>();
  for (const cond of conditions) {
    if (!isRecord(cond)) continue;
    const coding = matchCoding(cond.code, concept.codes);
    if (!coding) continue;
    const id = resourceId(cond, 'Condition');
    const source: SourceRef = {
      resourceType: 'Condition', id: id ?? '(no id)', code: codeText(coding),
      ...(coding.display ? { value: coding.display } : {}), ...(isSiteCoding(coding, concept.codes) ? { siteCode: true } : {}),
    };
    if (id === undefined) {
      rejected.push({ source, reason: 'no Condition id' });
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const problem = conditionProblem(cond, concept, now);
    const date = conditionDate(cond);
    if (date) source.date = date;
    if (problem) {
      rejected.push({ source, reason: problem });
      if (isUnsettled(cond, concept, now)) unsettled.push(source);
    } else matches.push({ source, at: date ? (checkDateAt(date, now) ?? 0) : 0, coding });
  }
  matches.sort((a, b) => b.at - a.at);
  return { matches, rejected, unsettled };
}

function isUnsettled(cond: Record<string, unknown>, concept: ConditionConcept, now: Date): boolean {
  const verification = statusCode(cond.verificationStatus);
  const date = conditionDate(cond);
  if (date !== undefined && 'problem' in checkDate(date, now)) return false;
  if (verification !== undefined && UNSETTLED_VERIFICATION.has(verification)) return true;
  return (verification === undefined || verification === 'confirmed') && concept.persistence === 'current' && statusCode(cond.clinicalStatus) === undefined;
}

function conditionProblem(cond: Record<string, unknown>, concept: ConditionConcept, now: Date): string | undefined {
  const verification = statusCode(cond.verificationStatus);
  // Only confirmed (or unstated) diagnoses count: refuted, entered-in-error, unconfirmed, provisional, differential do not.
  if (verification !== undefined && verification !== 'confirmed') return `verification status "${verification}"`;
  const clinical = statusCode(cond.clinicalStatus);
  const allowed = concept.persistence === 'history' ? HISTORY : CURRENT;
  if (clinical === undefined) {
    if (concept.persistence === 'current') return 'no clinical status';
  } else if (!allowed.has(clinical)) {
    return `clinical status "${clinical}"`;
  }
  const date = conditionDate(cond);
  if (date !== undefined) {
    const checked = checkDate(date, now);
    if ('problem' in checked) return checked.problem;
  }
  return undefined;
}

function conditionDate(cond: Record<string, unknown>): string | undefined {
  if (typeof cond.onsetDateTime === 'string') return cond.onsetDateTime;
  if (typeof cond.recordedDate === 'string') return cond.recordedDate;
  return undefined;
}

function checkDateAt(date: string, now: Date): number | undefined {
  const c = checkDate(date, now);
  return 'at' in c ? c.at : undefined;
}

/** Yes from a diagnosis; no only when the Condition search completed and found none. */
export function conditionFact(concept: ConditionConcept, conditions: readonly unknown[], loaded: boolean, now: Date): Fact<boolean> {
  const { matches, rejected, unsettled } = matchingConditions(concept, conditions, now);
  const [first] = matches;
  if (first) {
    return {
      state: 'known', origin: 'chart', value: true, sources: matches.map((m) => m.source), rejected,
      ...(first.source.date ? { date: first.source.date } : {}),
    };
  }
  if (!loaded) return unknown('conditions are not loaded', rejected);
  // A diagnosis on file without a clinical status, or still unconfirmed, must not be read as "no".
  if (unsettled.length > 0) {
    return unknown(`${concept.label} is recorded, but without a clinical status or not confirmed`, rejected, { note: 'recorded diagnosis: confirm', sources: unsettled });
  }
  return {
    state: 'known', origin: 'derived', value: false, sources: [], rejected,
    method: 'No coded diagnosis in the loaded problem list and encounter diagnoses',
    citation: 'Value set: src/chart/valueSets/conditions.ts',
    inputs: ['conditions'],
  };
}

const STAGE_ORDER: CkdStage[] = ['1', '2', '3', '3a', '3b', '4', '5'];

/** CKD stage from the most recent staged CKD diagnosis (most severe if several share that date). */
export function ckdStageFact(concept: ConditionConcept, conditions: readonly unknown[], loaded: boolean, now: Date): Fact<CkdStage> {
  const { matches, rejected } = matchingConditions(concept, conditions, now);
  const staged = matches.flatMap((m) => {
    const stage = CKD_STAGE_CODES.find((c) => c.ref.system === m.coding.system && c.ref.code === m.coding.code)?.stage;
    return stage ? [{ m, stage }] : [];
  });
  if (staged.length === 0) {
    if (matches.length > 0) return unknown('CKD is recorded without a stage', rejected, { note: 'CKD diagnosis without stage', sources: matches.map((m) => m.source) });
    return unknown(loaded ? 'no CKD diagnosis recorded' : 'conditions are not loaded', rejected);
  }
  const latestAt = Math.max(...staged.map((s) => s.m.at));
  const best = staged.filter((s) => s.m.at === latestAt).sort((a, b) => STAGE_ORDER.indexOf(b.stage) - STAGE_ORDER.indexOf(a.stage))[0];
  if (!best) return unknown('no CKD stage', rejected);
  return {
    state: 'known', origin: 'chart', value: best.stage, sources: [best.m.source], rejected,
    ...(best.m.source.date ? { date: best.m.source.date } : {}),
  };
}
