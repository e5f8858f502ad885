import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Resource } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenGrant } from '../../sandbox/contracts.ts';
import { listenFhirServer, type ListeningFhirServer } from '../../sandbox/fhir/listen.ts';

const LOINC = 'http://loinc.org';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function grant(scopes: string[], extra: Partial<TokenGrant> = {}): TokenGrant {
  return { clientId: 'tailor', scopes, switches: {}, expiresAt: inAnHour(), ...extra };
}

/** The fake authorization server: token string → grant. */
const TOKENS: Record<string, TokenGrant> = {
  user: grant(['openid', 'fhirUser', 'user/*.cruds'], { practitioner: 'dr-okafor' }),
  typical: grant(['launch', 'openid', 'fhirUser', 'patient/Patient.rs', 'patient/Observation.rs', 'patient/Observation.c', 'patient/Condition.rs'], {
    patient: 'typical-woman',
    practitioner: 'dr-okafor',
  }),
  v1ckd: grant(['patient/*.read'], { patient: 'ckd-3b' }),
  v1write: grant(['patient/Observation.read', 'patient/Observation.write'], { patient: 'typical-woman' }),
  patientOnly: grant(['patient/Patient.rs'], { patient: 'typical-woman' }),
  noContext: grant(['patient/Observation.rs']),
  expired: grant(['user/*.cruds'], { expiresAt: Math.floor(Date.now() / 1000) - 10 }),
  labsOnly: grant(['patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory'], { patient: 'typical-woman' }),
  carePlanReadOnly: grant(['user/*.cruds'], { switches: { carePlanWriteUnsupported: true } }),
  conditionDown: grant(['user/*.cruds'], { switches: { fault: { resourceType: 'Condition', status: 503, delayMs: 5 } } }),
  slowConditions: grant(['user/*.cruds'], { switches: { fault: { resourceType: 'Condition', delayMs: 20 } } }),
  conditionDropped: grant(['user/*.cruds'], { switches: { fault: { resourceType: 'Condition', drop: true, times: 1 } } }),
  epic: grant(['user/*.rs'], { switches: { personality: 'epic' } }),
};

let fhir: ListeningFhirServer;
let base = '';

beforeAll(async () => {
  fhir = await listenFhirServer({ introspect: async (token) => TOKENS[token] });
  base = fhir.base;
}, 30_000); // startup loads the FHIR schema and ~6,000 resources

afterAll(() => fhir.close());

