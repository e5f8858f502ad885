import { describe, expect, it } from 'vitest';
import type { MedicationStatement } from 'fhir/r4';
import { buildFacts, type ChartData } from '../../src/chart/buildFacts.ts';
import { convert } from '../../src/chart/units.ts';
import { conceptOf } from '../../src/chart/valueSets/observations.ts';
import { statinUse, type ActiveDrug } from '../../src/chart/medications.ts';
import { bpPanel, chart, coded, condition, daysAgo, medRequest, NOW, obs, ucum } from './fixtures.ts';

/**
 * Review of the chart layer against its sources (each case names the source it was checked against).
 * Conversions are checked against factors computed by hand from the molar masses, not against the code's own tables.
 */

const SCT = 'http://snomed.info/sct';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const LOINC = 'http://loinc.org';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const f = (parts: Partial<ChartData>) => buildFacts(chart(parts), NOW);

const toCanonical = (value: number, from: string, key: Parameters<typeof conceptOf>[0]): number => {
  const c = conceptOf(key);
  const r = convert(value, from, c.unit, { ...(c.molarMass ? { molarMass: c.molarMass.value } : {}), ...(c.charge !== undefined ? { charge: c.charge } : {}) });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('HbA1c IFCC → NGSP (NGSP % = 0.09148 × IFCC + 2.152; Hoelzel W et al., Clin Chem 2004;50:166; ngsp.org/ifccngsp.asp)', () => {
  it('uses the master equation for annotated and scaled substance fractions, never the dimensional 48 mmol/mol = 4.8 %', () => {
    // 48 mmol/mol is the ADA/IFCC diabetes threshold, NGSP 6.5 %.
    expect(toCanonical(48, 'mmol/mol', 'hba1c')).toBeCloseTo(6.543, 3);
    expect(toCanonical(48, 'mmol/mol{Hb}', 'hba1c')).toBeCloseTo(6.543, 3);
    expect(toCanonical(0.048, 'mol/mol', 'hba1c')).toBeCloseTo(6.543, 3);
  });
  it('an IFCC result in mmol/mol{Hb} makes diabetes yes via HbA1c ≥ 6.5 %', () => {
    const facts = f({ observations: [obs('59261-8', ucum(53, 'mmol/mol{Hb}'))] });
    expect(facts.hba1c.state === 'known' && facts.hba1c.value.value).toBeCloseTo(0.09148 * 53 + 2.152, 6);
    expect(facts.diabetes.state === 'known' && facts.diabetes.value).toBe(true);
  });
  it('a substance concentration (mmol/L) is not an HbA1c unit and is flagged', () => {
    expect(convert(5, 'mmol/L', '%').ok).toBe(false);
  });
});

describe('molar conversions, factors from the molar masses (PubChem / IUPAC 2021)', () => {
  it.each([
    ['totalCholesterol', 1, 'mmol/L', 38.665], // 386.65 g/mol
    ['triglycerides', 1, 'mmol/L', 88.57], // triolein 885.7 g/mol
    ['fastingGlucose', 1, 'mmol/L', 18.0156], // 180.156 g/mol
    ['creatinine', 88.4, 'umol/L', 0.99998], // 113.12 g/mol: 1 mg/dL = 88.40 µmol/L
    ['uacr', 1, 'mg/mmol', 8.8402], // per mmol creatinine: 1 / 0.11312 g
    ['calcium', 1, 'mmol/L', 4.0078], // 40.078 g/mol
    ['phosphate', 1, 'mmol/L', 3.0974], // reported as phosphorus, 30.974 g/mol
    ['albumin', 40, 'g/L', 4], // g/L ÷ 10 = g/dL
    ['potassium', 4, 'meq/L', 4], // monovalent
  ] as const)('%s: %d %s → %d', (key, value, from, expected) => {
    expect(toCanonical(value, from, key)).toBeCloseTo(expected, 3);
  });
});

describe('smoking status 72166-2 (US Core Smoking Status value set STU 3.1.1; IPS LOINC answers LL2201-3)', () => {
  const smoker = (obsList: ChartData['observations']) => f({ observations: obsList }).smoker;
  it.each([
    [SCT, '449868002', true], [SCT, '428041000124106', true], [SCT, '428071000124103', true], [SCT, '428061000124105', true],
    [SCT, '8517006', false], [SCT, '266919005', false],
    [LOINC, 'LA18976-3', true], [LOINC, 'LA18977-1', true], [LOINC, 'LA15920-4', false], [LOINC, 'LA18978-9', false],
  ] as const)('%s %s → current smoker %s', (system, code, current) => {
    const s = smoker([coded('72166-2', system, code)]);
    expect(s.state === 'known' && s.value).toBe(current);
  });
  it.each([[SCT, '77176002'], [LOINC, 'LA18979-7'], [SCT, '266927001'], [LOINC, 'LA18980-5']] as const)(
    '%s %s ("current status unknown" / "unknown if ever smoked": NHIS recode, an ever-smoker who may have quit) stays unknown',
    (system, code) => {
      const s = smoker([coded('72166-2', system, code)]);
      expect(s.state).toBe('unknown');
    },
  );
  it('a newer "current status unknown" is not overridden by an older "never smoker"', () => {
    const s = f({ observations: [coded('72166-2', SCT, '266919005', 800), coded('72166-2', SCT, '77176002', 10)] }).smokingStatus;
    expect(s.state).toBe('unknown');
    expect(s.state === 'unknown' && s.note).toBe('recorded as "Smoker, current status unknown"');
  });
  it('no smoking status at all is unknown, not "non-smoker"', () => {
    expect(smoker([]).state).toBe('unknown');
  });
});

describe('medications: only current use counts (FHIR R4 medicationrequest-status, medication-statement-status)', () => {
  const statement = (status: MedicationStatement['status']): MedicationStatement => ({
    resourceType: 'MedicationStatement', id: `ms-${status}`, status, subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: '83367', display: 'atorvastatin' }] },
  });
  it('a MedicationStatement "intended" (may be taken in the future) is not "on statin"', () => {
    const facts = f({ medicationStatements: [statement('intended')] });
    expect(facts.onStatin.state === 'known' && facts.onStatin.value).toBe(false);
    expect(facts.drugs.rejected.map((r) => r.reason)).toEqual(['status "intended" is not current']);
  });
  it('an active MedicationStatement is', () => {
    const facts = f({ medicationStatements: [statement('active')] });
    expect(facts.onStatin.state === 'known' && facts.onStatin.value).toBe(true);
  });
  it.each(['completed', 'stopped', 'entered-in-error', 'draft', 'cancelled'] as const)('a MedicationRequest "%s" is not current', (status) => {
    const facts = f({ medicationRequests: [medRequest('83367', 'atorvastatin', { status })] });
    expect(facts.onStatin.state === 'known' && facts.onStatin.value).toBe(false);
  });
  it('an on-hold statin ("temporarily halted, expected to continue") leaves on-statin and the statin unknown, not no', () => {
    const facts = f({ medicationRequests: [medRequest('83367', 'atorvastatin', { status: 'on-hold' })] });
    expect(facts.onStatin).toMatchObject({ state: 'unknown', note: 'atorvastatin on hold: confirm' });
    expect(facts.statin.state).toBe('unknown');
  });
  it('an active statin next to an on-hold one is on statin', () => {
    const facts = f({ medicationRequests: [medRequest('83367', 'atorvastatin', { status: 'on-hold' }), medRequest('301542', 'rosuvastatin')] });
    expect(facts.onStatin).toMatchObject({ state: 'known', value: true, note: 'rosuvastatin' });
  });
  it('an on-hold proposal is not "held treatment"', () => {
    const facts = f({ medicationRequests: [medRequest('83367', 'atorvastatin', { status: 'on-hold', intent: 'proposal' })] });
    expect(facts.onStatin.state === 'known' && facts.onStatin.value).toBe(false);
  });
  it('a proposal is not an order', () => {
    const facts = f({ medicationRequests: [medRequest('17767', 'amlodipine', { intent: 'proposal' })] });
    expect(facts.onBPTreatment.state === 'known' && facts.onBPTreatment.value).toBe(false);
  });
});

