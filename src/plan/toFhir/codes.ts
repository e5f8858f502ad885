/**
 * The codes Tailor writes, each with where it was looked up. Outcome concepts are SNOMED CT disorders; the words of
 * each outcome (what the model counts as an event) go with them as text, because no single concept says "first hard
 * ASCVD event" exactly.
 */
import type { CodeableConcept, Coding } from 'fhir/r4';
import { SYSTEM } from '../../chart/codes.ts';
import type { RiskKey } from '../../risk/types.ts';

const snomed = (code: string, display: string): Coding => ({ system: SYSTEM.snomed, code, display });

type Outcome = 'ascvd' | 'cvd' | 'hf' | 'kidney-failure';

/**
 * 72092001 and 49601007: seen with these displays in stored public SNOMED CT value sets (FHIR Shorthand value sets
 * of cardiovascular risk factors and diagnoses). 84114007 and 46177005: the concepts Tailor already reads for heart
 * failure and kidney failure (src/chart/valueSets/conditions.ts).
 */
const OUTCOMES: Record<Outcome, CodeableConcept> = {
  ascvd: {
    coding: [snomed('72092001', 'Arteriosclerotic vascular disease (disorder)')],
    text: 'Atherosclerotic cardiovascular disease event (Goff 2013, hard ASCVD: nonfatal myocardial infarction, coronary heart disease death, fatal or nonfatal stroke; Khan 2024 PREVENT ASCVD likewise)',
  },
  cvd: {
    coding: [snomed('49601007', 'Disorder of cardiovascular system (disorder)')],
    text: 'Total cardiovascular disease event: ASCVD or heart failure (Khan 2024, PREVENT)',
  },
  hf: {
    coding: [snomed('84114007', 'Heart failure (disorder)')],
    text: 'Heart failure (Khan 2024, PREVENT)',
  },
  'kidney-failure': {
    coding: [snomed('46177005', 'End-stage renal disease (disorder)')],
    text: 'Kidney failure treated by dialysis or kidney transplant (Tangri 2011, KFRE)',
  },
};

/** Each risk key: its outcome and horizon in years (src/risk/types.ts RiskKey names both). */
export const RISK_PREDICTION: Record<RiskKey, { outcome: CodeableConcept; years: number }> = {
  ascvd_10y: { outcome: OUTCOMES.ascvd, years: 10 },
  cvd_10y: { outcome: OUTCOMES.cvd, years: 10 },
  hf_10y: { outcome: OUTCOMES.hf, years: 10 },
  ascvd_30y: { outcome: OUTCOMES.ascvd, years: 30 },
  cvd_30y: { outcome: OUTCOMES.cvd, years: 30 },
  hf_30y: { outcome: OUTCOMES.hf, years: 30 },
  kidney_failure_2y: { outcome: OUTCOMES['kidney-failure'], years: 2 },
  kidney_failure_5y: { outcome: OUTCOMES['kidney-failure'], years: 5 },
};

/**
 * LOINC 79423-0, the PCE's 10-year risk in percent: the code the AHRQ CDS Connect statin service requires on a stored
 * Observation ("requires a pre-calculated CVD 10-year risk score stored as an Observation w/ code: LOINC 79423-0";
 * AHRQ-CDS/AHRQ-CDS-Connect-CQL-SERVICES, docs/uspstf_guidelines/example_request_reponse.md, whose example is
 * valueQuantity in UCUM "%"), and the one the anchors study names for CMS measure 438 (shared/reference/anchors.md §7).
 */
export const PCE_10Y_RISK_LOINC: Coding = {
  system: SYSTEM.loinc,
  code: '79423-0',
  display: 'Cardiovascular disease 10Y risk [Likelihood] ACC-AHA Pooled Cohort by Goff 2013',
};

/**
 * "survey": HL7 observation-category "assessment tool/survey instrument observations (e.g., Apgar scores)", the
 * category US Core's Observation Screening Assessment profile requires; a calculated risk score is an assessment
 * tool's result, not a physical exam finding ("exam").
 */
export const SURVEY_CATEGORY: CodeableConcept = {
  coding: [{ system: SYSTEM.observationCategory, code: 'survey', display: 'Survey' }],
};

/** US Core CarePlan requires this category (US Core CarePlan profile, all STU versions: "a category code of assess-plan"). */
export const ASSESS_PLAN_CATEGORY: CodeableConcept = {
  coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan', display: 'Assessment and Plan of Treatment' }],
};

/**
 * The fallback note: LOINC 11506-3 Progress note, one of the note types of US Core's Clinical Notes guidance, with
 * US Core's DocumentReference category clinical-note.
 */
export const PROGRESS_NOTE_TYPE: CodeableConcept = {
  coding: [{ system: SYSTEM.loinc, code: '11506-3', display: 'Progress note' }],
};
export const CLINICAL_NOTE_CATEGORY: CodeableConcept = {
  coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note', display: 'Clinical Note' }],
};

/** R4 Provenance: participant types (provenance-participant-type) and the operation (v3 DataOperation). */
const PARTICIPANT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
export const AUTHOR_AGENT: CodeableConcept = { coding: [{ system: PARTICIPANT, code: 'author', display: 'Author' }] };
/** "A device that operates on source information in order to assemble an artifact": the app that built the resources. */
export const ASSEMBLER_AGENT: CodeableConcept = { coding: [{ system: PARTICIPANT, code: 'assembler', display: 'Assembler' }] };
export const dataOperation = (op: 'CREATE' | 'UPDATE'): CodeableConcept => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: op, display: op === 'CREATE' ? 'create' : 'revise' }],
});

export const UCUM_YEARS = { unit: 'years', system: SYSTEM.ucum, code: 'a' } as const;
