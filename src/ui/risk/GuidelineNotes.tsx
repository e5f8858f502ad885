import type { GuidelineNote } from '../../risk/viewModel.ts';

/** Where the guideline decides without the score: shown beside the numbers, which stay visible. */
export function GuidelineNotes({ notes }: { notes: readonly GuidelineNote[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="guideline-notes" aria-label="Guideline statements beside the scores">
      {notes.map((n) => (
        <li key={n.id} className="guideline-note" data-testid={`guideline-note-${n.id}`}>
          <strong>Guideline: </strong>
          {n.text} <span className="guideline-citation">({n.citation})</span>
        </li>
      ))}
    </ul>
  );
}
