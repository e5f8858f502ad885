// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';

// A site file with one good edit and two bad ones: the good one applies, both errors are shown.
vi.mock('../../../config/plan-rules.json', () => ({
  default: { rules: { 'lifestyle-diet': { enabled: false }, 'aspirin-primary-prevention': { params: { minRisk: 0.9 } }, 'no-such-rule': { enabled: false } } },
}));
const { loadChart, ownerOf, renderPlan } = await import('./planHarness.tsx');

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('PlanView: the site rule file', () => {
  it('shows its errors and applies only its valid entries', async () => {
    renderPlan(ownerOf('smoker-diabetic'));
    await loadChart(server, 'smoker-diabetic');
    const errors = await screen.findByTestId('plan-config-errors');
    const items = within(errors).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^plan rules: "aspirin-primary-prevention\.params\.minRisk" = 0\.9 is outside 0\.05–0\.3 /);
    expect(items[1]).toBe('plan rules: "no-such-rule" is not a rule id');
    expect(screen.queryByTestId('plan-item-lifestyle-diet')).toBeNull();
    // The invalid aspirin edit is not applied: the rule runs with its default and is still suggested.
    expect(await screen.findByTestId('plan-item-aspirin-primary-prevention')).toBeInTheDocument();
  });
});