describe('statin intensity by daily dose, 2018 AHA/ACC cholesterol guideline Table 3 (Grundy SM et al., Circulation 2019;139:e1082)', () => {
  const drug = (ingredient: string, dailyMg: number): ActiveDrug => ({
    drugClass: 'statin', ingredient, matchedBy: 'code', source: { resourceType: 'MedicationRequest', id: 'x' }, strengthMg: dailyMg, dailyMg,
  });
  it.each([
    ['atorvastatin', 80, 'high'], ['atorvastatin', 40, 'high'], ['atorvastatin', 20, 'moderate'], ['atorvastatin', 10, 'moderate'],
    ['rosuvastatin', 40, 'high'], ['rosuvastatin', 20, 'high'], ['rosuvastatin', 10, 'moderate'], ['rosuvastatin', 5, 'moderate'],
    ['simvastatin', 40, 'moderate'], ['simvastatin', 20, 'moderate'], ['simvastatin', 10, 'low'],
    ['pravastatin', 80, 'moderate'], ['pravastatin', 40, 'moderate'], ['pravastatin', 20, 'low'], ['pravastatin', 10, 'low'],
    ['lovastatin', 80, 'moderate'], ['lovastatin', 40, 'moderate'], ['lovastatin', 20, 'low'],
    ['fluvastatin', 80, 'moderate'], ['fluvastatin', 40, 'low'], ['fluvastatin', 20, 'low'],
    ['pitavastatin', 4, 'moderate'], ['pitavastatin', 2, 'moderate'], ['pitavastatin', 1, 'moderate'],
  ] as const)('%s %d mg/day → %s', (ingredient, mg, intensity) => {
    expect(statinUse(drug(ingredient, mg)).intensity).toBe(intensity);
  });
  it('simvastatin 80 mg (not in the 2018 table) gets no intensity rather than a guess', () => {
    expect(statinUse(drug('simvastatin', 80)).intensity).toBeUndefined();
  });
  it('fluvastatin 40 mg twice daily is 80 mg/day, moderate (Table 3 "fluvastatin 40 mg bid")', () => {
    const req = medRequest('310405', 'fluvastatin 40 MG Oral Capsule', {
      dosageInstruction: [{ timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }] }],
    });
    const statin = f({ medicationRequests: [req] }).statin;
    expect(statin.state === 'known' && statin.value).toMatchObject({ ingredient: 'fluvastatin', doseMg: 80, doseBasis: 'daily-dose', intensity: 'moderate' });
  });
});

