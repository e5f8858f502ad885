/**
 * Stable business identifiers for what Tailor writes, so every write can be conditional and a retry never duplicates.
 *
 * The CarePlan's identifier is the draft's UUID. Every other resource's identifier is the draft id, its slot, and a
 * digest of its content (without its signing time): a retry of the same plan finds the resources already written,
 * while a revised plan writes new assessments and goals for what changed and updates the same CarePlan.
 */
import type { Identifier } from 'fhir/r4';

/**
 * The one identifier system of everything Tailor writes. Tailor has no fixed web address (each site deploys it
 * under its own), so the system is a URN of Tailor's own rather than an https URL that a site could not keep.
 * Earlier Tailor CarePlans of a patient: `CarePlan?patient=<id>&identifier=urn:tailor:plan|`.
 */
export const TAILOR_IDENTIFIER_SYSTEM = 'urn:tailor:plan';

/** The code system of Tailor's model ids (RiskAssessment.method), under the same URN namespace. */
export const TAILOR_MODEL_SYSTEM = 'urn:tailor:risk-model';

export const identifierOf = (value: string): Identifier => ({ system: TAILOR_IDENTIFIER_SYSTEM, value });

/** The search that finds a resource by its identifier (If-None-Exist, conditional search). */
export const identifierSearch = (identifier: Identifier): string =>
  `identifier=${encodeURIComponent(identifier.system ?? '')}|${encodeURIComponent(identifier.value ?? '')}`;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-16 code units (FNV: Fowler, Noll, Vo; IETF draft-eastlake-fnv), as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** JSON with object keys sorted, so equal content gives equal text whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A digest of content: the last part of an identifier value. */
export const contentDigest = (content: unknown): string => fnv1a64(canonicalJson(content));

/**
 * A UUID named by a string (the same name gives the same UUID), for the Bundle's urn:uuid fullUrls: version 8
 * ("custom", RFC 9562 §5.8) with the RFC 4122 variant, from two FNV-1a digests.
 */
export function uuidFor(name: string): string {
  const hex = fnv1a64(name) + fnv1a64(`${name}\u0000`);
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
