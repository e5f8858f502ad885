/**
 * Public types of the plan suggestions engine (issue 8): guideline rules as data, the context they read, and the
 * suggestions they produce. Plain data, pure to compute, so the plan view and the handout only render them.
 */
import type { ChartFacts, FactKey, StatinIntensity } from '../chart/types.ts';
import type { ModelId, ScoreResult } from '../risk/types.ts';
import type { ChartInputs, TherapyId, TherapyImpact } from '../risk/viewModel.ts';

/** Everything a rule may read. `now` dates the staleness of what it reads. */
export interface PlanContext {
  facts: ChartFacts;
  inputs: ChartInputs;
  results: Partial<Record<ModelId, ScoreResult>>;
  therapy?: TherapyImpact;
  now: Date;
  site?: SiteRuleConfig;
}

/** Three-valued: a missing fact is neither true nor false. */
export type Truth = 'yes' | 'no' | 'unknown';

/** A fact that left a condition unknown (missing) or rests on an old value (stale): what a repeat test would fix. */
export interface FactNeed {
  fact: FactKey;
  why: 'missing' | 'stale';
  /** In words, e.g. "no HDL cholesterol result", "last result 2023-01-02, 1,150 days old". */
  detail: string;
}

/** What a condition found: its truth, the patient's numbers behind it, and the facts it lacked. */
export interface Finding {
  truth: Truth;
  /** The patient's numbers that made it so, e.g. "LDL-C 214 mg/dL (2026-02-08)". */
  evidence: string[];
  needs: FactNeed[];
}

/** A named condition over the context, built from small predicates so a rule reads like its guideline. */
export type Condition = (ctx: PlanContext) => Finding;

export type ActivityKind = 'medication' | 'procedure' | 'referral' | 'lab-test' | 'counselling';
/** What the physician would do: start something new, change what the patient takes, order, refer, counsel, or avoid. */
export type ActivityAction = 'start' | 'intensify' | 'add' | 'switch' | 'rechallenge' | 'stop' | 'avoid' | 'order' | 'refer' | 'counsel';

export interface Code {
  system: string;
  code: string;
  display: string;
}

/** The suggested activity: coded (RxNorm ingredient, SNOMED CT procedure/regime, LOINC test), with dose where it has one. */
export interface Activity {
  kind: ActivityKind;
  action: ActivityAction;
  code: Code;
  /** For medications: the DRUG_CLASSES key (src/chart/valueSets/medications.ts) and RxNorm ingredient name. */
  drugClass?: string;
  ingredient?: string;
  /** Daily dose as the physician writes it, e.g. "40 mg once daily". */
  dose?: string;
  intensity?: StatinIntensity;
}

export interface Goal {
  kind: 'ldl' | 'ldl-reduction' | 'bp' | 'hba1c' | 'quit-date' | 'activity' | 'weight' | 'alcohol';
  /** As the physician reads it, e.g. "LDL-C < 70 mg/dL". */
  text: string;
}

/** Class of recommendation and level of evidence exactly as the guideline prints them (KDIGO/ADA/CPIC grades as theirs). */
export interface Strength {
  cor: string;
  loe: string;
}

export interface Citation {
  guideline: string;
  /** Section, table or recommendation number. */
  where: string;
}

/**
 * How the figures of a rule were checked: 'verified' = read in a second stored source (named), 'not-verified' =
 * from the guideline text or the reference notes only (../shared/reference/risk-models.md §7), to re-check.
 */
export interface Verification {
  status: 'verified' | 'not-verified';
  note: string;
}