describe('conditions: unknown is not "no" (FHIR R4 Condition clinicalStatus / condition-ver-status)', () => {
  it('an E11 encounter diagnosis without clinicalStatus leaves diabetes unknown, not no', () => {
    const d = f({ conditions: [condition(ICD, 'E11.9', { clinical: '' })] }).diabetes;
    expect(d.state).toBe('unknown');
    expect(d.state === 'unknown' && d.note).toBe('recorded diagnosis: confirm');
  });
  it('provisional hypertension is unknown; refuted and entered-in-error hypertension are no', () => {
    expect(f({ conditions: [condition(ICD, 'I10', { verification: 'provisional' })] }).hypertension.state).toBe('unknown');
    for (const verification of ['refuted', 'entered-in-error']) {
      const h = f({ conditions: [condition(ICD, 'I10', { verification })] }).hypertension;
      expect(h.state === 'known' && h.value).toBe(false);
    }
  });
  it('resolved hypertension is no; a resolved MI is still established ASCVD', () => {
    const facts = f({ conditions: [condition(ICD, 'I10', { clinical: 'resolved' }), condition(SCT, '22298006', { clinical: 'resolved' })] });
    expect(facts.hypertension.state === 'known' && facts.hypertension.value).toBe(false);
    expect(facts.ascvd.state === 'known' && facts.ascvd.value).toBe(true);
  });
  it('a past MI without clinicalStatus still counts as ASCVD (history concept)', () => {
    const a = f({ conditions: [condition(ICD, 'I25.2', { clinical: '' })] }).ascvd;
    expect(a.state === 'known' && a.value).toBe(true);
  });
  it('a refuted MI is not ASCVD', () => {
    const a = f({ conditions: [condition(SCT, '22298006', { verification: 'refuted' })] }).ascvd;
    expect(a.state === 'known' && a.value).toBe(false);
  });
});

