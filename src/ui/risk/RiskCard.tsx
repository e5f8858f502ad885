import { useId, type ReactNode } from 'react';
import type { ModelCard } from '../../risk/card.ts';
import { plainReason } from '../../risk/plainReason.ts';
import type { ApplicableResult, ModelId, ScoreResult } from '../../risk/types.ts';
import type { ChartInputs } from '../../risk/viewModel.ts';
import { ModelCardButton } from './ModelCardDialog.tsx';
import { NotApplicable } from './NotApplicable.tsx';

/** One model family's card: its name, citation and model card, then its numbers or why it has none. */
export function RiskCard({ title, card, cardError, testId, children }: { title: string; card: ModelCard | undefined; cardError: string | undefined; testId: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <article className="risk-card" aria-labelledby={headingId} data-testid={testId}>
      <header className="risk-card-head">
        <h3 id={headingId}>{title}</h3>
        <ModelCardButton card={card} title={title} error={cardError} />
      </header>
      {card ? <p className="risk-citation" title={card.name}>{card.citations[0]}</p> : null}
      {children}
    </article>
  );
}

/**
 * A model's answer: its numbers (rendered by `children`), or the plain reason it has none. While the chart is still
 * loading a "not applicable" is not final (the missing value may be on its way), so it is not shown as a reason yet.
 */
export function ModelAnswer({ model, result, ci, provisional, children }: {
  model: ModelId;
  result: ScoreResult | undefined;
  ci: ChartInputs;
  provisional: boolean;
  children: (result: ApplicableResult) => ReactNode;
}) {
  if (!result) return <p className="risk-pending">Computing…</p>;
  if (result.applicable) return <>{children(result)}</>;
  if (provisional) return <p className="risk-pending">Waiting for the chart to finish loading…</p>;
  return <NotApplicable model={model} reason={plainReason(model, ci) ?? { text: result.reason, enter: [] }} />;
}

/** The model's own note about what it left out (e.g. "30-year risks are given for ages 30–59 only"), when any. */
export function ResultNote({ result }: { result: ApplicableResult }) {
  return result.reason ? <p className="risk-note">Note: {result.reason}.</p> : null;
}
