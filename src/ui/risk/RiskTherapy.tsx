import { useId } from 'react';
import type { CurrentRisk } from '../../store/risk.ts';
import { useRisk } from './riskStoreContext.ts';
import { TherapyImpactTable } from './TherapyImpactTable.tsx';
import { therapyExpected } from './therapyExpected.ts';

/** The "Therapy impact" panel: the store's projections on the baseline risk, or why there are none. */
export default function RiskTherapy({ current }: { current: CurrentRisk }) {
  const therapy = useRisk((s) => s.therapy);
  const therapyError = useRisk((s) => s.therapyError);
  const headingId = useId();
  return (
    <section className="risk-therapy" aria-labelledby={headingId} data-testid="therapy-table">
      <h3 id={headingId}>Therapy impact{therapy ? ` on ${therapy.baseline.label}` : ''}</h3>
      {therapy ? (
        <TherapyImpactTable impact={therapy} />
      ) : (
        <p className="risk-note">
          {therapyError ??
            (therapyExpected(current.results) ? 'Computing the therapy impact…' : 'No therapy projection: neither the PCE nor PREVENT gives a 10-year ASCVD risk for this patient.')}
        </p>
      )}
    </section>
  );
}