async function call(path: string, token: string | undefined, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body) headers.set('Content-Type', 'application/fhir+json');
  const res = await fetch(path.startsWith('http') ? path : `${base}/${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const resources = <T extends Resource>(bundle: Bundle): T[] => (bundle.entry ?? []).map((e) => e.resource as T);
const codesOf = (o: Observation): string[] => (o.code.coding ?? []).map((c) => c.code ?? '');
const nextLink = (b: Bundle): string | undefined => b.link?.find((l) => l.relation === 'next')?.url;

describe('metadata and CORS', () => {
  it('serves a CapabilityStatement without a token, with search parameters per resource', async () => {
    const { status, body } = await call('metadata', undefined);
    expect(status).toBe(200);
    const cs = body as CapabilityStatement;
    expect(cs.fhirVersion).toBe('4.0.1');
    const obs = cs.rest?.[0]?.resource?.find((r) => r.type === 'Observation');
    const names = obs?.searchParam?.map((p) => p.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['patient', 'subject', 'code', 'category', 'date', '_id']));
    // value-quantity is a quantity parameter, which the engine cannot match: it must not be advertised.
    expect(names).not.toContain('value-quantity');
    const carePlan = cs.rest?.[0]?.resource?.find((r) => r.type === 'CarePlan');
    expect(carePlan?.interaction?.map((i) => i.code)).toEqual(expect.arrayContaining(['create', 'update', 'read', 'search-type']));
    expect(cs.rest?.[0]?.interaction?.map((i) => i.code)).toContain('transaction');
  });

  it('leaves CarePlan writes out of the statement for a token with carePlanWriteUnsupported', async () => {
    const { body } = await call('metadata', 'carePlanReadOnly');
    const carePlan = (body as CapabilityStatement).rest?.[0]?.resource?.find((r) => r.type === 'CarePlan');
    const codes = carePlan?.interaction?.map((i) => i.code);
    expect(codes).toContain('read');
    expect(codes).not.toContain('create');
    expect(codes).not.toContain('update');
  });

  it('answers a CORS preflight allowing the Authorization header', async () => {
    const res = await fetch(`${base}/Observation`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});

describe('bearer token', () => {
  it.each([
    ['missing', undefined],
    ['unknown', 'no-such-token'],
    ['expired', 'expired'],
  ])('gives 401 with an OperationOutcome when the token is %s', async (_label, token) => {
    const { status, headers, body } = await call('Patient/typical-woman', token);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((body as OperationOutcome).resourceType).toBe('OperationOutcome');
  });
});

describe('search', () => {
  it('finds a patient’s observations by bare id and by Patient/id alike', async () => {
    const bare = await call('Observation?patient=typical-woman&_count=200', 'user');
    const typed = await call('Observation?patient=Patient/typical-woman&_count=200', 'user');
    expect(bare.body.total).toBeGreaterThan(10);
    expect(bare.body.total).toBe(typed.body.total);
    for (const o of resources<Observation>(bare.body)) expect(o.subject?.reference).toBe('Patient/typical-woman');
  });

  it('matches system|code and OR-lists of codes', async () => {
    const tc = await call(`Observation?patient=typical-woman&code=${encodeURIComponent(`${LOINC}|2093-3`)}`, 'user');
    const hdl = await call(`Observation?patient=typical-woman&code=${encodeURIComponent(`${LOINC}|2085-9`)}`, 'user');
    const both = await call(`Observation?patient=typical-woman&code=${encodeURIComponent(`${LOINC}|2093-3,${LOINC}|2085-9`)}`, 'user');
    expect(tc.body.total).toBe(2);
    expect(hdl.body.total).toBe(2);
    expect(both.body.total).toBe(4);
    for (const o of resources<Observation>(both.body)) expect(['2093-3', '2085-9']).toContain(codesOf(o)[0]);
    const wrongSystem = await call(`Observation?patient=typical-woman&code=${encodeURIComponent('http://snomed.info/sct|2093-3')}`, 'user');
    expect(wrongSystem.body.total).toBe(0);
  });

  it('filters by category', async () => {
    const vitals = await call('Observation?patient=typical-woman&category=vital-signs&_count=200', 'user');
    const social = await call('Observation?patient=typical-woman&category=social-history', 'user');
    expect(vitals.body.total).toBeGreaterThan(0);
    for (const o of resources<Observation>(vitals.body)) expect(o.category?.[0]?.coding?.[0]?.code).toBe('vital-signs');
    expect(resources<Observation>(social.body).map((o) => codesOf(o)[0])).toEqual(['72166-2', '72166-2']);
  });

  it('filters by date and sorts newest first', async () => {
    const since = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const { body } = await call(`Observation?patient=typical-woman&date=ge${since}&_sort=-date&_count=200`, 'user');
    const all = await call('Observation?patient=typical-woman&_count=200', 'user');
    const dates = resources<Observation>(body).map((o) => o.effectiveDateTime ?? '');
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.length).toBeLessThan(all.body.total);
    for (const d of dates) expect(d >= since).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('pages the heavy chart with absolute next links, a default page size and a maximum', async () => {
    const first = await call('Observation?patient=heavy-chart&category=laboratory&_sort=-date&_count=100', 'user');
    expect(first.body.entry).toHaveLength(100);
    const next = nextLink(first.body);
    expect(next?.startsWith(`${base}/Observation?`)).toBe(true);
    expect(first.body.link.find((l: { relation: string }) => l.relation === 'self').url.startsWith(base)).toBe(true);
    const second = await call(next as string, 'user');
    expect(second.body.entry).toHaveLength(100);
    const ids1 = new Set(resources(first.body).map((r) => r.id));
    expect(resources(second.body).some((r) => ids1.has(r.id))).toBe(false);
    const lastOfFirst = resources<Observation>(first.body).at(-1)?.effectiveDateTime ?? '';
    expect(resources<Observation>(second.body)[0]?.effectiveDateTime! <= lastOfFirst).toBe(true);
    expect(second.body.link.find((l: { relation: string }) => l.relation === 'previous')).toBeDefined();

    const unpaged = await call('Observation?patient=heavy-chart', 'user');
    expect(unpaged.body.entry).toHaveLength(50);
    const huge = await call('Observation?patient=heavy-chart&_count=100000', 'user');
    expect(huge.body.entry).toHaveLength(200);
    expect(huge.body.total).toBeGreaterThanOrEqual(5000);
  });

  it('gives the last page no next link', async () => {
    const { body } = await call('Observation?patient=typical-woman&_count=5&_offset=25', 'user');
    expect(body.total).toBeLessThanOrEqual(30);
    expect(nextLink(body)).toBeUndefined();
  });

  it('counts with _summary=count', async () => {
    const { body } = await call('Observation?patient=heavy-chart&_summary=count', 'user');
    expect(body.total).toBeGreaterThanOrEqual(5000);
    expect(body.entry).toBeUndefined();
  });

  it('refuses unknown and unsupported search parameters with 400', async () => {
    const bogus = await call('Observation?patient=typical-woman&bogus=1', 'user');
    expect(bogus.status).toBe(400);
    expect(bogus.body.resourceType).toBe('OperationOutcome');
    const quantity = await call('Observation?value-quantity=gt100', 'user');
    expect(quantity.status).toBe(400);
  });

  it('searches with POST _search', async () => {
    const { status, body } = await call('Observation/_search', 'user', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ patient: 'typical-woman', code: `${LOINC}|2093-3` }).toString(),
    });
    expect(status).toBe(200);
    expect(body.total).toBe(2);
  });
});

describe('read and write', () => {
  it('reads a resource with its ETag, and 404s an unknown id', async () => {
    const ok = await call('Patient/typical-woman', 'user');
    expect(ok.status).toBe(200);
    expect(ok.body.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ok.headers.get('etag')).toMatch(/^W\/".+"$/);
    const missing = await call('Patient/nobody', 'user');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it('creates with 201, Location and ETag, ignoring a client id', async () => {
    const obs: Observation = {
      resourceType: 'Observation',
      id: 'typical-woman-obs-1',
      status: 'final',
      code: { coding: [{ system: LOINC, code: '8867-4' }] },
      subject: { reference: 'Patient/age-35' },
      effectiveDateTime: new Date().toISOString(),
      valueQuantity: { value: 70, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
    };
    const { status, headers, body } = await call('Observation', 'user', { method: 'POST', body: JSON.stringify(obs) });
    expect(status).toBe(201);
    expect(body.id).not.toBe('typical-woman-obs-1');
    expect(headers.get('location')).toBe(`${base}/Observation/${body.id}/_history/${body.meta.versionId}`);
    expect(headers.get('etag')).toBe(`W/"${body.meta.versionId}"`);
    const original = await call('Observation/typical-woman-obs-1', 'user');
    expect(original.body.subject.reference).toBe('Patient/typical-woman');
  });

  it('creates conditionally with If-None-Exist: once 201, then 200 with the same resource', async () => {
    const carePlan = {
      resourceType: 'CarePlan',
      identifier: [{ system: 'urn:tailor:plan', value: 'plan-conditional-1' }],
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/age-82' },
    };
    const init = { method: 'POST', body: JSON.stringify(carePlan), headers: { 'If-None-Exist': 'identifier=urn:tailor:plan|plan-conditional-1' } };
    const first = await call('CarePlan', 'user', init);
    const second = await call('CarePlan', 'user', init);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const found = await call('CarePlan?identifier=urn:tailor:plan|plan-conditional-1', 'user');
    expect(found.body.total).toBe(1);
  });

  it('refuses a structurally invalid resource with 400 and the validation issues', async () => {
    const { status, body } = await call('Observation', 'user', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Observation', status: 'final', subject: { reference: 'Patient/age-35' }, colour: 'blue' }),
    });
    expect(status).toBe(400);
    const where = (body as OperationOutcome).issue.map((i) => i.expression?.[0]);
    expect(where).toEqual(expect.arrayContaining(['Observation.code', 'Observation.colour']));
  });

  it('updates with PUT and a new version', async () => {
    const created = await call('Observation', 'user', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Observation', status: 'preliminary', code: { text: 'x' }, subject: { reference: 'Patient/age-35' } }),
    });
    const updated = await call(`Observation/${created.body.id}`, 'user', { method: 'PUT', body: JSON.stringify({ ...created.body, status: 'final' }) });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe('final');
    expect(updated.body.meta.versionId).not.toBe(created.body.meta.versionId);
  });
});

describe('transactions', () => {
  it('creates entries and rewrites urn:uuid references', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: 'tx-1' }], name: [{ family: 'Tx' }] },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: { resourceType: 'Condition', code: { text: 'test' }, subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' } },
          request: { method: 'POST', url: 'Condition' },
        },
      ],
    };
    const { status, body } = await call('', 'user', { method: 'POST', body: JSON.stringify(bundle) });
    expect(status).toBe(200);
    expect(body.type).toBe('transaction-response');
    expect(body.entry.map((e: any) => e.response.status)).toEqual(['201', '201']);
    const patientId = body.entry[0].resource.id;
    expect(body.entry[1].resource.subject.reference).toBe(`Patient/${patientId}`);
  });

  it('is atomic: an entry failing mid-way undoes the entries before it', async () => {
    const current = (await call('Patient/age-35', 'user')).body;
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: 'tx-atomic' }] }, request: { method: 'POST', url: 'Patient' } },
        // A stale version: the update fails with 412 only when it runs, after the create above.
        { resource: { ...current, gender: 'other' }, request: { method: 'PUT', url: 'Patient/age-35', ifMatch: 'W/"stale-version"' } },
      ],
    };
    const { status, body } = await call('', 'user', { method: 'POST', body: JSON.stringify(bundle) });
    expect(status).toBe(412);
    expect(body.resourceType).toBe('OperationOutcome');
    expect((await call('Patient?identifier=urn:test|tx-atomic', 'user')).body.total).toBe(0);
    expect((await call('Patient/age-35', 'user')).body.gender).toBe('male');
  });

  it('validates every entry before running any', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: 'tx-invalid' }] }, request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Condition', subject: { reference: 'Patient/age-35' }, bogus: true }, request: { method: 'POST', url: 'Condition' } },
      ],
    };
    const { status } = await call('', 'user', { method: 'POST', body: JSON.stringify(bundle) });
    expect(status).toBe(400);
    expect((await call('Patient?identifier=urn:test|tx-invalid', 'user')).body.total).toBe(0);
  });
});

describe('scopes and the patient compartment', () => {
  it('gives 403 to a search without a granting scope', async () => {
    const { status, body } = await call('Observation?patient=typical-woman', 'patientOnly');
    expect(status).toBe(403);
    expect(body.issue[0].code).toBe('forbidden');
  });

  it('accepts SMART v1 patient/*.read for reads but not writes', async () => {
    const read = await call('Observation?patient=ckd-3b&category=laboratory', 'v1ckd');
    expect(read.status).toBe(200);
    expect(read.body.total).toBeGreaterThan(0);
    const write = await call('Observation', 'v1ckd', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/ckd-3b' } }),
    });
    expect(write.status).toBe(403);
  });

  it('confines a patient-scoped search to the launch patient', async () => {
    const implicit = await call('Observation?_count=200', 'typical');
    expect(implicit.status).toBe(200);
    expect(implicit.body.total).toBeGreaterThan(0);
    for (const o of resources<Observation>(implicit.body)) expect(o.subject?.reference).toBe('Patient/typical-woman');
    const other = await call('Observation?patient=ckd-3b', 'typical');
    expect(other.status).toBe(403);
    const patients = await call('Patient', 'typical');
    expect(resources(patients.body).map((p) => p.id)).toEqual(['typical-woman']);
  });

  it('keeps next links as asked under patient and granular scopes: each page is confined again, not the link', async () => {
    for (const [token, asked] of [['typical', 'Observation?patient=typical-woman&_count=2'], ['labsOnly', 'Observation?_count=2']] as const) {
      const pages: Bundle[] = [];
      let url: string | undefined = `${base}/${asked}`;
      while (url && pages.length < 4) {
        pages.push((await call(url, token)).body as Bundle);
        url = nextLink(pages.at(-1)!);
      }
      expect(pages.length).toBe(4);
      const links = pages.slice(0, 3).map((b) => new URL(nextLink(b)!));
      // Only _offset moves (2, 4, 6); the asked parameters appear once each, exactly as asked.
      expect(links.map((l) => l.searchParams.get('_offset'))).toEqual(['2', '4', '6']);
      for (const link of links) {
        const asParams = new URLSearchParams(asked.split('?')[1]);
        expect(link.searchParams.getAll('patient')).toEqual(asParams.getAll('patient'));
        expect(link.searchParams.getAll('category')).toEqual([]);
        expect(link.searchParams.getAll('_count')).toEqual(['2']);
      }
      for (const o of pages.flatMap((b) => resources<Observation>(b))) {
        expect(o.subject?.reference).toBe('Patient/typical-woman');
        if (token === 'labsOnly') expect(o.category?.[0]?.coding?.[0]?.code).toBe('laboratory');
      }
    }
  });

  it('refuses a patient-scoped read of another patient’s data', async () => {
    expect((await call('Patient/typical-woman', 'typical')).status).toBe(200);
    expect((await call('Patient/ckd-3b', 'typical')).status).toBe(403);
    expect((await call('Observation/ckd-3b-obs-1', 'typical')).status).toBe(403);
    expect((await call('Observation/typical-woman-obs-2', 'typical')).status).toBe(200);
  });

  it('lets a patient-scoped token write only into its own chart (v1 .write, v2 .c)', async () => {
    const obs = (patient: string) => JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${patient}` } });
    expect((await call('Observation', 'v1write', { method: 'POST', body: obs('typical-woman') })).status).toBe(201);
    expect((await call('Observation', 'v1write', { method: 'POST', body: obs('ckd-3b') })).status).toBe(403);
    expect((await call('Observation', 'typical', { method: 'POST', body: obs('typical-woman') })).status).toBe(201);
    expect((await call('Condition', 'typical', { method: 'POST', body: JSON.stringify({ resourceType: 'Condition', subject: { reference: 'Patient/typical-woman' } }) })).status).toBe(403);
  });

  it('refuses patient scopes without a patient in the launch context', async () => {
    expect((await call('Observation', 'noContext')).status).toBe(403);
  });

  it('lets the signed-in practitioner read their own record through fhirUser only', async () => {
    expect((await call('Practitioner/dr-okafor', 'typical')).status).toBe(200);
    expect((await call('Practitioner/dr-reyes', 'typical')).status).toBe(403);
  });

  it('applies SMART v2 granular scopes (category=laboratory)', async () => {
    const { body } = await call('Observation?_count=200', 'labsOnly');
    expect(body.total).toBeGreaterThan(0);
    for (const o of resources<Observation>(body)) expect(o.category?.[0]?.coding?.[0]?.code).toBe('laboratory');
    const vitals = await call('Observation?category=vital-signs', 'labsOnly');
    expect(vitals.body.total).toBe(0);
    const vitalId = resources<Observation>((await call('Observation?patient=typical-woman&category=vital-signs', 'user')).body)[0]?.id;
    expect((await call(`Observation/${vitalId}`, 'labsOnly')).status).toBe(403);
  });

  it('checks every transaction entry against the scopes before running any', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'ok' }, subject: { reference: 'Patient/typical-woman' } }, request: { method: 'POST', url: 'Observation' } },
        { resource: { resourceType: 'Condition', subject: { reference: 'Patient/typical-woman' } }, request: { method: 'POST', url: 'Condition' } },
      ],
    };
    const { status } = await call('', 'typical', { method: 'POST', body: JSON.stringify(bundle) });
    expect(status).toBe(403);
  });
});

