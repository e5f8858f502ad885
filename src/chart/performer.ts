import { isRecord } from './codes.ts';

/**
 * Who performed an Observation, in the words the record gives (Observation.performer[].display: the lab, clinic or
 * clinician; the patient for a home reading), for the physician's "where was this recorded". Undefined when no
 * performer carries a display: a bare reference id means nothing to a reader.
 */
export function performerText(obs: Record<string, unknown>): string | undefined {
  const performers = Array.isArray(obs.performer) ? obs.performer : [];
  const names = performers.flatMap((p) => (isRecord(p) && typeof p.display === 'string' && p.display.trim() !== '' ? [p.display.trim()] : []));
  return names.length > 0 ? [...new Set(names)].join(', ') : undefined;
}
