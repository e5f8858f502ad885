import { describe, expect, it } from 'vitest';
import { createPlanStore, planStorageKey, type PlanOwner } from '../../src/store/plan.ts';
import { TabStorage } from './tabStorage.ts';

const SERVER = 'https://ehr.example.org/fhir';
const okafor = 'Practitioner/dr-okafor';
const maria: PlanOwner = { server: SERVER, patientId: 'smoker-diabetic', practitioner: okafor, patientName: 'Maria Lopez' };
const james: PlanOwner = { server: SERVER, patientId: 'ldl-190', practitioner: okafor, patientName: 'James Carter' };

const uuids = ['0b7c6f2e-3c1d-4e6a-9f2b-1a2b3c4d5e6f', '1c8d7a3f-4d2e-4f7b-8a3c-2b3c4d5e6f70', '2d9e8b4a-5e3f-4a8c-9b4d-3c4d5e6f7081', '3eaf9c5b-6f4a-4b9d-8c5e-4d5e6f708192'];

/** A page load: a fresh store over the tab's storage (what survives a reload is only what storage holds). */
function page(storage: TabStorage, ids: string[] = [...uuids]) {
  let n = 0;
  return createPlanStore({ storage: () => storage, newId: () => ids[n++] ?? `id-${n}`, now: () => new Date('2026-03-10T15:00:00Z') });
}

describe('plan store: persistence', () => {
  it('keeps ticks, edits, added activities, goals and the draft id across a reload', () => {
    const storage = new TabStorage();
    const first = page(storage);
    first.getState().open(maria);
    const s = first.getState();
    s.setTicked('statin-diabetes-high', true);
    s.setTicked('smoking-counselling', true);
    s.setTicked('smoking-counselling', false);
    s.edit('statin-diabetes-high', { dose: '40 mg once daily' });
    s.edit('statin-diabetes-high', { timing: 'start today' });
    s.addActivity('  Dietitian referral ', ' within 4 weeks ');
    s.setGoal('ldl', { set: true, text: 'LDL-C < 70 mg/dL' });
    const id = first.getState().draft?.id;
    expect(id).toBe(uuids[0]);

    const reloaded = page(storage, ['9f9f9f9f-0000-4000-8000-000000000000']);
    reloaded.getState().open(maria);
    const d = reloaded.getState().draft!;
    expect(d.id).toBe(uuids[0]);
    expect(d.ticked).toEqual(['statin-diabetes-high']);
    expect(d.edits).toEqual({ 'statin-diabetes-high': { dose: '40 mg once daily', timing: 'start today' } });
    expect(d.added).toEqual([{ id: uuids[1], text: 'Dietitian referral', timing: 'within 4 weeks' }]);
    expect(d.goals).toEqual({ ldl: { set: true, text: 'LDL-C < 70 mg/dL' } });
    expect(reloaded.getState().switched).toBeUndefined();
    expect(reloaded.getState().storageProblems).toEqual([]);
  });

  it('keeps an emptied field (the physician retyping it) and resets an edit on request', () => {
    const store = page(new TabStorage());
    store.getState().open(maria);
    store.getState().edit('x', { text: 'Start atorvastatin 40 mg' });
    store.getState().edit('x', { text: '' });
    expect(store.getState().draft?.edits.x).toEqual({ text: '' });
    store.getState().resetEdit('x');
    expect(store.getState().draft?.edits).toEqual({});
  });

  it('ignores an empty free-text activity', () => {
    const store = page(new TabStorage());
    store.getState().open(maria);
    store.getState().addActivity('   ', 'today');
    expect(store.getState().draft?.added).toEqual([]);
  });

  it('keeps the draft in memory and says so when storage refuses writes', () => {
    const storage = new TabStorage();
    const store = page(storage);
    store.getState().open(maria);
    storage.failWrites = true;
    store.getState().setTicked('lifestyle-diet', true);
    expect(store.getState().draft?.ticked).toEqual(['lifestyle-diet']);
    expect(store.getState().storageProblems).toEqual([expect.stringMatching(/could not be saved in this browser tab \(QuotaExceededError\): it will not survive a reload/)]);
  });
});

describe('plan store: keys', () => {
  it('keys a draft by server, patient and practitioner', () => {
    const storage = new TabStorage();
    const store = page(storage);
    store.getState().open(maria);
    store.getState().setTicked('a', true);
    expect(JSON.parse(storage.getItem(`tailor.plan.draft.${JSON.stringify([SERVER, 'smoker-diabetic', okafor])}`)!).ticked).toEqual(['a']);

    // Another practitioner, another server with the same patient id, no fhirUser: each its own, empty draft.
    for (const other of [
      { ...maria, practitioner: 'Practitioner/dr-silva' },
      { ...maria, server: 'https://other-ehr.example.org/fhir' },
      { server: SERVER, patientId: 'smoker-diabetic', patientName: 'Maria Lopez' },
    ]) {
      const s = page(storage, ['4fb0ad6c-7a5b-4cae-9d6f-5e6f708192a3']);
      s.getState().open(other);
      expect(s.getState().draft?.ticked).toEqual([]);
      expect(planStorageKey(other)).not.toBe(planStorageKey(maria));
    }
  });

  it('cannot confuse parts that contain the separator', () => {
    expect(planStorageKey({ server: 'a|b', patientId: 'c' })).not.toBe(planStorageKey({ server: 'a', patientId: 'b|c' }));
  });
});

