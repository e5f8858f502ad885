/** One day in epoch milliseconds (JavaScript time has no leap seconds, so every UTC day is this long). */
export const DAY_MS = 86_400_000;

/** Parses a FHIR date/dateTime (YYYY, YYYY-MM, YYYY-MM-DD, or full dateTime) to epoch ms; undefined if invalid. */
export function parseFhirDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, time] = m;
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = time ? Date.parse(value) : Date.UTC(Number(y), month - 1, day);
  if (!Number.isFinite(ms)) return undefined;
  // Reject calendar overflow such as 2023-02-31.
  if (!time && new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}
