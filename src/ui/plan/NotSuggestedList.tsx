import type { NotSuggested } from '../../plan/types.ts';
import { strengthText } from './SuggestionItem.tsx';

/** What a rule would have suggested and why it is not: collapsed, with the count in view, never dropped. */
export function NotSuggestedList({ items }: { items: readonly NotSuggested[] }) {
  if (items.length === 0) return null;
  return (
    <details className="plan-not" data-testid="plan-not-suggested">
      <summary>Not suggested because … ({items.length})</summary>
      <ul>
        {items.map(({ suggestion: s, because }) => (
          <li key={s.id} data-testid={`plan-not-${s.id}`}>
            <span className="plan-item-title">{s.title}</span> <span className="plan-strength">{strengthText(s.strength)}</span>
            <span className="plan-because">: {because}</span>
            <span className="plan-cite">
              {' '}
              ({s.citation.guideline}, {s.citation.where})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
