/**
 * The shapes the risk view is built from: model inputs traced to chart facts, guideline statements that decide
 * without a score, therapy impact and the risk trajectory. Plain data, pure to compute (see chartInputs.ts,
 * guidelineNotes.ts, therapy.ts, trajectory.ts), so the UI only renders them.
 */
import type { FactKey, SourceRef, Staleness, UnknownFact } from '../chart/types.ts';
import type { InputName, ModelId, RiskInputs, RiskKey } from './types.ts';

/** Where one model input came from: the fact, how it got its value, and the chart entries behind it. */
export interface InputProvenance {
  input: InputName;
  fact: FactKey;
  origin: 'chart' | 'derived' | 'entered';
  /** The value as a physician reads it, e.g. "142 mmHg", "yes", "Black or African American". */
  display: string;
  date?: string;
  staleness?: Staleness;
  sources: SourceRef[];
  /** For derived facts: the method, e.g. "CKD-EPI 2021 creatinine equation". */
  method?: string;
}

/** An input the chart could not supply: which fact to enter and why it is unknown. */
export interface MissingInput {
  input: InputName;
  fact: FactKey;
  /** Why the fact is unknown, from the chart layer ("no HDL cholesterol result"). */
  reason: string;
  /** Set when the records the fact is read from are still loading, failed or not offered: not an absent value. */
  gap?: UnknownFact['gap'];
}

/** All model inputs from the chart facts. Unknown inputs are absent from `inputs` and listed in `missing`. */
export interface ChartInputs {
  inputs: RiskInputs;
  provenance: Partial<Record<InputName, InputProvenance>>;
  missing: Partial<Record<InputName, MissingInput>>;
  /** Set for a deceased patient (Patient.deceased[x]): no input is passed on and every model is not applicable. */
  deceased?: { date?: string };
}

/** Why a model shows no number, in plain words, and the facts whose entry would make it applicable. */
export interface PlainReason {
  text: string;
  /** Facts to enter (empty when entry cannot help, e.g. age outside the range). */
  enter: FactKey[];
}

/** A guideline statement that decides without (or beside) the score: shown next to it, never hidden. */
export interface GuidelineNote {
  id: 'secondary-prevention' | 'ldl-190' | 'diabetes-40-75' | 'ckd-kfre' | 'prior-ascvd-unknown';
  /** One sentence for the physician, with the patient's numbers. */
  text: string;
  /** Guideline, recommendation, class of recommendation and level of evidence as printed. */
  citation: string;
  /** Models whose number this statement outranks. */
  models: ModelId[];
}

export type PceCategory = 'low' | 'borderline' | 'intermediate' | 'high';

export type TherapyId = 'statin-moderate' | 'statin-high' | 'bp-target' | 'stop-smoking' | 'aspirin';

/** One therapy the impact table offers, or says why it does not. */
export interface TherapyOption {
  id: TherapyId;
  label: string;
  /** available: can be simulated; already: the patient takes/does it; not-applicable: with the reason. */
  status: 'available' | 'already' | 'not-applicable';
  /** Shown for every status: what the simulation assumes, or why it is not offered, with the patient's numbers. */
  detail: string;
  /** Relative risk applied to the baseline (1 when not available). */
  relativeRisk: number;
  /** Trial/meta-analysis the relative risk comes from. */
  source: string;
}

/** A single therapy or a combination, projected over the baseline's horizon. */
export interface TherapyProjection {
  therapies: TherapyId[];
  label: string;
  /** Projected risk (fraction), never below the optimal-factor risk. */
  risk: number;
  /** Absolute risk reduction (fraction) and number needed to treat over the horizon. */
  absoluteReduction: number;
  numberNeededToTreat: number | null;
  /** True when the multiplicative product fell below the optimal-factor risk and was raised to it. */
  floored: boolean;
  /** For aspirin: the major-bleeding increase, in words with its source. */
  harm?: string;
}

export interface TherapyImpact {
  /** The risk the table starts from, e.g. PCE 10-year ASCVD. */
  baseline: { model: ModelId; risk: RiskKey; value: number; label: string };
  /** Risk of someone of the same age, sex (and race for the PCE) with optimal risk factors: the floor. */
  optimalRisk: number;
  options: TherapyOption[];
  projections: TherapyProjection[];
}

/** One date of the trajectory: the inputs known then, or why no number is shown at that date. */
export interface TrajectoryPoint {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** Why this date is on the line: a yearly point, a key input changed (named), or today. */
  why: string;
  inputs: RiskInputs;
  /** Inputs missing or stale at that date, in words; a point with gaps is not scored. */
  gaps: string[];
}

export interface TrajectoryPlan {
  points: TrajectoryPoint[];
  /** The oldest date the loaded history reaches (ISO date), if any history loaded. */
  historyFrom?: string;
  /** False when older pages exist that were not loaded (the loader's page cap). */
  complete: boolean;
}
