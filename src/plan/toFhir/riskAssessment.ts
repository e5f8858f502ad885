/**
 * A model result the physician saw, as a RiskAssessment (and the PCE's 10-year risk also as the Observation that
 * quality measures and CDS rules read). A result with no number (not applicable) is not written: its reason is on
 * screen, and a RiskAssessment without a prediction would tell the chart nothing.
 */
import type { Annotation, CodeableConcept, Observation, RiskAssessment } from 'fhir/r4';
import { SYSTEM } from '../../chart/codes.ts';
import { INPUT_LABEL } from '../../risk/inputDisplay.ts';
import type { InputName } from '../../risk/types.ts';
import { PCE_10Y_RISK_LOINC, RISK_PREDICTION, SURVEY_CATEGORY, UCUM_YEARS } from './codes.ts';
import { risksOf } from './content.ts';
import { TAILOR_MODEL_SYSTEM } from './identifiers.ts';
import { chartRef, encounterRef, patientRef, practitionerRef, sourcesOf } from './references.ts';
import { fhirText } from './text.ts';
import type { ModelResultSeen, PlanToSign } from './types.ts';

/** Probabilities to 4 decimals (0.01 percentage point): finer than any model's precision, free of float noise. */
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** The inputs this model reads that the chart (or the physician) supplied. */
function inputsUsed(seen: ModelResultSeen, plan: PlanToSign): InputName[] {
  return seen.card.inputs.map((i) => i.name).filter((name) => plan.inputs.provenance[name] !== undefined);
}

/** The model, its version and its card, as the method of the assessment. */
export function methodOf(seen: ModelResultSeen): CodeableConcept {
  const { card, result } = seen;
  const variant = fhirText(result.variant);
  const text = `${card.name}, version ${card.version}${variant ? `, ${variant}` : ''} (Tailor model card models/${card.id}/card.json; ${card.citations[0] ?? 'no citation on the card'})`;
  return {
    coding: [{ system: TAILOR_MODEL_SYSTEM, version: card.version, code: card.id, display: card.name }],
    text: fhirText(text) ?? card.name,
  };
}

/** Notes naming every value entered by hand and every value derived from others, and the model's own remark. */
function notesOf(seen: ModelResultSeen, plan: PlanToSign): Annotation[] {
  const used = inputsUsed(seen, plan).flatMap((name) => {
    const p = plan.inputs.provenance[name];
    return p ? [p] : [];
  });
  const entered = used.filter((p) => p.origin === 'entered').map((p) => `${INPUT_LABEL[p.input]} ${p.display}`);
  const derived = used.filter((p) => p.origin === 'derived').map((p) => `${INPUT_LABEL[p.input]} ${p.display}${p.method ? ` (${p.method})` : ''}`);
  return [
    entered.length > 0 && `Entered by hand in Tailor, not from the chart: ${entered.join('; ')}.`,
    derived.length > 0 && `Derived by Tailor from chart values: ${derived.join('; ')}.`,
    seen.result.reason,
  ].flatMap((note) => {
    const text = note ? fhirText(note) : undefined;
    return text ? [{ text }] : [];
  });
}

export function riskAssessmentOf(seen: ModelResultSeen, plan: PlanToSign): RiskAssessment | undefined {
  const risks = risksOf(seen);
  if (risks.length === 0) return undefined;
  const basis = sourcesOf(plan.inputs, inputsUsed(seen, plan)).map(chartRef);
  const note = notesOf(seen, plan);
  const isPce = seen.card.id === 'pce';
  return {
    resourceType: 'RiskAssessment',
    status: 'final',
    code: { ...(isPce ? { coding: [PCE_10Y_RISK_LOINC] } : {}), text: seen.card.name },
    subject: patientRef(plan),
    ...encounterRef(plan),
    occurrenceDateTime: plan.signedAt,
    performer: practitionerRef(plan),
    method: methodOf(seen),
    ...(basis.length > 0 ? { basis } : {}),
    prediction: risks.map(([key, value]) => ({
      outcome: RISK_PREDICTION[key].outcome,
      probabilityDecimal: round(value, 4),
      whenRange: { high: { value: RISK_PREDICTION[key].years, ...UCUM_YEARS } },
    })),
    ...(note.length > 0 ? { note } : {}),
  };
}

/** The PCE's 10-year ASCVD risk as LOINC 79423-0 in percent (2 decimals, the same precision as the RiskAssessment). */
export function pceObservationOf(seen: ModelResultSeen, plan: PlanToSign): Observation | undefined {
  const value = seen.card.id === 'pce' && seen.result.applicable ? seen.result.risks.ascvd_10y : undefined;
  if (value === undefined) return undefined;
  // Observation.derivedFrom may only reference Observations (and documents), not Patients or Conditions.
  const derivedFrom = sourcesOf(plan.inputs, inputsUsed(seen, plan)).filter((s) => s.resourceType === 'Observation').map(chartRef);
  const note = notesOf(seen, plan);
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [SURVEY_CATEGORY],
    code: { coding: [PCE_10Y_RISK_LOINC], text: PCE_10Y_RISK_LOINC.display ?? '' },
    subject: patientRef(plan),
    ...encounterRef(plan),
    effectiveDateTime: plan.signedAt,
    issued: plan.signedAt,
    performer: [practitionerRef(plan)],
    valueQuantity: { value: round(value * 100, 2), unit: '%', system: SYSTEM.ucum, code: '%' },
    method: methodOf(seen),
    ...(derivedFrom.length > 0 ? { derivedFrom } : {}),
    ...(note.length > 0 ? { note } : {}),
  };
}
