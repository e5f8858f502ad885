import { useState } from 'react';
import type { FactKey } from '../../chart/types.ts';
import { PANEL_ROWS } from '../facts/factFormat.ts';
import { EntryForm } from '../facts/FactsPanel.tsx';

/** "Enter …": opens the facts panel's own entry field for the fact, right where the reason is shown. */
export default function EnterFact({ factKey }: { factKey: FactKey }) {
  const [open, setOpen] = useState(false);
  const row = PANEL_ROWS.find((r) => r.key === factKey);
  if (!row || row.input.kind === 'none') return null;
  if (!open) {
    return (
      <button type="button" className="link-button risk-enter" onClick={() => setOpen(true)} data-testid={`risk-enter-${factKey}`}>
        Enter {row.label}
      </button>
    );
  }
  return <EntryForm row={row} autoFocus onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />;
}
