/**
 * The Bundle's local names (urn:uuid fullUrls) inside a resource: found, so the write layer knows what a resource
 * waits for, and replaced by the ids the server gave, for servers that take resources one at a time.
 */

const URN = 'urn:uuid:';

function walk(value: unknown, visit: (reference: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, visit));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'reference' && typeof v === 'string' ? visit(v) : walk(v, visit)]),
    );
  }
  return value;
}

/** Every urn:uuid reference in the resource, once each, in document order. */
export function localReferences(resource: object): string[] {
  const found = new Set<string>();
  walk(resource, (reference) => {
    if (reference.startsWith(URN)) found.add(reference);
    return reference;
  });
  return [...found];
}

/**
 * A copy of the resource with each urn:uuid reference replaced by the created resource's "Type/id". A reference
 * with no created id yet is a bug in the write order: it throws rather than send a dangling reference.
 */
export function resolveLocalReferences<T extends object>(resource: T, created: Readonly<Record<string, string>>): T {
  return walk(resource, (reference) => {
    if (!reference.startsWith(URN)) return reference;
    const id = created[reference];
    if (id === undefined) throw new Error(`No created resource for ${reference} yet: write it first`);
    return id;
  }) as T;
}
