// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { Observation } from 'fhir/r4';
import { FactsPanel } from '../../../src/ui/facts/FactsPanel.tsx';
import { formatValue } from '../../../src/ui/facts/factFormat.ts';
import { chartStoreConfig, useChartStore } from '../../../src/store/chart.ts';
import { buildFacts } from '../../../src/chart/buildFacts.ts';
import { allergy, bpPanel, chart, NOW, obs, patient } from '../../chart/fixtures.ts';

const home = (s: number, d: number, days: number): Observation => ({ ...bpPanel(s, d, days), performer: [{ reference: 'Patient/p1' }] });
const cyp2c19Genotype: Observation = { ...obs('84413-4', undefined, { days: 60 }), valueCodeableConcept: { text: 'CYP2C19 *1/*2' } };
const lisinopril = allergy('http://www.nlm.nih.gov/research/umls/rxnorm', '29046', {
  type: 'allergy', criticality: 'high', code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '29046' }], text: 'Lisinopril' },
});

function seed(observations: Observation[], allergies: unknown[]) {
  const facts = buildFacts(chart({ patient: patient('female', '1970-01-01'), observations, allergies }), NOW);
  useChartStore.setState({ patientId: 'p1', sources: [], outcomes: {}, entries: {}, facts, siteCodeErrors: [] });
}

beforeEach(() => {
  sessionStorage.clear();
  chartStoreConfig.now = () => NOW;
});

describe('FactsPanel rows for the plan facts', () => {
  it('shows home BP apart from office BP, the CYP2C19 result and the drug allergies', () => {
    // Office 144; home 130 and 126 (mean 128).
    seed([bpPanel(144, 90, 20), home(130, 82, 2), home(126, 78, 1), cyp2c19Genotype], [lisinopril]);
    render(<FactsPanel />);
    expect(screen.getByTestId('fact-systolicBP-value')).toHaveTextContent('144 mmHg');
    expect(screen.getByTestId('fact-homeSystolicBP')).toHaveTextContent('Home systolic BP (patient or device)');
    expect(screen.getByTestId('fact-homeSystolicBP-value')).toHaveTextContent('126 mmHg');
    expect(screen.getByTestId('fact-homeSystolicBP-value')).toHaveTextContent('12-month mean 128 mmHg (2 readings)');
    expect(screen.getByTestId('fact-cyp2c19-value')).toHaveTextContent('*1/*2, intermediate metabolizer');
    expect(screen.getByTestId('fact-drugAllergies-value')).toHaveTextContent('Lisinopril (ACE inhibitor): allergy, high criticality');
    // Informational: no entry field for any of them.
    expect(screen.queryByRole('button', { name: /Home systolic BP|CYP2C19|Drug allergies/ })).toBeNull();
  });

  it('an absent home BP or CYP2C19 is "not recorded", not a gap; no allergies reads "None recorded"', () => {
    seed([bpPanel(138, 84, 10)], []);
    render(<FactsPanel />);
    for (const key of ['homeSystolicBP', 'cyp2c19']) {
      expect(screen.getByTestId(`fact-${key}`)).toHaveAttribute('data-origin', 'not-recorded');
      expect(screen.getByTestId(`fact-${key}`)).not.toHaveClass('fact-missing');
    }
    expect(screen.getByTestId('fact-drugAllergies-value')).toHaveTextContent('None recorded');
  });
});

describe('formatValue for the plan facts', () => {
  it('writes a class-level allergy without an ingredient, and an unmapped one as recorded', () => {
    const source = { resourceType: 'AllergyIntolerance', id: 'a1' };
    expect(formatValue('drugAllergies', [
      { display: 'Statins', type: 'intolerance', drugClass: 'statin', criticality: 'low', source },
      { display: 'Penicillin', type: 'allergy', criticality: 'unable-to-assess', source },
    ])).toBe('Statins (Statin): intolerance, low criticality; Penicillin: allergy');
    expect(formatValue('cyp2c19', { phenotype: 'poor metabolizer' })).toBe('poor metabolizer');
  });
});
