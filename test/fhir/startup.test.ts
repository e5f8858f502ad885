import { describe, expect, it } from 'vitest';
import { classifyStart, describeLaunchError, fhirVersionProblem, type StoredLaunch } from '../../src/fhir/startup.ts';
import { describeFhirError } from '../../src/fhir/errors.ts';

describe('classifyStart', () => {
  const stored = (entries: Record<string, StoredLaunch>) => (state: string) => entries[state];

  it('completes an authorization that came back with a code', () => {
    expect(classifyStart('?code=abc&state=xyz', stored({}))).toEqual({ kind: 'complete-authorization' });
  });
  it('reports an OAuth error that answers a launch from this tab with its description and state', () => {
    expect(classifyStart('?error=access_denied&error_description=User+said+no&state=x', stored({ x: 'pending' }))).toEqual({
      kind: 'launch-error',
      error: 'access_denied',
      description: 'User said no',
      state: 'x',
    });
  });
  it('leaves out the description of an error that answers no launch from this tab', () => {
    const crafted = '?error=access_denied&error_description=Call+555-0100+with+your+password';
    expect(classifyStart(`${crafted}&state=made-up`, stored({}))).toEqual({ kind: 'launch-error', error: 'access_denied' });
    expect(classifyStart(crafted, stored({}))).toEqual({ kind: 'launch-error', error: 'access_denied' });
    // A session that already signed in is not waiting for an answer either.
    expect(classifyStart(`${crafted}&state=done`, stored({ done: 'signed-in' }))).toEqual({ kind: 'launch-error', error: 'access_denied' });
  });
  it('keeps only printable ASCII of a description, at most 300 characters', () => {
    const long = encodeURIComponent(`Denied\u202e\n${'x'.repeat(400)}`);
    const start = classifyStart(`?error=access_denied&error_description=${long}&state=x`, stored({ x: 'pending' }));
    expect(start.kind === 'launch-error' && start.description).toBe(`Denied${'x'.repeat(294)}`);
  });
  it('resumes only the signed-in session named by the page URL, and refuses a bare open', () => {
    expect(classifyStart('?state=a', stored({ a: 'signed-in', b: 'signed-in' }))).toEqual({ kind: 'resume' });
    // Other launches in the same sessionStorage (other frames, earlier patients) are never picked up.
    expect(classifyStart('', stored({ a: 'signed-in' }))).toEqual({ kind: 'no-launch' });
    expect(classifyStart('?state=gone', stored({ a: 'signed-in' }))).toEqual({ kind: 'no-launch' });
    expect(classifyStart('?state=a', stored({ a: 'pending' }))).toEqual({ kind: 'no-launch' });
    expect(classifyStart('?code=abc', stored({}))).toEqual({ kind: 'no-launch' });
  });
  it('explains known and unknown OAuth errors', () => {
    expect(describeLaunchError('access_denied')).toMatch(/denied/);
    expect(describeLaunchError('something_new')).toMatch(/could not complete/);
  });
});

describe('describeFhirError', () => {
  const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Scope missing' }] };

  it('reads the OperationOutcome fhirclient appended to its message', () => {
    const error = Object.assign(new Error(`403 Forbidden\nURL: x\n\n${JSON.stringify(outcome, null, 4)}`), { status: 403 });
    expect(describeFhirError(error)).toEqual({ kind: 'forbidden', message: 'The EHR refused access (Scope missing).' });
  });
  it('treats 401 as an ended session and 5xx as unavailable', () => {
    expect(describeFhirError({ status: 401 }).kind).toBe('expired');
    expect(describeFhirError({ status: 503 })).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('503') });
  });
  it('treats a thrown network error as unreachable', () => {
    expect(describeFhirError(new TypeError('Failed to fetch')).kind).toBe('unavailable');
  });
});

describe('fhirVersionProblem', () => {
  it('accepts R4 and a server that does not say', () => {
    expect(fhirVersionProblem({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' })).toBeUndefined();
    expect(fhirVersionProblem({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.0' })).toBeUndefined();
    expect(fhirVersionProblem(undefined)).toBeUndefined();
    expect(fhirVersionProblem({ resourceType: 'OperationOutcome' })).toBeUndefined();
  });
  it('names DSTU2 (a Conformance resource) and refuses it', () => {
    expect(fhirVersionProblem({ resourceType: 'Conformance', fhirVersion: '1.0.2' })).toMatch(/FHIR 1\.0\.2 \(DSTU2\); Tailor reads FHIR R4/);
    expect(fhirVersionProblem({ resourceType: 'Conformance' })).toMatch(/DSTU2 or older/);
  });
  it.each([
    ['3.0.2', 'STU3'],
    ['4.3.0', 'R4B'],
    ['5.0.0', 'R5'],
  ])('refuses FHIR %s (%s)', (version, name) => {
    expect(fhirVersionProblem({ resourceType: 'CapabilityStatement', fhirVersion: version })).toContain(`(${name})`);
  });
});
