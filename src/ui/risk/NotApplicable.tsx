import { useState } from 'react';
import type { FactKey } from '../../chart/types.ts';
import type { ModelId } from '../../risk/types.ts';
import type { PlainReason } from '../../risk/viewModel.ts';
import { PANEL_ROWS } from '../facts/factFormat.ts';
import { EntryForm } from '../facts/FactsPanel.tsx';

/**
 * Why a model shows no number, in plain words, and for each fact whose entry would change that an "Enter …" button
 * that opens the facts panel's own entry field right here. An entered value re-scores at once (the risk store
 * follows the chart store).
 */
export function NotApplicable({ model, reason, label = 'No number: ' }: { model: ModelId; reason: PlainReason; label?: string }) {
  return (
    <div className="risk-na">
      <p data-testid={`risk-${model}-na`}>
        {label ? <span className="risk-na-label">{label}</span> : null}
        {reason.text}
      </p>
      {reason.enter.map((key) => (
        <EnterFact key={key} factKey={key} />
      ))}
    </div>
  );
}

function EnterFact({ factKey }: { factKey: FactKey }) {
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
