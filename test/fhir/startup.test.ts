import { describe, expect, it } from 'vitest';
import { classifyStart, describeLaunchError } from '../../src/fhir/startup.ts';
import { describeFhirError } from '../../src/fhir/errors.ts';

describe('classifyStart', () => {
  it('completes an authorization that came back with a code', () => {
    expect(classifyStart('?code=abc&state=xyz', false)).toEqual({ kind: 'complete-authorization' });
  });
  it('reports an OAuth error with its description', () => {
    expect(classifyStart('?error=access_denied&error_description=User+said+no&state=x', true)).toEqual({
      kind: 'launch-error',
      error: 'access_denied',
      description: 'User said no',
    });
  });
  it('resumes a stored session on reload and refuses a bare open', () => {
    expect(classifyStart('', true)).toEqual({ kind: 'resume' });
    expect(classifyStart('', false)).toEqual({ kind: 'no-launch' });
    expect(classifyStart('?code=abc', false)).toEqual({ kind: 'no-launch' });
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
