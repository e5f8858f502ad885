// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { Resource } from 'fhir/r4';
import { FactsPanel } from '../../../src/ui/facts/FactsPanel.tsx';
import { startChartLoad } from '../../../src/store/chart.ts';
import { fakeEhr, fetchRequester } from '../../fhir/fakeEhr.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('FactsPanel with the real store and loader', () => {
  it('renders the loaded chart values after startChartLoad', async () => {
    const effective = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const resources: Resource[] = [
      { resourceType: 'Patient', id: 'p9', gender: 'male', birthDate: '1961-02-03' } as Resource,
      {
        resourceType: 'Observation', id: 'ldl-9', status: 'final', effectiveDateTime: effective,
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '18262-6' }] },
        valueQuantity: { value: 3.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      } as Resource,
    ];
    server.use(...fakeEhr({ resources, fail: { FamilyMemberHistory: { status: 503, text: 'maintenance' } } }));
    render(<FactsPanel />);
    await act(() => startChartLoad(fetchRequester, 'p9'));
    expect(screen.getByTestId('fact-ldl-value')).toHaveTextContent('120 mg/dL'); // 3.1 mmol/L × 38.67
    expect(screen.getByTestId('fact-ldl-date')).toHaveTextContent(effective.slice(0, 10));
    expect(screen.getByTestId('fact-ldl-recorded')).toHaveTextContent('recorded as 3.1 mmol/L');
    expect(screen.getByTestId('fact-ldl-source')).toHaveTextContent('Observation/ldl-9 · http://loinc.org|18262-6 · recorded 3.1 mmol/L');
    // Family history failed: its row says so and offers retry, not "missing".
    expect(screen.getByTestId('fact-familyHistoryPrematureAscvd')).toHaveAttribute('data-origin', 'failed');
    expect(screen.getByTestId('fact-familyHistoryPrematureAscvd-value')).toHaveTextContent('family history failed to load — Retry');
    expect(screen.getByTestId('fact-sex-value')).toHaveTextContent('male');
    expect(screen.getByTestId('source-familyHistory')).toHaveAttribute('data-status', 'failed');
    expect(screen.getByRole('status')).toHaveTextContent('Chart loaded with 1 source missing');
  });
});
