import type { TherapyOption, TherapyProjection } from '../../risk/viewModel.ts';

/**
 * A therapy's `detail` (src/risk/therapy.ts) split for a dense row: what is assumed ("LDL-C 152 mg/dL lowered by
 * 40 % to 91 mg/dL") and the arithmetic that turns it into a relative risk ("61 mg/dL (1.57 mmol/L) lower, RR
 * 0.75^1.57 = 0.64"). The details read "<assumption>: <arithmetic with RR …>", so the split is at the last ": "
 * before the first "RR "; a detail of another shape is kept whole as the assumption.
 */
export function assumptionParts(detail: string): { assumed: string; arithmetic?: string } {
  const rr = detail.indexOf('RR ');
  const split = rr < 0 ? -1 : detail.lastIndexOf(': ', rr);
  return split <= 0 ? { assumed: detail } : { assumed: detail.slice(0, split), arithmetic: detail.slice(split + 2) };
}

/** The distinct sources of the therapies that are projected, in table order: the table cites each once, by number. */
export function citedSources(options: readonly TherapyOption[]): string[] {
  return [...new Set(options.filter((o) => o.status === 'available').map((o) => o.source))];
}

/**
 * "Everything available together": the combination with the most therapies (the statins are alternatives, so there
 * may be one per statin intensity), and of those the one with the lowest projected risk. Undefined when fewer than
 * two therapies can be combined.
 */
export function fullCombination(projections: readonly TherapyProjection[]): TherapyProjection | undefined {
  const most = Math.max(0, ...projections.map((p) => p.therapies.length));
  if (most < 2) return undefined;
  return projections.filter((p) => p.therapies.length === most).reduce((best, p) => (p.risk < best.risk ? p : best));
}