describe('latest valid value (FHIR R4 observation-status; dataAbsentReason)', () => {
  it('skips preliminary, entered-in-error, dataAbsentReason and future results; takes the newest final/amended/corrected', () => {
    const facts = f({
      observations: [
        obs('2093-3', ucum(180, 'mg/dL'), { days: 100, status: 'final' }),
        obs('2093-3', ucum(190, 'mg/dL'), { days: 50, status: 'amended' }),
        obs('2093-3', ucum(250, 'mg/dL'), { days: 5, status: 'preliminary' }),
        obs('2093-3', ucum(260, 'mg/dL'), { days: 4, status: 'entered-in-error' }),
        obs('2093-3', undefined, { days: 3, dataAbsentReason: { text: 'specimen haemolysed' } }),
        obs('2093-3', ucum(270, 'mg/dL'), { days: -30 }),
      ],
    });
    const tc = facts.totalCholesterol;
    expect(tc.state === 'known' && tc.value).toEqual({ value: 190, unit: 'mg/dL' });
    expect(tc.state === 'known' && tc.date).toBe(daysAgo(50));
    expect(tc.rejected).toHaveLength(4);
  });
});

describe('BP 12-month mean (issue 3: mean of the last 12 months with how many)', () => {
  it('counts a panel component and the same stand-alone reading once, and leaves out readings older than 12 months', () => {
    const facts = f({
      observations: [
        bpPanel(140, 90, 10),
        obs('8480-6', ucum(140, 'mm[Hg]'), { days: 10 }),
        bpPanel(130, 80, 200, '55284-4'),
        bpPanel(170, 100, 400),
      ],
    });
    const sbp = facts.systolicBP;
    expect(sbp.state === 'known' && sbp.origin === 'chart' && sbp.summary12Months).toEqual({ mean: 135, count: 2, complete: true });
  });
});

describe('physical activity (HL7 Physical Activity IG: Exercise Vital Sign result 82290-8 in min/wk)', () => {
  it('reads 82290-8 in min/wk', () => {
    const pa = f({ observations: [obs('82290-8', ucum(150, 'min/wk'))] }).physicalActivity;
    expect(pa.state === 'known' && pa.value).toEqual({ value: 150, unit: 'min/wk' });
  });
});

describe('eGFR formula preference (LOINC 98979-8 CKD-EPI 2021 vs 62238-1 CKD-EPI 2009 and 33914-3 MDRD; Inker LA et al., NEJM 2021)', () => {
  it('at the same draw, the CKD-EPI 2021 result is used whatever the resource ids', () => {
    const at = { effectiveDateTime: daysAgo(20) };
    const egfr = (ids: [string, string, string]) =>
      f({
        observations: [
          obs('33914-3', ucum(58, 'mL/min/{1.73_m2}'), { ...at, id: ids[0] }),
          obs('62238-1', ucum(61, 'mL/min/{1.73_m2}'), { ...at, id: ids[1] }),
          obs('98979-8', ucum(64, 'mL/min/{1.73_m2}'), { ...at, id: ids[2] }),
        ],
      }).egfr;
    for (const ids of [['a', 'b', 'c'], ['c', 'b', 'a'], ['b', 'c', 'a']] as [string, string, string][]) {
      const e = egfr(ids);
      expect(e.state === 'known' && e.value.value).toBe(64);
    }
  });
  it('a newer result by an older formula still wins over an older CKD-EPI 2021 one (newest first)', () => {
    const e = f({ observations: [obs('98979-8', ucum(64, 'mL/min/{1.73_m2}'), { days: 200 }), obs('62238-1', ucum(50, 'mL/min/{1.73_m2}'), { days: 10 })] }).egfr;
    expect(e.state === 'known' && e.value.value).toBe(50);
  });
});

