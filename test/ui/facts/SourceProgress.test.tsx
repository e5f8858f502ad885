// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { SourceProgress } from '../../../src/ui/facts/SourceProgress.tsx';
import { useChartStore } from '../../../src/store/chart.ts';

describe('SourceProgress', () => {
  it('says when older pages could not be loaded, beside what did load', () => {
    useChartStore.setState({
      sources: [{
        id: 'vitals', label: 'Vital signs', resourceType: 'Observation', status: 'loaded', count: 600, pages: 6,
        truncated: 'stopped after 6 pages; older results were not loaded', olderPagesFailed: '500: the server had an error — paging store lost',
      }],
    });
    render(<SourceProgress />);
    const item = screen.getByTestId('source-vitals');
    expect(item).toHaveAttribute('data-status', 'loaded');
    expect(item).toHaveTextContent('Vital signs: loaded (600) — incomplete: stopped after 6 pages; older results were not loaded — older pages could not be loaded: 500: the server had an error — paging store lost');
  });
});