export interface Suggestion {
  /** Stable across runs: the rule id, plus the fact for repeat-test suggestions (e.g. "retest:ldl"). */
  id: string;
  ruleId: string;
  topic: RuleTopic;
  title: string;
  activity: Activity;
  /** For the physician, with the patient's numbers. */
  physicianText: string;
  /** For the patient: short sentences, no codes or jargon (about a 6th-grade reading level). */
  patientText: string;
  /** The recommendation in our own words, with its guideline, class and level. */
  recommendation: string;
  citation: Citation;
  strength: Strength;
  verification: Verification;
  /** The patient's numbers that triggered it, e.g. "LDL-C 214 mg/dL (2026-02-08)". */
  triggers: string[];
  goal?: Goal;
  /** A clinician–patient risk discussion is part of the recommendation (borderline/intermediate risk). */
  sharedDecision: boolean;
  /** Why this activity was chosen over the rule's first choice (allergy, genotype, current dose). */
  personalisation: string[];
  /** Things the engine could not check (e.g. allergies not loaded): shown, never hidden. */
  cautions: string[];
  /** Other rules that propose the same treatment for this patient (id and title), merged into this one. */
  alsoSupportedBy: string[];
  /** The therapy-impact projection this rests on, when one exists: ARR and NNT over the baseline's horizon. */
  benefit?: { therapy: TherapyId; absoluteReduction: number; numberNeededToTreat: number | null; label: string };
}

export interface NotSuggested {
  suggestion: Suggestion;
  because: string;
}

export interface PlanSuggestions {
  suggestions: Suggestion[];
  notSuggested: NotSuggested[];
  /** Problems in the site's rule file (config/plan-rules.json): shown, never ignored. */
  configErrors: string[];
}

export type RuleTopic = 'cholesterol' | 'blood-pressure' | 'smoking' | 'aspirin' | 'diabetes' | 'kidney' | 'lifestyle' | 'pharmacogenomics' | 'repeat-test';

/** What a rule proposes for this patient once its condition holds: the activity options in order of preference. */
export interface Proposal {
  /** First choice first; the engine takes the first one no check rules out and says why the others were passed over. */
  options: Activity[];
  physicianText: (activity: Activity) => string;
  patientText: (activity: Activity) => string;
  goal?: Goal;
  /** Notes on how the options were tailored (e.g. "on atorvastatin 20 mg (moderate): intensify"). */
  personalisation?: string[];
  /** The rule itself decides this patient should not get it (e.g. already on a high-intensity statin). */
  suppressed?: string;
}

/** A check against contraindications and interactions: the reason an activity is ruled out, or undefined. */
export type Check = (ctx: PlanContext, activity: Activity, params: RuleParams) => string | undefined;

/**
 * One guideline recommendation as data. `when` is built from the named predicates in predicates.ts; `propose` turns a
 * matched context into activities and texts; `checks` (besides the engine's own: already taking, allergy) rule an
 * activity out with a reason.
 */
export interface Rule {
  id: string;
  topic: RuleTopic;
  title: string;
  /** The recommendation in our own words. */
  recommendation: string;
  citation: Citation;
  strength: Strength;
  verification: Verification;
  when: (ctx: PlanContext, params: RuleParams) => Finding;
  propose: (ctx: PlanContext, finding: Finding, params: RuleParams) => Proposal;
  checks?: readonly Check[];
  /** The therapy-impact option whose ARR ranks this suggestion. */
  therapy?: TherapyId;
  sharedDecision?: boolean;
  /**
   * Rules that can propose the same treatment (e.g. every statin rule): only the strongest suggestion of a group is
   * kept, and the others are named in its `alsoSupportedBy`.
   */
  group?: string;
  /** Numeric parameters a site may change (config/plan-rules.json), with their default and allowed range. */
  params?: Readonly<Record<string, RuleParam>>;
}

export type RuleParams = Readonly<Record<string, number>>;

export interface RuleParam {
  value: number;
  min: number;
  max: number;
  /** What it is and where the default comes from. */
  description: string;
}

/** A site's edits of one rule (config/plan-rules.json): disable it, reword it, or change a declared parameter. */
export interface SiteRuleOverride {
  enabled?: boolean;
  physicianText?: string;
  patientText?: string;
  params?: Record<string, number>;
}

export interface SiteRuleConfig {
  rules: Record<string, SiteRuleOverride>;
}
