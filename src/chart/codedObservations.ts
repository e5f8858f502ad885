import { codeText, isRecord, matchCoding, type CodeRef } from './codes.ts';
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
 * the answer set are rejected (an "unknown" answer leaves the fact unknown rather than defaulting it).
 */
export function latestCodedAnswer<T>(
  observations: readonly unknown[],
  question: CodeRef,
  answers: readonly { ref: CodeRef; value: T }[],
  now: Date,
): { latest?: CodedAnswer<T>; rejected: Rejection[] } {
  const found: CodedAnswer<T>[] = [];
  const rejected: Rejection[] = [];
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
      ...(answerCoding ? { value: answerCoding.display ?? String(answerCoding.code) } : {}),
    };
    const usable = usableObservation(obs, now);
    if ('problem' in usable) {
      rejected.push({ source, reason: usable.problem });
      continue;
    }
    source.date = usable.ok.date;
    const answer = answerCoding && answers.find((a) => a.ref.system === answerCoding.system && a.ref.code === answerCoding.code);
    if (!answer) {
      rejected.push({ source, reason: 'answer is not a recognised code (or means unknown)' });
      continue;
    }
    found.push({ value: answer.value, date: usable.ok.date, at: usable.ok.at, source });
  }
  found.sort((a, b) => b.at - a.at);
  return { ...(found[0] ? { latest: found[0] } : {}), rejected };
}
