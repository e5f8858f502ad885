/**
 * The patient handout (issue 8): the chosen actions and why, and the risk now and with the plan as 100 people, in plain
 * words. On screen it is a modal view over the app (the rest of the page is made inert); printed, handout.css shows it
 * alone. It is rendered into <body> so the print stylesheet can hide every other child of <body> without help from the
 * page that opens it. Every sentence it adds is measured with the plan texts (test/ui/handout/HandoutReadability).
 */
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { wholePeople } from './handoutItems.ts';
import type { HandoutProps, HandoutRisk } from './handoutTypes.ts';
import { IconArray, IconSwatch } from './IconArray.tsx';
import './handout.css';

export type { HandoutItem, HandoutProps, HandoutRisk } from './handoutTypes.ts';

export function Handout(props: HandoutProps) {
  const { patientName, date, items, risk, goals, clinician, notes, onClose, printOnOpen } = props;
  const root = useModal(onClose);
  useEffect(() => {
    if (printOnOpen) window.print();
  }, [printOnOpen]);

  return createPortal(
    <div ref={root} className="handout-root" role="dialog" aria-modal="true" aria-labelledby="handout-title" tabIndex={-1} data-testid="handout">
      <div className="handout-toolbar">
        <button type="button" onClick={() => window.print()} data-testid="handout-print">
          Print
        </button>
        {onClose && (
          <button type="button" onClick={onClose} data-testid="handout-close">
            Close
          </button>
        )}
      </div>
      <article className="handout">
        <header className="handout-header">
          <h1 id="handout-title">Your health plan</h1>
          <p className="handout-for">
            For <strong>{patientName}</strong> on {longDate(date)}
          </p>
        </header>

        {risk && <RiskPictures risk={risk} />}

        <section className="handout-section" aria-labelledby="handout-actions">
          <h2 id="handout-actions">What we will do</h2>
          {items.length === 0 ? (
            <p>We did not choose any changes today.</p>
          ) : (
            <ol className="handout-items">
              {items.map((item, i) => (
                <li key={i} className="handout-item">
                  <h3>{item.title}</h3>
                  {item.patientText && <p>{item.patientText}</p>}
                  {item.why && (
                    <p className="handout-why">
                      <strong>Why:</strong> {item.why}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>

        {goals.length > 0 && (
          <section className="handout-section" aria-labelledby="handout-goals">
            <h2 id="handout-goals">Your goals</h2>
            <ul className="handout-goals">
              {goals.map((goal, i) => (
                <li key={i}>{goal}</li>
              ))}
            </ul>
          </section>
        )}

        {notes && (
          <section className="handout-section" aria-labelledby="handout-notes">
            <h2 id="handout-notes">A note for you</h2>
            <p className="handout-notes">{notes}</p>
          </section>
        )}

        <footer className="handout-footer">
          <p>If you have questions, call {clinician ?? 'your care team'}. Bring this sheet to your next visit.</p>
        </footer>
      </article>
    </div>,
    document.body,
  );
}

/** The two icon arrays and their legend; one array when there is no projection for the plan. */
function RiskPictures({ risk }: { risk: HandoutRisk }) {
  const now = wholePeople(risk.now);
  const withPlan = risk.withPlan === undefined ? undefined : Math.min(now, wholePeople(risk.withPlan));
  const spared = withPlan === undefined ? 0 : now - withPlan;
  return (
    <section className="handout-section handout-risk" aria-labelledby="handout-chance">
      <h2 id="handout-chance">Your chance</h2>
      <p>Each picture shows 100 people like you.</p>
      <div className="handout-arrays">
        <IconArray title="Now" affected={now} caption={`Now, ${peopleSentence(now, risk.event)}`} />
        {withPlan !== undefined && (
          <IconArray title="With your plan" affected={withPlan} spared={spared} caption={`With your plan, ${peopleSentence(withPlan, risk.event)}`} />
        )}
      </div>
      <ul className="handout-legend" aria-label="What the pictures show">
        <li>
          <IconSwatch kind="event" /> Solid: will {risk.event}
        </li>
        {spared > 0 && (
          <li>
            <IconSwatch kind="spared" /> Striped: kept safe by your plan
          </li>
        )}
        <li>
          <IconSwatch kind="none" /> Outline: will not
        </li>
      </ul>
      {withPlan !== undefined && <p>{planChange(spared)}</p>}
    </section>
  );
}

/** "about 12 in 100 people like you will have …" (fewer than 1 when the risk rounds to 0 people). */
function peopleSentence(people: number, event: string): string {
  const howMany = people === 0 ? 'fewer than 1' : `about ${people}`;
  return `${howMany} in 100 people like you will ${event}.`;
}

function planChange(spared: number): string {
  if (spared === 0) return 'Your plan changes this by less than 1 in 100. It still helps your health in other ways.';
  return `Your plan could keep about ${spared} of these 100 people safe.`;
}

/** "March 10, 2026": a date-only ISO value is a calendar day (read in UTC so no time zone moves it). */
function longDate(iso: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(iso) || Number.isNaN(date.getTime())) throw new Error(`Handout date is not an ISO date: ${iso}`);
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', ...(dateOnly ? { timeZone: 'UTC' } : {}) });
}

/**
 * Modal on screen: focus moves into the handout, Escape closes it, everything else in <body> is inert while it is open,
 * and focus returns to where it was (the Open button) when it closes.
 */
function useModal(onClose: (() => void) | undefined) {
  const root = useRef<HTMLDivElement>(null);
  // The latest onClose, so a new function each render does not re-run the open/close effect below.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const self = root.current;
    if (!self) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const madeInert = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== self && !el.inert);
    for (const el of madeInert) el.inert = true;
    self.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current?.();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      for (const el of madeInert) el.inert = false;
      returnTo?.focus();
    };
  }, []);
  return root;
}
