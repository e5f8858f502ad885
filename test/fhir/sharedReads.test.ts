import { describe, expect, it } from 'vitest';
import type { FhirRequester } from '../../src/fhir/chart-loader/requester.ts';
import { withSharedReads } from '../../src/fhir/chart-loader/sharedReads.ts';

/** A requester that records what it is asked and answers with the URL. */
function recording(): FhirRequester & { asked: string[] } {
  const asked: string[] = [];
  return {
    baseUrl: 'https://ehr.example/fhir',
    asked,
    request: async <T,>(url: string) => {
      asked.push(url);
      return { from: 'server', url } as T;
    },
  };
}

describe('withSharedReads', () => {
  it('answers a shared URL once from the read under way, and every other request from the server', async () => {
    const server = recording();
    const banner = Promise.resolve({ resourceType: 'Patient', id: 'p1', from: 'banner' });
    const shared = withSharedReads(server, new Map([['Patient/p1', banner]]));
    expect(shared.baseUrl).toBe('https://ehr.example/fhir');
    expect(await shared.request('Patient/p1')).toEqual({ resourceType: 'Patient', id: 'p1', from: 'banner' });
    expect(await shared.request('Observation?patient=p1')).toEqual({ from: 'server', url: 'Observation?patient=p1' });
    // A retry of the same read asks the server.
    expect(await shared.request('Patient/p1')).toEqual({ from: 'server', url: 'Patient/p1' });
    expect(server.asked).toEqual(['Observation?patient=p1', 'Patient/p1']);
  });

  it('passes a failed shared read on as the failure of that request', async () => {
    const failure = new Error('403 Forbidden');
    const shared = withSharedReads(recording(), new Map([['Patient/p1', Promise.reject(failure)]]));
    await expect(shared.request('Patient/p1')).rejects.toBe(failure);
  });
});
