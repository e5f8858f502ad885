/** Public types of the risk runtime. Results are plain data (never tensors) so they cross the worker boundary. */

export type ModelId = 'pce' | 'prevent' | 'kfre4' | 'kfre8';
export const MODEL_IDS: readonly ModelId[] = ['pce', 'prevent', 'kfre4', 'kfre8'];

export type Sex = 'female' | 'male';
/** PCE race groups: "other" uses the white equations, as Goff 2013 recommends. */
export type PceRace = 'white' | 'black' | 'other';
/** KFRE calibration (Tangri 2016): a site setting, not a patient attribute. */
export type KfreRegion = 'north-america' | 'other';

/**
 * Model inputs in the units of the score contract (README, "Score CLI"). `undefined` means unknown,
 * which is never the same as false or zero.
 */
export interface RiskInputs {
  age?: number; // years
  sex?: Sex;
  race?: PceRace;
  totalCholesterol?: number; // mg/dL
  hdl?: number; // mg/dL
  systolicBP?: number; // mmHg
  onBPTreatment?: boolean;
  onStatin?: boolean;
  smoker?: boolean;
  diabetes?: boolean;
  egfr?: number; // mL/min/1.73 m²
  bmi?: number; // kg/m²
  hba1c?: number; // % (NGSP)
  uacr?: number; // mg/g
  calcium?: number; // mg/dL
  phosphate?: number; // mg/dL
  bicarbonate?: number; // mmol/L
  albumin?: number; // g/dL
  region?: KfreRegion;
  /** Clinical ASCVD: PCE and PREVENT are primary-prevention equations. */
  priorASCVD?: boolean;
}
export type InputName = keyof RiskInputs;

export type RiskKey =
  | 'ascvd_10y'
  | 'cvd_10y'
  | 'hf_10y'
  | 'cvd_30y'
  | 'ascvd_30y'
  | 'hf_30y'
  | 'kidney_failure_2y'
  | 'kidney_failure_5y';

export interface ScoreRequest {
  model: ModelId;
  inputs: RiskInputs;
  /** Also return per-input contributions (costs a little CPU; off for what-if batches). */
  explain?: boolean;
}

/** Per-input contributions on the linear-predictor scale, relative to `reference`. */
export interface Explanation {
  /** The stated reference profile (model inputs; see README, "Risk models"). */
  reference: Record<string, number | boolean | null>;
  /** For each risk: linear predictor of the patient and of the reference, and each input's share. */
  byRisk: Partial<Record<RiskKey, { linearPredictor: number; referenceLinearPredictor: number; contributions: Partial<Record<InputName, number>> }>>;
}

export interface ApplicableResult {
  model: ModelId;
  applicable: true;
  /** Empty, or a note about risks left out (e.g. 30-year risk outside ages 30–59). */
  reason: string;
  variant: string;
  risks: Partial<Record<RiskKey, number>>;
  explanation?: Explanation;
}
export interface NotApplicableResult {
  model: ModelId;
  applicable: false;
  reason: string;
  variant: string;
  risks: Record<string, never>;
}
export type ScoreResult = ApplicableResult | NotApplicableResult;
