// @vitest-environment jsdom
/** The handout with hand-built props: name and date, the icon arrays counted icon by icon, the items, modal behaviour. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Handout, type HandoutProps } from '../../../src/ui/handout/Handout.tsx';

const EVENT = 'have a heart attack or stroke in the next 10 years';
const props: HandoutProps = {
  patientName: 'Maria Lopez',
  date: '2026-03-10',
  items: [
    { title: 'Stop smoking', patientText: 'Pick a day to stop.', why: 'It is the best thing you can do.' },
    { title: 'Move more', patientText: 'A fast walk counts.' },
  ],
  risk: { event: EVENT, now: 0.123, withPlan: 0.084 },
  goals: ['Stop smoking by April 1'],
  clinician: 'Dr. Ana Silva',
};

const kinds = (figure: HTMLElement) => [...figure.querySelectorAll('svg[role="img"] use')].map((u) => u.getAttribute('data-kind'));
const count = (list: (string | null)[], kind: string) => list.filter((k) => k === kind).length;

afterEach(() => vi.restoreAllMocks());

describe('Handout', () => {
  it('names the patient and the date in words, lists the actions in order with their why, the goals and who to call', () => {
    render(<Handout {...props} />);
    const dialog = screen.getByRole('dialog', { name: 'Your health plan' });
    expect(dialog).toHaveTextContent('For Maria Lopez on March 10, 2026');
    const items = within(dialog).getAllByRole('listitem').filter((li) => li.classList.contains('handout-item'));
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['Stop smoking', 'Move more']);
    expect(items[0]).toHaveTextContent('Why: It is the best thing you can do.');
    expect(items[1]).not.toHaveTextContent('Why');
    expect(within(dialog).getByRole('heading', { name: 'Your goals' }).nextElementSibling).toHaveTextContent('Stop smoking by April 1');
    expect(dialog).toHaveTextContent('If you have questions, call Dr. Ana Silva.');
  });

  it('draws 100 people now (12 solid: 12.3 % rounds to 12) and with the plan (8 solid, 4 striped, 88 outline)', () => {
    render(<Handout {...props} />);
    const now = screen.getByRole('img', { name: `Now, about 12 in 100 people like you will ${EVENT}.` });
    const plan = screen.getByRole('img', { name: `With your plan, about 8 in 100 people like you will ${EVENT}.` });
    const nowKinds = kinds(now.closest('figure') as HTMLElement);
    const planKinds = kinds(plan.closest('figure') as HTMLElement);
    expect([nowKinds.length, count(nowKinds, 'event'), count(nowKinds, 'spared'), count(nowKinds, 'none')]).toEqual([100, 12, 0, 88]);
    expect([planKinds.length, count(planKinds, 'event'), count(planKinds, 'spared'), count(planKinds, 'none')]).toEqual([100, 8, 4, 88]);
    // The first 8 are solid, then the 4 striped: the spared people sit next to those who still have the event.
    expect(planKinds.slice(0, 13)).toEqual([...Array(8).fill('event'), ...Array(4).fill('spared'), 'none']);
    const legend = screen.getByRole('list', { name: 'What the pictures show' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([`Solid: will ${EVENT}`, 'Striped: kept safe by your plan', 'Outline: will not']);
    expect(screen.getByText('Your plan could keep about 4 of these 100 people safe.')).toBeInTheDocument();
  });

  it('each picture keeps its own pattern ids, so two pictures on a page do not share one', () => {
    render(<Handout {...props} />);
    const ids = [...document.querySelectorAll('pattern')].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const use of document.querySelectorAll('use')) expect(document.getElementById(use.getAttribute('href')?.slice(1) ?? '')).not.toBeNull();
  });

  it('one picture without a projection; none and no risk words without a risk', () => {
    const { unmount } = render(<Handout {...props} risk={{ event: EVENT, now: 0.004 }} />);
    expect(screen.getAllByRole('img')).toHaveLength(1);
    expect(screen.getByText(`Now, fewer than 1 in 100 people like you will ${EVENT}.`)).toBeInTheDocument();
    expect(screen.queryByText(/Striped/)).toBeNull();
    unmount();
    render(<Handout {...props} risk={null} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Your chance' })).toBeNull();
  });

  it('a plan that changes the risk by less than one person says so, with no striped people', () => {
    render(<Handout {...props} risk={{ event: EVENT, now: 0.121, withPlan: 0.117 }} />);
    const plan = screen.getByRole('img', { name: /^With your plan, about 12 in 100/ });
    expect(count(kinds(plan.closest('figure') as HTMLElement), 'spared')).toBe(0);
    expect(screen.getByText('Your plan changes this by less than 1 in 100. It still helps your health in other ways.')).toBeInTheDocument();
  });

  it('says when no changes were chosen, and shows a note', () => {
    render(<Handout {...props} items={[]} goals={[]} notes="See you in 3 months." />);
    expect(screen.getByText('We did not choose any changes today.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Your goals' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'A note for you' }).nextElementSibling).toHaveTextContent('See you in 3 months.');
  });

  it('prints from its button, and once on open when asked', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { unmount } = render(<Handout {...props} />);
    expect(print).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    unmount();
    const { rerender } = render(<Handout {...props} printOnOpen />);
    rerender(<Handout {...props} printOnOpen clinician="Dr. Lee" />);
    expect(print).toHaveBeenCalledTimes(2);
  });

  it('is modal: focus moves in, the page behind is inert, Close and Escape close it, focus and the page come back', async () => {
    const onClose = vi.fn();
    const page = document.body.appendChild(document.createElement('div'));
    const opener = page.appendChild(document.createElement('button'));
    opener.focus();
    const { unmount } = render(<Handout {...props} onClose={() => onClose()} />);
    const dialog = screen.getByRole('dialog');
    expect(dialog.parentElement).toBe(document.body); // a child of <body>: what the print stylesheet relies on
    expect(document.activeElement).toBe(dialog);
    expect(page.inert).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
    unmount();
    expect(page.inert).toBe(false);
    expect(document.activeElement).toBe(opener);
    page.remove();
  });

  it('has no Close button without onClose, and refuses a date that is not ISO', () => {
    render(<Handout {...props} />);
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<Handout {...props} date="10/03/2026" />)).toThrow('not an ISO date');
  });
});
