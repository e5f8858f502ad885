import { parseSearchRequest } from '@medplum/core';
import type { Observation } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { SandboxRepository } from '../../sandbox/fhir/repository.ts';
import { loadFhirSchema, splitByBase } from '../../sandbox/fhir/schema.ts';

const obs = (id: string, patient: string, date: string, loinc = '2093-3'): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: date,
});

let repo: SandboxRepository;
beforeAll(async () => {
  loadFhirSchema();
  repo = new SandboxRepository();
  await repo.createResource({ resourceType: 'Patient', id: 'a' });
  await repo.createResource(obs('o1', 'a', '2024-01-05'));
  await repo.createResource(obs('o2', 'a', '2024-01-05T23:30:00-05:00'));
  await repo.createResource(obs('o3', 'a', '2023-12-31', '2085-9'));
  await repo.createResource(obs('o4', 'b', '2025-01-01'));
}, 30_000); // loading the FHIR schema is CPU-heavy when test files run in parallel

const ids = async (q: string) => (await repo.search(parseSearchRequest(`Observation?${q}`))).entry?.map((e) => e.resource?.id);

describe('splitByBase', () => {
  it('keeps only the terms of each base type', () => {
    const parts = splitByBase({
      resourceType: 'SearchParameter',
      code: 'patient',
      base: ['AllergyIntolerance', 'Observation'],
      type: 'reference',
      status: 'active',
      name: 'patient',
      description: '',
      url: 'x',
      expression: 'AllergyIntolerance.patient | Observation.subject.where(resolve() is Patient)',
    });
    expect(parts.map((p) => [p.base, p.expression])).toEqual([
      [['AllergyIntolerance'], 'AllergyIntolerance.patient'],
      [['Observation'], 'Observation.subject.where(resolve() is Patient)'],
    ]);
  });
});

describe('SandboxRepository search', () => {
  it('uses the patient index and reads bare ids as Patient ids', async () => {
    expect(await ids('patient=a&_sort=_id')).toEqual(['o1', 'o2', 'o3']);
    expect(await ids('subject=a&_sort=_id')).toEqual(['o1', 'o2', 'o3']);
    expect(await ids('patient=Patient/b')).toEqual(['o4']);
  });

  it('sorts dates as instants, not strings (23:30 −05:00 is the next UTC day)', async () => {
    expect(await ids('patient=a&_sort=-date')).toEqual(['o2', 'o1', 'o3']);
    expect(await ids('patient=a&_sort=date')).toEqual(['o3', 'o1', 'o2']);
  });

  it('keeps other filters after the index (code)', async () => {
    expect(await ids('patient=a&code=http://loinc.org|2085-9')).toEqual(['o3']);
  });

  it('answers a repeated search from its kept matches until a write changes them', async () => {
    expect(await ids('patient=a&_sort=-date&_count=1')).toEqual(['o2']);
    expect(await ids('patient=a&_sort=-date&_count=1&_offset=1')).toEqual(['o1']);
    await repo.createResource(obs('o5', 'a', '2024-06-01'));
    expect(await ids('patient=a&_sort=-date&_count=2')).toEqual(['o5', 'o2']);
    await repo.deleteResource('Observation', 'o5');
    expect(await ids('patient=a&_sort=-date')).toEqual(['o2', 'o1', 'o3']);
    // An update stores a new version: the code filter and its token words see the new code.
    await repo.updateResource({ ...obs('o1', 'a', '2024-01-05'), code: { coding: [{ system: 'http://loinc.org', code: '2085-9' }] } });
    expect(await ids('patient=a&code=http://loinc.org|2085-9&_sort=-date')).toEqual(['o1', 'o3']);
    await repo.updateResource(obs('o1', 'a', '2024-01-05'));
    expect(await ids('patient=a&code=http://loinc.org|2085-9&_sort=-date')).toEqual(['o3']);
  });

  it('refuses unknown parameters', async () => {
    await expect(repo.search(parseSearchRequest('Observation?nonsense=1'))).rejects.toThrow(/Unknown search parameter/);
  });
});

describe('SandboxRepository transactions', () => {
  it('rolls back creates, updates and deletes when the transaction fails', async () => {
    const before = await repo.readResource<Observation>('Observation', 'o1');
    await expect(
      repo.withTransaction(async () => {
        await repo.createResource(obs('o9', 'a', '2024-02-02'));
        await repo.updateResource({ ...before, status: 'amended' });
        await repo.deleteResource('Observation', 'o3');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(repo.readResource('Observation', 'o9')).rejects.toThrow();
    const after = await repo.readResource<Observation>('Observation', 'o1');
    expect(after.status).toBe('final');
    expect(after.meta?.versionId).toBe(before.meta?.versionId);
    expect((await repo.readResource<Observation>('Observation', 'o3')).id).toBe('o3');
    expect(await ids('patient=a&_sort=_id')).toEqual(['o1', 'o2', 'o3']);
  });
});
