import { lazy, Suspense } from 'react';
import type { ModelId } from '../../risk/types.ts';
import type { PlainReason } from '../../risk/viewModel.ts';

// The entry field is the facts panel's, loaded with it (after the first paint): the reason shows at once, its
// "Enter …" buttons a moment later.
const EnterFact = lazy(() => import('./EnterFact.tsx'));

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
      {reason.enter.length > 0 ? (
        <Suspense fallback={null}>
          {reason.enter.map((key) => (
            <EnterFact key={key} factKey={key} />
          ))}
        </Suspense>
      ) : null}
    </div>
  );
}
