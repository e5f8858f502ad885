import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../../src/chart/buildFacts.ts';
import { formatValue, PANEL_ROWS, parseChoice } from '../../../src/ui/facts/factFormat.ts';
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