describe('CKD stage codes (ICD-10-CM: N18.3 split into N18.30/31/32 from FY2021; SNOMED CT 46177005 is-a 709044004 CKD)', () => {
  it.each([
    [ICD, 'N18.3', '3'], [ICD, 'N18.30', '3'], [ICD, 'N18.31', '3a'], [ICD, 'N18.32', '3b'], [ICD, 'N18.4', '4'], [ICD, 'N18.6', '5'],
    [SCT, '700378005', '3a'], [SCT, '700379002', '3b'], [SCT, '46177005', '5'],
  ] as const)('%s %s → stage %s', (system, code, stage) => {
    const ckd = f({ conditions: [condition(system, code)] }).ckdStage;
    expect(ckd.state === 'known' && ckd.value).toBe(stage);
  });
  it('an unstaged CKD code (N18.9) leaves the stage unknown with a note', () => {
    const ckd = f({ conditions: [condition(ICD, 'N18.9')] }).ckdStage;
    expect(ckd.state === 'unknown' && ckd.note).toBe('CKD diagnosis without stage');
  });
});

// Product codes in these fixtures are placeholders: products are recognised by their RxNorm normalised name.
describe('statin daily dose from the Dosage (FHIR R4 Dosage, timing-abbreviation; intensity by 2018 AHA/ACC Table 3)', () => {
  const statinOf = (parts: Partial<ChartData>) => {
    const st = f(parts).statin;
    return st.state === 'known' ? st.value : undefined;
  };
  it('a dose stated in mg (atorvastatin 20 mg tablets, 40 mg once daily) is 40 mg/day, high intensity', () => {
    const req = medRequest('617311', 'atorvastatin 20 MG Oral Tablet', {
      dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 40, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }] }],
    });
    expect(statinOf({ medicationRequests: [req] })).toEqual({ ingredient: 'atorvastatin', doseMg: 40, doseBasis: 'daily-dose', intensity: 'high' });
  });
  it('timing code BID with fluvastatin 40 mg capsules is 80 mg/day, moderate', () => {
    const req = medRequest('310405', 'fluvastatin 40 MG Oral Capsule', {
      dosageInstruction: [{ timing: { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'BID' }] } } }],
    });
    expect(statinOf({ medicationRequests: [req] })).toMatchObject({ doseMg: 80, doseBasis: 'daily-dose', intensity: 'moderate' });
  });
  it('every 12 hours (period in h) is twice a day', () => {
    const req = medRequest('310405', 'fluvastatin 40 MG Oral Capsule', {
      dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 12, periodUnit: 'h' } } }],
    });
    expect(statinOf({ medicationRequests: [req] })).toMatchObject({ doseMg: 80, doseBasis: 'daily-dose' });
  });
  it('a dose in mg of a combination product is not attributed to the statin: tablet strength is used, and said so', () => {
    const req = medRequest('476351', 'ezetimibe 10 MG / simvastatin 40 MG Oral Tablet', {
      dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 10, unit: 'mg' } }] }],
    });
    expect(statinOf({ medicationRequests: [req] })).toEqual({ ingredient: 'simvastatin', doseMg: 40, doseBasis: 'tablet-strength', intensity: 'moderate' });
  });
  it('a Medication whose product code is not listed is recognised by its Medication.ingredient RxNorm code', () => {
    const medication = {
      resourceType: 'Medication', id: 'm1', code: { coding: [{ system: RXNORM, code: '999999' }] },
      ingredient: [{ itemCodeableConcept: { coding: [{ system: RXNORM, code: '301542', display: 'rosuvastatin' }] }, strength: { numerator: { value: 20, unit: 'mg', code: 'mg' }, denominator: { value: 1, unit: 'tablet' } } }],
    };
    const req = { ...medRequest('0', ''), medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m1' } };
    expect(statinOf({ medicationRequests: [req], medications: [medication] })).toMatchObject({ ingredient: 'rosuvastatin', doseMg: 20, intensity: 'high' });
  });
});

