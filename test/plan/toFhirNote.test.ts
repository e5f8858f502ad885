// @vitest-environment jsdom
/**
 * The fallback note, the narrative and the clipboard text: hostile text escaped (well-formed XHTML that a strict XML
 * parser reads back to the same words), the note's attachments decoding to the renderings; goal and dose parsing.
 */
import { describe, expect, it } from 'vitest';
import { planClipboardText, planNote, planToFhir, goalToSign } from '../../src/plan/toFhir/index.ts';
import { dailyAmountOf } from '../../src/plan/toFhir/dailyAmount.ts';
import { escapeXml, fhirText } from '../../src/plan/toFhir/text.ts';
import type { PlanToSign } from '../../src/plan/toFhir/types.ts';
import { validationErrors } from './fhirValidation.ts';
import { PLAN } from './toFhirFixture.ts';

const HOSTILE = `<script>alert("x")</script> & 'quoted' "double" </div><img src=x onerror=1>`;
const hostile: PlanToSign = {
  ...PLAN,
  title: `Plan ${HOSTILE}`,
  rationale: `Because ${HOSTILE}\u0007`,
  items: [...PLAN.items, { kind: 'added', id: 'own-2', text: HOSTILE, timing: '& now' }],
};

const decode = (base64: string) => new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
const parseXml = (xml: string, type: DOMParserSupportedType) => {
  const doc = new DOMParser().parseFromString(xml, type);
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
};

describe('XHTML escaping of hostile text', () => {
  it('escapes the five markup characters and replaces characters XML refuses', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(escapeXml('bell\u0007 lone\uD800 ok\uD83D\uDE00')).toBe('bell\uFFFD lone\uFFFD ok\uD83D\uDE00');
    expect(fhirText('  \u0001  ')).toBe('\uFFFD');
    expect(fhirText('   ')).toBeUndefined();
  });

  it('the CarePlan narrative is one well-formed div holding the hostile text as text, no element from it', () => {
    const carePlan = planToFhir(hostile).steps.find((s) => s.resource.resourceType === 'CarePlan')?.resource as { text: { div: string } };
    const div = carePlan.text.div;
    expect(div).not.toContain('<script');
    expect(div).not.toContain('<img');
    expect(div).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    const doc = parseXml(div, 'application/xml');
    const root = doc.documentElement;
    expect(root.localName).toBe('div');
    expect(root.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect([...root.getElementsByTagName('*')].map((e) => e.localName).filter((n) => !['h2', 'h3', 'p', 'ul', 'li'].includes(n))).toEqual([]);
    const items = [...root.getElementsByTagName('li')].map((li) => li.textContent);
    expect(items).toContain(`${HOSTILE}. When: & now.`);
    expect(items).toContain(`Because ${HOSTILE}\uFFFD`);
    expect(root.getElementsByTagName('h2')[0]?.textContent).toBe(`Plan ${HOSTILE}`);
  });

  it('the hostile plan still validates', () => {
    for (const s of planToFhir(hostile).steps) expect(validationErrors(s.resource), s.resource.resourceType).toEqual([]);
    expect(validationErrors(planNote(hostile).resource)).toEqual([]);
  });
});

