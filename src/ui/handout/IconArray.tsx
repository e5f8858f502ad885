/**
 * 100 people in a 10 × 10 grid, filled row by row from the top left: solid for those who will have the event, striped
 * for those the plan would spare, outlined for the rest. Shape and pattern carry the meaning, not colour, so it reads
 * the same printed in black and white. Inline SVG only (no fonts, images or external resources).
 */
import { useId } from 'react';

export type IconKind = 'event' | 'spared' | 'none';

export interface IconArrayProps {
  /** People out of 100 who will have the event (whole people). */
  affected: number;
  /** People out of 100 the plan would spare, drawn after the affected ones; 0 for the risk now. */
  spared?: number;
  /** The sentence that says what the picture shows: the picture's accessible name, shown under it. */
  caption: string;
  /** A short visible title above the picture, e.g. "Now". */
  title: string;
}

const COLUMNS = 10;
const CELL = 10;

export function IconArray({ affected, spared = 0, caption, title }: IconArrayProps) {
  const id = useSvgId();
  const captionId = `${id}-caption`;
  const kinds = iconKinds(affected, spared);
  return (
    <figure className="icon-array">
      <p className="icon-array-title">{title}</p>
      <svg className="icon-array-people" viewBox={`0 0 ${COLUMNS * CELL} ${COLUMNS * CELL}`} role="img" aria-labelledby={captionId}>
        <IconDefs id={id} />
        {kinds.map((kind, i) => (
          <use key={i} href={`#${id}-${kind}`} x={(i % COLUMNS) * CELL} y={Math.floor(i / COLUMNS) * CELL} data-kind={kind} />
        ))}
      </svg>
      <figcaption id={captionId}>{caption}</figcaption>
    </figure>
  );
}

/** A single person icon of one kind, for the legend. */
export function IconSwatch({ kind }: { kind: IconKind }) {
  const id = useSvgId();
  return (
    <svg className="icon-swatch" viewBox={`0 0 ${CELL} ${CELL}`} aria-hidden="true" focusable="false">
      <IconDefs id={id} />
      <use href={`#${id}-${kind}`} />
    </svg>
  );
}

/** The kind of each of the 100 icons, in drawing order. */
export function iconKinds(affected: number, spared: number): IconKind[] {
  const event = clampPeople(affected);
  const saved = Math.min(clampPeople(spared), 100 - event);
  return Array.from({ length: 100 }, (_, i) => (i < event ? 'event' : i < event + saved ? 'spared' : 'none'));
}

/** React's ids contain characters (":", "«") that do not belong inside url(#…) references: keep letters and digits. */
const useSvgId = () => `people-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;

const clampPeople = (n: number) => Math.min(100, Math.max(0, Math.round(n)));

/** One person (head and shoulders) in a 10 × 10 cell, three ways; ids are per picture so two pictures do not clash. */
function IconDefs({ id }: { id: string }) {
  const person = (
    <>
      <circle cx="5" cy="2.6" r="1.9" />
      <path d="M1.6 9.4 V7.2 A3.4 3 0 0 1 8.4 7.2 V9.4 Z" />
    </>
  );
  return (
    <defs>
      <pattern id={`${id}-stripes`} width="1.6" height="1.6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="1.6" height="1.6" className="icon-stripe-ground" />
        <line x1="0" y1="0" x2="0" y2="1.6" className="icon-stripe" />
      </pattern>
      <g id={`${id}-event`} className="icon icon-event">{person}</g>
      <g id={`${id}-spared`} className="icon icon-spared" fill={`url(#${id}-stripes)`}>{person}</g>
      <g id={`${id}-none`} className="icon icon-none">{person}</g>
    </defs>
  );
}
