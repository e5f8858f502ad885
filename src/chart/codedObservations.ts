import type { Coding } from 'fhir/r4';
import { codeText, codings, conceptText, isRecord, matchCoding, type CodeRef } from './codes.ts';
import { usableObservation } from './observationValidity.ts';
import type { Rejection, SourceRef } from './types.ts';

export interface CodedAnswer<T> {
  value: T;
  date: string;
  at: number;
  source: SourceRef;
}

/**
 * Latest usable answer of a coded Observation (e.g. smoking status 72166-2): newest first, answers outside
 * the answer set are rejected. `unrecognisedNewer` is a usable record newer than `latest` whose answer is not in the
 * set: the caller must not let an older answer stand in for it.
 */
export function latestCodedAnswer<T>(
  observations: readonly unknown[],
  question: CodeRef,
  answers: readonly { ref: CodeRef; value: T }[],
  now: Date,
): { latest?: CodedAnswer<T>; rejected: Rejection[]; unrecognisedNewer?: SourceRef } {
  const found: CodedAnswer<T>[] = [];
  const rejected: Rejection[] = [];
  let unrecognised: { at: number; source: SourceRef } | undefined;
  for (const obs of observations) {
    if (!isRecord(obs)) continue;
    const questionCoding = matchCoding(obs.code, [question]);
    if (!questionCoding) continue;
    const id = typeof obs.id === 'string' && obs.id !== '' ? obs.id : '(no id)';
    const answerCoding = matchCoding(obs.valueCodeableConcept, answers.map((a) => a.ref));
    const source: SourceRef = {
      resourceType: 'Observation',
      id,
      code: codeText(questionCoding),
      ...answerText(answerCoding, obs.valueCodeableConcept),
    };
    const usable = usableObservation(obs, now);
    if ('problem' in usable) {
      rejected.push({ source, reason: usable.problem });
      continue;
    }
    source.date = usable.ok.date;
    const answer = answerCoding && answers.find((a) => a.ref.system === answerCoding.system && a.ref.code === answerCoding.code);
    if (!answer) {
      rejected.push({ source, reason: 'answer is not a recognised code' });
      if (!unrecognised || usable.ok.at > unrecognised.at) unrecognised = { at: usable.ok.at, source };
      continue;
    }
    found.push({ value: answer.value, date: usable.ok.date, at: usable.ok.at, source });
  }
  found.sort((a, b) => b.at - a.at);
  const latest = found[0];
  const newer = unrecognised && (!latest || unrecognised.at > latest.at) ? unrecognised.source : undefined;
  return { ...(latest ? { latest } : {}), rejected, ...(newer ? { unrecognisedNewer: newer } : {}) };
}

/** The answer as recorded, for provenance: the matched coding, else the first coding or the text. */
function answerText(matched: Coding | undefined, concept: unknown): { value?: string } {
  const coding = matched ?? codings(concept)[0];
  const text = coding ? (coding.display ?? coding.code) : conceptText(concept);
  return text !== undefined ? { value: text } : {};
}
