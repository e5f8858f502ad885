/**
 * urn:uuid references between the resources of one plan, replaced by the server's ids once each is written
 * (FHIR R4 §2.21.0.4 "Resolving references in Bundles", done by hand when there is no transaction).
 */

/** A deep copy of `value` with every `reference` found in `resolved` (fullUrl → "Type/id") replaced. */
export function resolveReferences<T>(value: T, resolved: ReadonlyMap<string, string>): T {
  return rewrite(value, resolved) as T;
}

function rewrite(value: unknown, resolved: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, resolved));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'reference' && typeof item === 'string' ? (resolved.get(item) ?? item) : rewrite(item, resolved);
  }
  return out;
}

/** A conditional-create query (If-None-Exist) with urn:uuid values replaced, e.g. `target=urn:uuid:…` → `target=CarePlan/12`. */
export function resolveQuery(query: string, resolved: ReadonlyMap<string, string>): string {
  return query.replace(/urn:uuid:[0-9a-fA-F-]+/g, (urn) => resolved.get(urn) ?? urn);
}

/** The urn:uuid references a resource still holds (none must be left when it is written on its own). */
export function unresolved(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(unresolved);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'reference' && typeof item === 'string' && item.startsWith('urn:uuid:') ? [item] : unresolved(item),
  );
}

/**
 * Whether what the server holds includes everything that was sent (server additions such as meta, text or ids
 * ignored; references that were urn:uuid when sent match any value): tells "our update already went through"
 * from "someone else changed it" after an update whose answer was lost.
 */
export function holdsAllOf(stored: unknown, sent: unknown, key = ''): boolean {
  if (key === 'reference' && typeof sent === 'string' && sent.startsWith('urn:uuid:')) return typeof stored === 'string';
  if (Array.isArray(sent)) {
    return Array.isArray(stored) && stored.length === sent.length && sent.every((item, i) => holdsAllOf(stored[i], item));
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof stored !== 'object' || stored === null) return false;
    const held = stored as Record<string, unknown>;
    return Object.entries(sent).every(([k, v]) => k === 'meta' || k === 'id' || k === 'text' || holdsAllOf(held[k], v, k));
  }
  return stored === sent;
}