describe('launch switches', () => {
  it('answers 405 to CarePlan create and update when carePlanWriteUnsupported', async () => {
    const plan = { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: 'Patient/age-82' } };
    const create = await call('CarePlan', 'carePlanReadOnly', { method: 'POST', body: JSON.stringify(plan) });
    expect(create.status).toBe(405);
    expect(create.body.resourceType).toBe('OperationOutcome');
    const created = await call('CarePlan', 'user', { method: 'POST', body: JSON.stringify(plan) });
    const update = await call(`CarePlan/${created.body.id}`, 'carePlanReadOnly', { method: 'PUT', body: JSON.stringify(created.body) });
    expect(update.status).toBe(405);
    expect((await call(`CarePlan/${created.body.id}`, 'carePlanReadOnly')).status).toBe(200);
  });

  it('fails the chosen resource type with the chosen status, and only that type', async () => {
    const failed = await call('Condition?patient=smoker-diabetic', 'conditionDown');
    expect(failed.status).toBe(503);
    expect(failed.body.resourceType).toBe('OperationOutcome');
    expect((await call('Observation?patient=smoker-diabetic', 'conditionDown')).status).toBe(200);
  });

  it('drops the connection for the chosen type without an answer, and only the first `times` requests', async () => {
    await expect(fetch(`${base}/Condition?patient=smoker-diabetic`, { headers: { Authorization: 'Bearer conditionDropped' } })).rejects.toThrow(TypeError);
    expect((await call('Observation?patient=smoker-diabetic', 'conditionDropped')).status).toBe(200);
    expect((await call('Condition?patient=smoker-diabetic', 'conditionDropped')).body.total).toBe(3);
  });

  it('only delays when the fault has no status', async () => {
    const slow = await call('Condition?patient=smoker-diabetic', 'slowConditions');
    expect(slow.status).toBe(200);
    expect(slow.body.total).toBe(3);
  });

  it('imitates Epic: 400 for an Observation search without category', async () => {
    const without = await call('Observation?patient=typical-woman', 'epic');
    expect(without.status).toBe(400);
    expect(without.body.issue[0].code).toBe('required');
    const withCategory = await call('Observation?patient=typical-woman&category=laboratory', 'epic');
    expect(withCategory.status).toBe(200);
  });
});
