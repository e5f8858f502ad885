/** The searches issue 13 added (survey-filed social history, Conditions of any category) and how their results are joined. */
import { describe, expect, it } from 'vitest';
import { readCapabilities } from '../../src/fhir/chart-loader/capabilities.ts';
import { toChartData, type SourceOutcome, type SourceStatus } from '../../src/fhir/chart-loader/loadChart.ts';
import { planChartSearches, type SourceId } from '../../src/fhir/chart-loader/searchPlan.ts';

const specs = planChartSearches('p1', readCapabilities(undefined), { pageSize: 100 });
const url = (id: SourceId) => decodeURIComponent(specs.find((s) => s.id === id)?.url ?? '');

function outcome(id: SourceId, resourceType: string, status: SourceStatus, resources: unknown[]): SourceOutcome {
  return { state: { id, label: id, resourceType, status, count: resources.length, pages: 1 }, resources, included: [] };
}
const condition = (id: string) => ({ resourceType: 'Condition', id });
const smoking = { resourceType: 'Observation', id: 's1' };

describe('issue 13 searches', () => {
  it('social-history codes are searched under survey too, always with a category (Epic requires one)', () => {
    expect(url('survey')).toBe(url('social').replace('category=social-history', 'category=survey'));
    expect(url('survey')).toContain('http://loinc.org|72166-2');
  });

  it('Conditions are searched by category and without any', () => {
    expect(url('conditions')).toBe('Condition?patient=p1&category=problem-list-item,encounter-diagnosis&_count=100');
    expect(url('conditionsUncategorised')).toBe('Condition?patient=p1&_count=100');
  });

  it('"no" from Conditions needs both searches; a resource found by both counts once', () => {
    const both = toChartData({
      conditions: outcome('conditions', 'Condition', 'loaded', [condition('c1')]),
      conditionsUncategorised: outcome('conditionsUncategorised', 'Condition', 'loaded', [condition('c1'), condition('c2')]),
      social: outcome('social', 'Observation', 'loaded', [smoking]),
      survey: outcome('survey', 'Observation', 'loaded', [smoking]),
    });
    expect(both.loaded.conditions).toBe(true);
    expect(both.conditions).toEqual([condition('c1'), condition('c2')]);
    expect(both.observations).toEqual([smoking]);
    const categorisedOnly = toChartData({
      conditions: outcome('conditions', 'Condition', 'loaded', [condition('c1')]),
      conditionsUncategorised: outcome('conditionsUncategorised', 'Condition', 'failed', []),
    });
    expect(categorisedOnly.loaded.conditions).toBe(false);
    expect(categorisedOnly.conditions).toEqual([condition('c1')]);
  });
});