describe('coded answers: the newest record decides (US Core Smoking Status / Pregnancy Status; FHIR R4 Observation)', () => {
  it('a newer smoking status with an unrecognised answer is not replaced by an older "never smoker"', () => {
    const local = coded('72166-2', 'http://example.org/local-smoking', 'S9', 5);
    const s = f({ observations: [coded('72166-2', SCT, '266919005', 400), local] }).smokingStatus;
    expect(s.state).toBe('unknown');
    expect(s.state === 'unknown' && s.note).toBe('recorded as "S9": enter the status (a local answer code can be added to smokingAnswers in config/site-codes.json)');
  });
  it('an older unrecognised answer does not hide a newer recognised one', () => {
    const s = f({ observations: [coded('72166-2', 'http://example.org/local-smoking', 'S9', 400), coded('72166-2', SCT, '8517006', 5)] }).smokingStatus;
    expect(s.state === 'known' && s.value).toBe('former');
  });
  const notPregnant = (days: number) => coded('82810-3', LOINC, 'LA26683-5', days);
  const pregnancyDx = (days?: number) => condition(ICD, 'Z33.1', days === undefined ? {} : { onset: daysAgo(days) });
  it('an active pregnancy diagnosis newer than a "not pregnant" status makes pregnant yes', () => {
    const p = f({ observations: [notPregnant(300)], conditions: [pregnancyDx(20)] }).pregnant;
    expect(p.state === 'known' && p.value).toBe(true);
  });
  it('a "not pregnant" status newer than the diagnosis wins, naming the diagnosis still on the problem list', () => {
    const p = f({ observations: [notPregnant(5)], conditions: [pregnancyDx(400)] }).pregnant;
    expect(p.state === 'known' && p.value).toBe(false);
    expect(p.state === 'known' && p.note).toContain('still active on the problem list');
  });
  it('an undated active pregnancy diagnosis and a "not pregnant" status conflict: unknown', () => {
    const p = f({ observations: [notPregnant(5)], conditions: [pregnancyDx()] }).pregnant;
    expect(p.state).toBe('unknown');
  });
  it('a newer "Unknown" pregnancy answer (LOINC LA4489-6) is not replaced by an older "not pregnant"', () => {
    const p = f({ observations: [notPregnant(60), coded('82810-3', LOINC, 'LA4489-6', 2)] }).pregnant;
    expect(p.state).toBe('unknown');
  });
});

describe('diabetes from HbA1c (ADA Standards of Care 2024, §2 Table 2.1: HbA1c ≥ 6.5 %)', () => {
  it('an earlier HbA1c ≥ 6.5 % with a lower latest one leaves diabetes unknown, not no', () => {
    const d = f({ observations: [obs('4548-4', ucum(7.4, '%'), { days: 400 }), obs('4548-4', ucum(6.1, '%'), { days: 30 })] }).diabetes;
    expect(d.state).toBe('unknown');
    expect(d.state === 'unknown' && d.note).toBe(`HbA1c 7.4 % on ${daysAgo(400).slice(0, 10)}: confirm`);
  });
  it('only lower HbA1c values, no diagnosis and no drug: no, citing the latest', () => {
    const d = f({ observations: [obs('4548-4', ucum(6.0, '%'), { days: 400 }), obs('4548-4', ucum(5.6, '%'), { days: 30 })] }).diabetes;
    expect(d.state === 'known' && d.value).toBe(false);
  });
  it('a latest HbA1c of 6.5 % (the threshold itself) is diabetes', () => {
    const d = f({ observations: [obs('4548-4', ucum(6.5, '%'))] }).diabetes;
    expect(d.state === 'known' && d.value).toBe(true);
  });
});

