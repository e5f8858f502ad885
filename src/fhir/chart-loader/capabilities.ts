import type { CapabilityStatement } from 'fhir/r4';

/** What the server says it can search. Without a CapabilityStatement everything is assumed possible. */
export interface ServerCapabilities {
  /** false when the server lists its resources and this type is not among them (or has no search). */
  canSearch(type: string): boolean;
  canRead(type: string): boolean;
  /** false only when the resource lists its search parameters and this one is missing. */
  hasParam(type: string, param: string): boolean;
  /** true only when the resource lists the include in searchInclude (servers may refuse unknown includes). */
  hasInclude(type: string, include: string): boolean;
}

/** Parameters every FHIR server handles or ignores harmlessly (FHIR R4 search §3.1.1.5 "result parameters"). */
const RESULT_PARAMS = new Set(['_count', '_sort', '_include']);

export function readCapabilities(statement: CapabilityStatement | undefined): ServerCapabilities {
  const rest = statement?.rest?.find((r) => r.mode === 'server');
  if (!rest?.resource) {
    return { canSearch: () => true, canRead: () => true, hasParam: () => true, hasInclude: () => true };
  }
  const byType = new Map<string, (typeof rest.resource)[number]>(rest.resource.map((r) => [r.type, r]));
  const interactions = (type: string) => byType.get(type)?.interaction?.map((i) => i.code);
  return {
    canSearch: (type) => byType.has(type) && (interactions(type)?.includes('search-type') ?? true),
    canRead: (type) => byType.has(type) && (interactions(type)?.includes('read') ?? true),
    hasParam: (type, param) => {
      if (RESULT_PARAMS.has(param)) return true;
      const params = byType.get(type)?.searchParam ?? rest.searchParam;
      if (!params || params.length === 0) return true;
      return params.some((p) => p.name === param);
    },
    hasInclude: (type, include) => byType.get(type)?.searchInclude?.includes(include) ?? false,
  };
}
