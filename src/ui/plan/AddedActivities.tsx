import { useId, useState, type FormEvent } from 'react';
import type { AddedItem } from '../../store/planDraft.ts';

export interface AddedActivitiesProps {
  added: readonly AddedItem[];
  onAdd(text: string, timing: string): void;
  onRemove(id: string): void;
}

/** The physician's own activities: a short form (Enter adds) and the list, each removable. */
export function AddedActivities({ added, onAdd, onRemove }: AddedActivitiesProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [timing, setTiming] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    onAdd(text, timing);
    setText('');
    setTiming('');
  };
  return (
    <section className="plan-added" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Your own activities</h3>
      {added.length > 0 ? (
        <ul className="plan-added-list" data-testid="plan-added">
          {added.map((a) => (
            <li key={a.id}>
              <span>{a.text}</span>
              {a.timing ? <span className="plan-note"> ({a.timing})</span> : null}{' '}
              <button type="button" className="plan-link" onClick={() => onRemove(a.id)} aria-label={`Remove: ${a.text}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="plan-add-form" onSubmit={submit}>
        <label htmlFor={`${id}-text`}>Activity</label>
        <input id={`${id}-text`} type="text" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. dietitian referral" />
        <label htmlFor={`${id}-timing`}>Timing</label>
        <input id={`${id}-timing`} type="text" value={timing} onChange={(e) => setTiming(e.target.value)} placeholder="e.g. within 4 weeks" />
        <button type="submit" disabled={text.trim() === ''}>
          Add activity
        </button>
      </form>
    </section>
  );
}
