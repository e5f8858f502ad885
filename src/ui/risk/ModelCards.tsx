/**
 * The three score cards at the top of the risk view: PREVENT (the default model), the PCE (on which the 2018/2019
 * ACC/AHA thresholds are defined) and, for CKD G3–G5, the KFRE.
 */
import type { ChartFacts } from '../../chart/types.ts';
import { PCE_BANDS, pceCategory } from '../../risk/categories.ts';
import { plainReason } from '../../risk/plainReason.ts';
import { preventVariant, type PreventVariant } from '../../risk/models/prevent.ts';
import type { ApplicableResult, ModelId, RiskKey } from '../../risk/types.ts';
import type { CurrentRisk } from '../../store/risk.ts';
import { NotApplicable } from './NotApplicable.tsx';
import { ModelAnswer, ResultNote, RiskCard } from './RiskCard.tsx';
import { useRisk } from './riskStoreContext.ts';
import { formatRisk } from './riskFormat.ts';
import { capitalise } from './text.ts';

function useCard(model: ModelId) {
  const card = useRisk((s) => s.cards[model]);
  const error = useRisk((s) => s.cardError);
  return { card, cardError: error };
}

/** One risk as shown: one decimal ("12.3 %"), "—" when the model left it out (its note says why). */
function Risk({ result, risk, testId }: { result: ApplicableResult; risk: RiskKey; testId: string }) {
  const value = result.risks[risk];
  return value === undefined ? <span className="risk-none">—</span> : <strong className="risk-value" data-testid={testId}>{formatRisk(value)}</strong>;
}

const PREVENT_OUTCOMES = [
  { outcome: 'cvd', label: 'Total CVD' },
  { outcome: 'ascvd', label: 'ASCVD' },
  { outcome: 'hf', label: 'Heart failure' },
] as const;

const PREVENT_MODEL_LABEL: Record<PreventVariant, string> = { base: 'base', uacr: '+UACR', hba1c: '+HbA1c', full: 'full (+UACR, +HbA1c)' };

/** Which PREVENT equations were used and why: Khan 2024 selects the add-on models by which of UACR and HbA1c are known. */
function preventModelWhy(current: CurrentRisk): { label: string; why: string } {
  const { inputs, provenance } = current.chartInputs;
  const variant = preventVariant(inputs.uacr !== undefined, inputs.hba1c !== undefined);
  const uacr = provenance.uacr ? `UACR ${provenance.uacr.display}` : undefined;
  const hba1c = provenance.hba1c ? `HbA1c ${provenance.hba1c.display}` : undefined;
  const why =
    uacr && hba1c ? `${uacr} and ${hba1c} known; social deprivation index not used` : uacr ? `${uacr} known; no HbA1c` : hba1c ? `${hba1c} known; no UACR` : 'no UACR or HbA1c on the chart';
  return { label: PREVENT_MODEL_LABEL[variant], why };
}