describe('plan store: malformed storage', () => {
  const key = planStorageKey(maria);

  it('keeps what is valid, drops what is not and names each dropped part', () => {
    const storage = new TabStorage();
    storage.setItem(key, JSON.stringify({
      id: uuids[2], createdAt: '2026-03-09T10:00:00.000Z', updatedAt: 'yesterday',
      ticked: ['statin-diabetes-high', 7, null, 'smoking-counselling'],
      edits: { 'statin-diabetes-high': { dose: '40 mg' }, 'smoking-counselling': { dose: 40 } },
      added: [{ id: 'a1', text: 'Dietitian', timing: '' }, { id: 'a2' }],
      goals: { ldl: { set: true, text: 'LDL-C < 70 mg/dL' }, cholesterol: { set: true, text: 'x' }, bp: 'BP < 130/80' },
    }));
    const store = page(storage);
    store.getState().open(maria);
    const d = store.getState().draft!;
    expect(d.id).toBe(uuids[2]);
    expect(d.createdAt).toBe('2026-03-09T10:00:00.000Z');
    expect(d.ticked).toEqual(['statin-diabetes-high', 'smoking-counselling']);
    expect(d.edits).toEqual({ 'statin-diabetes-high': { dose: '40 mg' } });
    expect(d.added).toEqual([{ id: 'a1', text: 'Dietitian', timing: '' }]);
    expect(d.goals).toEqual({ ldl: { set: true, text: 'LDL-C < 70 mg/dL' } });
    expect(store.getState().storageProblems).toEqual([
      'The stored plan draft was partly malformed: dropped 2 ticked items that were not ids; dropped the edit of "smoking-counselling" (not text); ' +
        'dropped 1 added activity that was malformed; dropped the goal "cholesterol" (malformed or unknown); dropped the goal "bp" (malformed or unknown)',
    ]);
    // What was kept is written back, valid.
    expect(JSON.parse(storage.getItem(key)!).ticked).toEqual(['statin-diabetes-high', 'smoking-counselling']);
  });

  it('gives a draft whose id is not a UUID a new id, keeping its ticks', () => {
    const storage = new TabStorage();
    storage.setItem(key, JSON.stringify({ id: 'draft-1', ticked: ['lifestyle-diet'] }));
    const store = page(storage);
    store.getState().open(maria);
    expect(store.getState().draft).toMatchObject({ id: uuids[0], ticked: ['lifestyle-diet'] });
    expect(store.getState().storageProblems[0]).toContain('dropped its id, which was not a UUID: the draft has a new id');
  });

  it('moves an unreadable draft aside (never overwritten) and starts a new one', () => {
    const storage = new TabStorage();
    storage.setItem(key, '{"ticked": ["statin');
    const store = page(storage);
    store.getState().open(maria);
    expect(store.getState().draft).toMatchObject({ id: uuids[0], ticked: [] });
    expect(storage.getItem(`${key}.unreadable`)).toBe('{"ticked": ["statin');
    expect(store.getState().storageProblems).toEqual(['The stored plan draft is not readable (not JSON)', `a new draft was started; the unreadable one is kept under "${key}.unreadable"`]);
  });

  it('reads a non-object draft as unreadable', () => {
    const storage = new TabStorage();
    storage.setItem(key, '["statin-ldl-190"]');
    const store = page(storage);
    store.getState().open(maria);
    expect(store.getState().storageProblems[0]).toBe('The stored plan draft is not readable (not an object)');
    expect(store.getState().draft?.ticked).toEqual([]);
  });
});

describe('plan store: wrong-patient guard', () => {
  it('a relaunch for another patient in the same tab shows that patient’s own draft and names both', () => {
    const storage = new TabStorage();
    const first = page(storage);
    first.getState().open(maria);
    first.getState().setTicked('statin-diabetes-high', true);

    const second = page(storage, [uuids[3]!]);
    second.getState().open(james);
    expect(second.getState().draft).toMatchObject({ id: uuids[3], ticked: [] });
    expect(second.getState().switched).toEqual({ from: 'Maria Lopez', to: 'James Carter' });

    // Back to Maria: her draft, untouched, and the switch named the other way.
    const third = page(storage);
    third.getState().open(maria);
    expect(third.getState().draft).toMatchObject({ id: uuids[0], ticked: ['statin-diabetes-high'] });
    expect(third.getState().switched).toEqual({ from: 'James Carter', to: 'Maria Lopez' });
    third.getState().dismissSwitch();
    expect(third.getState().switched).toBeUndefined();
  });

  it('a switch within the page replaces the draft at once', () => {
    const store = page(new TabStorage());
    store.getState().open(maria);
    store.getState().setTicked('statin-diabetes-high', true);
    store.getState().open(james);
    expect(store.getState().owner?.patientId).toBe('ldl-190');
    expect(store.getState().draft?.ticked).toEqual([]);
    expect(store.getState().switched).toEqual({ from: 'Maria Lopez', to: 'James Carter' });
  });

  it('says nothing for a reload of the same patient, nor for another practitioner on the same patient', () => {
    const storage = new TabStorage();
    page(storage).getState().open(maria);
    const again = page(storage);
    again.getState().open(maria);
    expect(again.getState().switched).toBeUndefined();
    const colleague = page(storage);
    colleague.getState().open({ ...maria, practitioner: 'Practitioner/dr-silva' });
    expect(colleague.getState().switched).toBeUndefined();
  });
});
