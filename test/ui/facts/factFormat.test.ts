import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../../src/chart/buildFacts.ts';
import { formatValue, modelsNeeding, PANEL_ROWS, parseChoice, recordedText, unitText } from '../../../src/ui/facts/factFormat.ts';
import { chart, NOW, patient } from '../../chart/fixtures.ts';

describe('race in the facts panel', () => {
  it('shows each OMB category in the words of the US Core value set, several joined', () => {
    expect(formatValue('race', ['american-indian-or-alaska-native'])).toBe('American Indian or Alaska Native');
    expect(formatValue('race', ['asian'])).toBe('Asian');
    expect(formatValue('race', ['native-hawaiian-or-other-pacific-islander'])).toBe('Native Hawaiian or Other Pacific Islander');
    expect(formatValue('race', ['other'])).toBe('Other race');
    expect(formatValue('race', ['black', 'white'])).toBe('Black or African American, White');
    expect(formatValue('race', ['toString'])).toBe('');
  });

  it('turns a choice into a one-element list, and nothing else into a race', () => {
    expect(parseChoice('race', 'white')).toEqual(['white']);
    expect(parseChoice('race', 'black')).toEqual(['black']);
    expect(parseChoice('race', 'other')).toEqual(['other']);
    expect(parseChoice('race', 'asian')).toBeUndefined();
    expect(parseChoice('race', '')).toBeUndefined();
  });

  it('is not needed outside the PCE ages 40–79 (nor flagged), and needed when the age is unknown', () => {
    const row = PANEL_ROWS.find((r) => r.key === 'race');
    const at = (birthDate: string | undefined) => row?.notNeededBecause?.(buildFacts(chart({ patient: patient('male', birthDate) }), NOW));
    // NOW is 2026-06-15.
    expect(at('1991-01-01')).toBe('used only by the Pooled Cohort Equations (ages 40–79); age is 35');
    expect(at('1944-01-01')).toBe('used only by the Pooled Cohort Equations (ages 40–79); age is 82');
    expect(at('1986-06-15')).toBeUndefined(); // 40 today
    expect(at('1947-01-01')).toBeUndefined(); // 79
    expect(at(undefined)).toBeUndefined();
  });
});

describe('where a value was recorded, in words', () => {
  const lab = { resourceType: 'Observation', id: 'o1', display: 'Cholesterol [Moles/volume] in Serum or Plasma', value: '6.2', unit: 'mmol/L', date: '2026-05-01T09:00:00Z', performer: 'Northside Lab' };
  it('test name, the value as recorded when it was converted, the date unless it is the row’s, and the performer', () => {
    expect(recordedText(lab, { value: '240 mg/dL', date: '2026-05-01' })).toBe('Cholesterol [Moles/volume] in Serum or Plasma · recorded as 6.2 mmol/L · Northside Lab');
    expect(recordedText({ ...lab, value: '152', unit: 'mm[Hg]', display: 'Systolic blood pressure' }, { value: '152 mmHg' })).toBe('Systolic blood pressure · resulted 2026-05-01 · Northside Lab');
    expect(recordedText({ resourceType: 'MedicationRequest', id: 'm1', value: 'lisinopril 10 MG Oral Tablet', date: '2025-11-02' }, {})).toBe('lisinopril 10 MG Oral Tablet · prescribed 2025-11-02');
    expect(recordedText({ resourceType: 'Patient', id: 'p1', value: '1971-08-05' }, {})).toBe('');
  });

  it('UCUM codes as clinicians write them, anything else as recorded', () => {
    expect(unitText('mL/min/{1.73_m2}')).toBe('mL/min/1.73 m²');
    expect(unitText('mm[Hg]')).toBe('mmHg');
    expect(unitText('mg/dl')).toBe('mg/dl');
  });

  it('names the models that need a fact', () => {
    expect(modelsNeeding('hdl')).toEqual(['PCE', 'PREVENT']);
    expect(modelsNeeding('uacr')).toEqual(['KFRE 4-variable', 'KFRE 8-variable']);
    expect(modelsNeeding('calcium')).toEqual(['KFRE 8-variable']);
    expect(modelsNeeding('drugAllergies')).toEqual([]);
  });
});