export function PreventCard({ current }: { current: CurrentRisk }) {
  const { card, cardError } = useCard('prevent');
  return (
    <RiskCard title="PREVENT equations (AHA)" card={card} cardError={cardError} testId="risk-card-prevent">
      <ModelAnswer model="prevent" result={current.results.prevent} ci={current.chartInputs} provisional={current.provisional}>
        {(result) => {
          const with30 = Object.keys(result.risks).some((k) => k.endsWith('_30y'));
          const model = preventModelWhy(current);
          return (
            <>
              <table className="risk-table">
                <caption className="visually-hidden">PREVENT risks by outcome and horizon</caption>
                <thead>
                  <tr>
                    <td />
                    <th scope="col">10-year</th>
                    {with30 ? <th scope="col">30-year</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {PREVENT_OUTCOMES.map(({ outcome, label }) => (
                    <tr key={outcome}>
                      <th scope="row">{label}</th>
                      <td><Risk result={result} risk={`${outcome}_10y`} testId={`risk-prevent-${outcome}10`} /></td>
                      {with30 ? <td><Risk result={result} risk={`${outcome}_30y`} testId={`risk-prevent-${outcome}30`} /></td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="risk-variant" data-testid="risk-prevent-model">
                Model: <strong>{model.label}</strong> ({model.why})
              </p>
              <ResultNote result={result} />
            </>
          );
        }}
      </ModelAnswer>
    </RiskCard>
  );
}

export function PceCard({ current }: { current: CurrentRisk }) {
  const { card, cardError } = useCard('pce');
  const { inputs } = current.chartInputs;
  return (
    <RiskCard title="Pooled Cohort Equations" card={card} cardError={cardError} testId="risk-card-pce">
      <ModelAnswer model="pce" result={current.results.pce} ci={current.chartInputs} provisional={current.provisional}>
        {(result) => {
          const value = result.risks.ascvd_10y;
          const category = value === undefined ? undefined : pceCategory(value);
          return (
            <>
              <p className="risk-headline">
                <span className="risk-label">10-year ASCVD</span> <Risk result={result} risk="ascvd_10y" testId="risk-pce-ascvd10" />
                {category ? (
                  <span className={`pce-category pce-category-${category}`} data-testid="risk-pce-category" data-category={category}>
                    {capitalise(PCE_BANDS[category].label)}
                  </span>
                ) : null}
              </p>
              <p className="risk-variant">
                Equations: {inputs.race === 'black' ? 'African-American' : 'white'} {inputs.sex === 'female' ? 'women' : 'men'}
              </p>
              <ResultNote result={result} />
            </>
          );
        }}
      </ModelAnswer>
    </RiskCard>
  );
}

const CKD_G3_TO_G5: readonly string[] = ['3', '3a', '3b', '4', '5'];

/**
 * The KFRE is for CKD G3–G5 (Tangri 2011; eGFR < 60, KDIGO 2024): its card is shown when the model gives a number,
 * the known eGFR is below 60 or the chart has a CKD G3–G5 diagnosis; otherwise one line says why it is not.
 */
export function showsKfre(current: CurrentRisk, facts: ChartFacts): boolean {
  const egfr = current.chartInputs.inputs.egfr;
  return current.results.kfre4?.applicable === true || (egfr !== undefined && egfr < 60) || (facts.ckdStage.state === 'known' && CKD_G3_TO_G5.includes(facts.ckdStage.value));
}

/**
 * For a patient with a known eGFR of 60 or more and no CKD G3–G5 diagnosis: one line saying why there is no kidney
 * failure risk. A patient whose eGFR is simply unknown gets no KFRE line (PREVENT already asks for the eGFR).
 */
export function KfreNotShown({ current, facts }: { current: CurrentRisk; facts: ChartFacts }) {
  const four = current.results.kfre4;
  const reason = four && !four.applicable && !current.provisional && !showsKfre(current, facts) ? plainReason('kfre4', current.chartInputs) : null;
  return reason && reason.enter.length === 0 ? (
    <div className="risk-kfre-line" data-testid="risk-kfre-not-shown">
      <span className="risk-label">Kidney failure (KFRE):</span> <NotApplicable model="kfre4" reason={reason} label="" />
    </div>
  ) : null;
}

export function KfreCard({ current, facts }: { current: CurrentRisk; facts: ChartFacts }) {
  const { card, cardError } = useCard(current.results.kfre8?.applicable ? 'kfre8' : 'kfre4');
  const ci = current.chartInputs;
  if (!showsKfre(current, facts)) return null;
  const eight = current.results.kfre8;
  const kfre8Reason = eight && !eight.applicable ? plainReason('kfre8', ci) : null;
  return (
    <RiskCard title="Kidney Failure Risk Equation" card={card} cardError={cardError} testId="risk-card-kfre">
      <ModelAnswer model="kfre4" result={eight?.applicable ? eight : current.results.kfre4} ci={ci} provisional={current.provisional}>
        {(result) => (
          <>
            <table className="risk-table">
              <caption className="visually-hidden">Kidney failure risk</caption>
              <tbody>
                <tr>
                  <th scope="row">2-year kidney failure</th>
                  <td><Risk result={result} risk="kidney_failure_2y" testId="risk-kfre-2y" /></td>
                </tr>
                <tr>
                  <th scope="row">5-year kidney failure</th>
                  <td><Risk result={result} risk="kidney_failure_5y" testId="risk-kfre-5y" /></td>
                </tr>
              </tbody>
            </table>
            <p className="risk-variant" data-testid="risk-kfre-model">
              Equation: <strong>{result.variant}</strong>
              {result.model === 'kfre8' ? ' (calcium, phosphate, bicarbonate and albumin known)' : ''}
            </p>
            {result.model === 'kfre4' && kfre8Reason && !current.provisional ? (
              <div className="risk-note">
                The 8-variable equation is not used: <NotApplicable model="kfre8" reason={kfre8Reason} label="" />
              </div>
            ) : null}
            <ResultNote result={result} />
          </>
        )}
      </ModelAnswer>
    </RiskCard>
  );
}
