import { describe, expect, it } from 'vitest';
import type { TrustedIssuer } from '../../src/config.ts';
import { checkIssuer } from '../../src/fhir/issuers.ts';

const allowList: TrustedIssuer[] = [
  { label: 'Exact', iss: 'https://ehr.example.org/fhir/r4', match: 'exact', authOrigins: [] },
  { label: 'Launcher', iss: 'https://launch.example.org/v/r4/', match: 'prefix', authOrigins: [] },
];

describe('checkIssuer', () => {
  it('accepts an exact match, ignoring a trailing slash', () => {
    expect(checkIssuer('https://ehr.example.org/fhir/r4/', allowList)).toMatchObject({ trusted: true, iss: 'https://ehr.example.org/fhir/r4' });
  });

  it('accepts the same server written with an upper-case host or its default port, as the host it is', () => {
    expect(checkIssuer('https://EHR.example.org:443/fhir/r4', allowList)).toMatchObject({ trusted: true, iss: 'https://ehr.example.org/fhir/r4' });
  });

  it('accepts a server under a trusted prefix', () => {
    expect(checkIssuer('https://launch.example.org/v/r4/sim/abc/fhir', allowList).trusted).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['another host', 'https://evil.example.com/fhir/r4'],
    ['a look-alike host', 'https://ehr.example.org.evil.com/fhir/r4'],
    ['another port', 'https://ehr.example.org:8443/fhir/r4'],
    ['plain http', 'http://ehr.example.org/fhir/r4'],
    ['a longer path on an exact entry', 'https://ehr.example.org/fhir/r4/extra'],
    ['a sibling of the prefix', 'https://launch.example.org/v/r4x/fhir'],
    ['dot segments escaping the prefix', 'https://launch.example.org/v/r4/../../other'],
    ['percent-encoded dot segments', 'https://launch.example.org/v/r4/%2e%2e/%2e%2e/other'],
    ['credentials', 'https://user:pw@ehr.example.org/fhir/r4'],
    ['a query', 'https://ehr.example.org/fhir/r4?x=1'],
    ['not a URL', 'javascript:alert(1)'],
    ['a trailing dot on the host', 'https://ehr.example.org./fhir/r4'],
    ['an IDN look-alike host (Cyrillic e)', 'https://\u0435hr.example.org/fhir/r4'],
    ['an encoded host', 'https://ehr%2eexample.org.evil.com/fhir/r4'],
    ['a backslash authority trick', 'https://evil.com\\@ehr.example.org/fhir/r4'],
    ['userinfo naming the trusted host', 'https://ehr.example.org@evil.com/fhir/r4'],
    ['a path differing in case', 'https://ehr.example.org/FHIR/r4'],
    ['an encoded slash inside the trusted path', 'https://ehr.example.org/fhir%2Fr4'],
    ['a prefix entry without its trailing segment', 'https://launch.example.org/v/r4'],
    ['a fragment', 'https://ehr.example.org/fhir/r4#x'],
  ])('refuses %s', (_, iss) => {
    const result = checkIssuer(iss, allowList);
    expect(result.trusted).toBe(false);
    if (!result.trusted) expect(result.reason.length).toBeGreaterThan(10);
  });
});