describe('eGFR from a newer creatinine (CKD-EPI 2021, Inker LA et al., NEJM 2021;385:1737, Table 2)', () => {
  const adult = { patient: { resourceType: 'Patient' as const, id: 'p1', gender: 'male' as const, birthDate: '1966-06-01' } };
  it('a creatinine drawn after the latest eGFR result gives a derived CKD-EPI 2021 eGFR, saying why', () => {
    const facts = f({ ...adult, observations: [obs('98979-8', ucum(90, 'mL/min/{1.73_m2}'), { days: 700 }), obs('2160-0', ucum(1.0, 'mg/dL'), { days: 10 })] });
    const e = facts.egfr;
    // Male, 60 y, Scr 1.0 mg/dL: 142 × (1.0/0.9)^−1.200 × 0.9938^60 = 86.2
    expect(e.state === 'known' && e.origin).toBe('derived');
    expect(e.state === 'known' && e.value.value).toBeCloseTo(86.2, 1);
    expect(e.state === 'known' && e.note).toBe(`from a creatinine newer than the latest eGFR result (${daysAgo(700)})`);
  });
  it('a creatinine of the same draw leaves the reported eGFR in place', () => {
    const at = { effectiveDateTime: daysAgo(10) };
    const e = f({ ...adult, observations: [obs('98979-8', ucum(90, 'mL/min/{1.73_m2}'), at), obs('2160-0', ucum(1.0, 'mg/dL'), at)] }).egfr;
    expect(e.state === 'known' && e.origin === 'chart' && e.value.value).toBe(90);
  });
  it('without age or sex the older reported eGFR stands', () => {
    const e = f({ observations: [obs('98979-8', ucum(90, 'mL/min/{1.73_m2}'), { days: 700 }), obs('2160-0', ucum(1.0, 'mg/dL'), { days: 10 })] }).egfr;
    expect(e.state === 'known' && e.origin === 'chart' && e.value.value).toBe(90);
  });
});

describe('CKD-EPI 2021 uses the age when the creatinine was drawn (0.9938^age, Inker LA et al., NEJM 2021, Table 2)', () => {
  it('a creatinine drawn at 58 (patient 60 today) is calculated with age 58', () => {
    const e = f({ patient: { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1966-06-01' }, observations: [obs('2160-0', ucum(1.0, 'mg/dL'), { days: 700 })] }).egfr;
    // 142 × (1.0/0.9)^−1.200 × 0.9938^58 = 87.2 (at 60 it would be 86.2)
    expect(e.state === 'known' && e.value.value).toBeCloseTo(87.2, 1);
  });
});

describe('several active statins (a switch whose old prescription was never ended)', () => {
  it('the most recently prescribed statin is the one shown, and the note says there are two', () => {
    const old = medRequest('83367', 'atorvastatin 20 MG Oral Tablet', { authoredOn: daysAgo(400) });
    const recent = medRequest('301542', 'rosuvastatin 20 MG Oral Tablet', { authoredOn: daysAgo(30) });
    const st = f({ medicationRequests: [old, recent] }).statin;
    expect(st.state === 'known' && st.value).toMatchObject({ ingredient: 'rosuvastatin', intensity: 'high' });
    expect(st.state === 'known' && st.note).toBe('2 different statins active (atorvastatin, rosuvastatin); the newest prescription is shown; intensity from tablet strength; daily dose not stated');
  });
});
