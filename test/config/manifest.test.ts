import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, LAUNCH_PATH, PUBLIC_SANDBOX_ISSUERS, REDIRECT_PATH } from '../../src/config.ts';
import { requestedScopes } from '../../src/fhir/scopes.ts';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'smart-manifest.json'), 'utf8'));

/** Where a manifest URI relative to the deployment root lives in the source tree (public/ is copied to the root). */
function sourceFileFor(uri: string): string {
  const path = uri === '' || uri.endsWith('/') ? `${uri}index.html` : uri;
  return existsSync(resolve(root, path)) ? resolve(root, path) : resolve(root, 'public', path);
}

describe('smart-manifest.json agrees with src/config.ts', () => {
  it('names the same client, launch page and redirect target', () => {
    expect(manifest.client_id).toBe(CLIENT_ID);
    expect(manifest.launch_uri).toBe(LAUNCH_PATH);
    expect(manifest.redirect_uris).toEqual([REDIRECT_PATH]);
    expect(manifest.token_endpoint_auth_method).toBe('none');
  });

  it('lists exactly the scopes the launch page asks for', () => {
    expect(manifest.scope).toEqual({
      ehr_launch_v2: requestedScopes('ehr', 'v2'),
      standalone_launch_v2: requestedScopes('standalone', 'v2'),
      ehr_launch_v1: requestedScopes('ehr', 'v1'),
      standalone_launch_v1: requestedScopes('standalone', 'v1'),
    });
  });

  it('lists the public sandboxes a test build trusts', () => {
    expect(manifest.public_sandbox_issuers).toEqual(PUBLIC_SANDBOX_ISSUERS.map((i) => i.iss));
  });

  it('points at pages and files that exist', () => {
    for (const uri of [manifest.launch_uri, ...manifest.redirect_uris, manifest.logo_uri, manifest.policy_uri, manifest.tos_uri]) {
      expect(existsSync(sourceFileFor(uri)), `${uri} should exist`).toBe(true);
    }
  });
});