describe('the fallback note (DocumentReference)', () => {
  const note = planNote(PLAN);

  it('is a final progress note (LOINC 11506-3, US Core clinical-note) by the practitioner, in the encounter', () => {
    const { content, identifier, ...rest } = note.resource;
    expect(rest).toEqual({
      resourceType: 'DocumentReference',
      status: 'current',
      docStatus: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }] },
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note', display: 'Clinical Note' }] }],
      subject: { reference: 'Patient/pt-alvarez' },
      date: '2026-03-10T14:30:00.000Z',
      author: [{ reference: 'Practitioner/dr-okafor' }],
      description: 'Cardiovascular prevention plan',
      context: { encounter: [{ reference: 'Encounter/enc-1' }], related: [{ reference: 'Condition/cond-htn', display: 'Essential hypertension' }] },
    });
    expect(identifier).toEqual([{ system: 'urn:tailor:plan', value: expect.stringMatching(/^3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f809a1b\/note\/[0-9a-f]{16}$/) }]);
    expect(note.ifNoneExist).toBe(`identifier=urn%3Atailor%3Aplan|${encodeURIComponent(identifier?.[0]?.value ?? '')}`);
    expect(content.map((c) => c.attachment.contentType)).toEqual(['application/xhtml+xml', 'text/plain; charset=utf-8']);
    expect(validationErrors(note.resource)).toEqual([]);
  });

  it('carries the plan as a strict XHTML document and as the same plain text as the clipboard', () => {
    const [xhtml, text] = note.resource.content.map((c) => decode(c.attachment.data ?? ''));
    const doc = parseXml(xhtml ?? '', 'application/xhtml+xml');
    expect(doc.title).toBe('Cardiovascular prevention plan');
    expect(text).toBe(planClipboardText(PLAN));
  });

  it('the plain text, written out by hand from the fixture', () => {
    expect(planClipboardText(PLAN)).toBe(
      [
        'Cardiovascular prevention plan',
        'Active plan, signed by Practitioner/dr-okafor at 2026-03-10T14:30:00.000Z',
        '',
        'Risk estimates:',
        '- Pooled Cohort Equations (PCE), 10-year hard ASCVD risk (version 1.1.0): 10-year ASCVD 12.3 %',
        '- AHA PREVENT equations: 10- and 30-year total CVD, ASCVD and heart failure risk (version 1.0.0): 10-year total CVD 8.9 %; 10-year ASCVD 6.1 %; 10-year heart failure 3.5 %; 30-year total CVD 27.8 %; 30-year ASCVD 19.0 %; 30-year heart failure 13.1 %',
        '',
        'Plan:',
        '- Intermediate risk (PCE 12.3 %): start atorvastatin 20 mg once daily (moderate intensity). Dose: 40 mg once daily. When: start today.',
        '- Stage 2 hypertension (BP 142/88 mmHg): start lisinopril 10–40 mg once daily, goal BP < 130/80 mmHg.',
        '- Smoking cessation counselling today & follow-up call',
        '- Walk 30 minutes after dinner. When: daily.',
        '',
        'Goals:',
        '- LDL-C < 70 mg/dL',
        '- BP < 130/80 mmHg',
        '- Quit date 2026-04-01',
        '',
        'Conditions addressed:',
        '- Essential hypertension',
        '',
        'Rationale:',
        '- Intermediate risk with a smoker; statin & BP goals discussed with the patient.',
        '',
      ].join('\n'),
    );
  });

  it('keeps its identifier when signed again later (a retry finds the same note)', () => {
    expect(planNote({ ...PLAN, signedAt: '2026-03-11T09:00:00.000Z' }).ifNoneExist).toBe(note.ifNoneExist);
    expect(planNote({ ...PLAN, rationale: 'changed' }).ifNoneExist).not.toBe(note.ifNoneExist);
  });
});

describe('goal targets from the words', () => {
  it('reads LDL-C, BP and HbA1c bounds and a quit date; anything else stays text', () => {
    expect(goalToSign('ldl', { set: true, text: 'LDL-C ≥ 50 % lower and < 70 mg/dL' }).targets).toEqual([
      { measure: { system: 'http://loinc.org', code: '2089-1', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma' }, comparator: '<', value: 70, ucum: 'mg/dL', unit: 'mg/dL' },
    ]);
    expect(goalToSign('hba1c', { set: true, text: 'HbA1c ≤ 6.5 %' }).targets).toEqual([
      { measure: { system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }, comparator: '<=', value: 6.5, ucum: '%', unit: '%' },
    ]);
    expect(goalToSign('bp', { set: true, text: 'BP < 130/80 mmHg' }).targets.map((t) => [t.measure.code, t.comparator, t.value, t.ucum])).toEqual([['8480-6', '<', 130, 'mm[Hg]'], ['8462-4', '<', 80, 'mm[Hg]']]);
    expect(goalToSign('ldl', { set: true, text: 'LDL-C < 70 mg/dL or < 55 mg/dL' }).targets).toEqual([]);
    expect(goalToSign('ldl', { set: true, text: 'as low as possible' }).targets).toEqual([]);
    expect(goalToSign('activity', { set: true, text: '≥ 150 min/week of moderate activity' })).toEqual({ kind: 'activity', text: '≥ 150 min/week of moderate activity', targets: [] });
    expect(goalToSign('quit-date', { set: true, text: '2026-04-01' })).toEqual({ kind: 'quit-date', text: 'Quit date 2026-04-01', targets: [], dueDate: '2026-04-01' });
    expect(goalToSign('quit-date', { set: true, text: 'next month' })).toEqual({ kind: 'quit-date', text: 'next month', targets: [] });
    expect(goalToSign('quit-date', { set: true, text: '2026-13-01' }).dueDate).toBeUndefined();
  });
});

describe('daily amount from the dose', () => {
  it('multiplies one strength by the times a day, and gives nothing for ranges, titrations or weekly doses', () => {
    expect(dailyAmountOf('40 mg once daily')).toEqual({ value: 40, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' });
    expect(dailyAmountOf('500 mg twice daily')).toEqual({ value: 1000, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' });
    expect(dailyAmountOf('0.1 mg three times daily')?.value).toBe(0.3);
    expect(dailyAmountOf('100 mcg once daily')).toEqual({ value: 100, unit: 'mcg', system: 'http://unitsofmeasure.org', code: 'ug' });
    for (const dose of ['10–40 mg once daily', '500 mg once daily with food, up to 1000 mg twice daily', '0.25 mg weekly, titrated to 1 mg', '', undefined]) {
      expect(dailyAmountOf(dose)).toBeUndefined();
    }
  });
});
