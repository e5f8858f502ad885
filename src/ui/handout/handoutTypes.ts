/**
 * What the patient handout (issue 8, print view) shows. Every string is printed for the patient as given, so it must
 * already be plain words: the plan view passes the physician's edited patient texts (or the engine's
 * `Suggestion.patientText`), and `handoutItem` / `plainRiskEvent` (handoutItems.ts) give the plain headings.
 */

/** One chosen action of the plan. */
export interface HandoutItem {
  /** A short plain heading, e.g. "Lower your cholesterol" (not the physician's rule title). */
  title: string;
  /** What to do, in the patient's words: the physician's edit, else the engine's `Suggestion.patientText`. */
  patientText: string;
  /** Why it helps this patient, in plain words (e.g. the benefit in people out of 100); omitted when unknown. */
  why?: string;
}

/** The risk shown as two icon arrays of 100 people. */
export interface HandoutRisk {
  /**
   * What may happen, in plain words completing "About 12 in 100 people like you will …", e.g. "have a heart attack or
   * stroke in the next 10 years" (`plainRiskEvent('ascvd_10y')` gives it).
   */
  event: string;
  /** The risk now, a fraction 0–1 (as the risk engine gives it). */
  now: number;
  /** The risk if the ticked plan is followed (combined impact), a fraction 0–1; omitted when there is no projection. */
  withPlan?: number;
}

export interface HandoutProps {
  /** As the patient is called, e.g. "Maria Lopez". */
  patientName: string;
  /** The visit date, ISO (YYYY-MM-DD or a full ISO date-time); printed as a long date in words. */
  date: string;
  /** The ticked suggestions and the physician's own activities, in the plan's order. */
  items: HandoutItem[];
  /** Null when no risk could be worked out: the handout then has no icon arrays and says nothing about risk. */
  risk: HandoutRisk | null;
  /** The goals set with the patient, in plain words (e.g. "Stop smoking by April 1"); may be empty. */
  goals: string[];
  /** Who to contact, e.g. "Dr. Ana Silva". */
  clinician?: string;
  /** A free note from the physician to the patient. */
  notes?: string;
  /** Shows a Close button on screen (the print view is an overlay over the app); called on Close and Escape. */
  onClose?: () => void;
  /** Calls window.print() once, after the handout has rendered (so the print dialog shows the handout). */
  printOnOpen?: boolean;
}
