import type { Resource } from 'fhir/r4';
import type { FhirExchangeResponse } from './requester.ts';

/** A resource as the server now holds it: what "Saved to chart" shows. */
export interface SavedResource {
  resourceType: string;
  id: string;
  versionId?: string;
  lastUpdated?: string;
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as Resource).resourceType === 'string';
}

/**
 * Where a write landed: the returned resource when the server sent it (Prefer: return=representation), else the
 * Location (`…/Type/id/_history/vid`, relative or absolute), else the ETag for the version.
 */
export function savedFrom(resourceType: string, body: unknown, location: string | null | undefined, etag?: string | null): SavedResource | undefined {
  if (isResource(body) && body.resourceType === resourceType && body.id) {
    return {
      resourceType,
      id: body.id,
      ...(body.meta?.versionId ? { versionId: body.meta.versionId } : {}),
      ...(body.meta?.lastUpdated ? { lastUpdated: body.meta.lastUpdated } : {}),
    };
  }
  const match = location ? new RegExp(`(?:^|/)${resourceType}/([A-Za-z0-9\\-.]{1,64})(?:/_history/([^/?#]+))?`).exec(location) : null;
  if (!match?.[1]) return undefined;
  const versionId = match[2] ?? versionFromEtag(etag);
  return { resourceType, id: match[1], ...(versionId ? { versionId } : {}) };
}

export function savedFromResponse(resourceType: string, response: FhirExchangeResponse): SavedResource | undefined {
  return savedFrom(resourceType, response.body, response.headers.get('Location') ?? response.headers.get('Content-Location'), response.headers.get('ETag'));
}

/** `W/"3"` → `3` (FHIR R4 §3.1.0.5 "Managing Resource Contention" uses weak ETags of the versionId). */
export function versionFromEtag(etag: string | null | undefined): string | undefined {
  return etag ? /^(?:W\/)?"([^"]+)"$/.exec(etag.trim())?.[1] : undefined;
}

/** The If-Match value for a version: the server's own ETag when it sent one, else the weak ETag of its versionId. */
export function ifMatchFor(response: FhirExchangeResponse | undefined, saved: SavedResource | undefined): string | undefined {
  return response?.headers.get('ETag') ?? (saved?.versionId ? `W/"${saved.versionId}"` : undefined);
}
