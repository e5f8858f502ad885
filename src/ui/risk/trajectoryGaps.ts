/** The gaps of one trajectory date (TrajectoryChartPoint's date and gaps). */
export interface DatedGaps {
  date: string;
  gaps: readonly string[];
}

/** "systolic BP 3.2 years old" → "systolic BP stale": dates that lack the same inputs group together whatever their age. */
const STALE_AGE = /\b\d+(?:\.\d+)? years old\b/g;

/** Dates without an estimate grouped by their reasons, in order of the first date of each group. */
export function groupGaps(points: readonly DatedGaps[]): { reasons: string; dates: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const p of points) {
    const reasons = [...new Set(p.gaps.map((g) => g.replace(STALE_AGE, 'stale')))].join('; ');
    groups.set(reasons, [...(groups.get(reasons) ?? []), p.date]);
  }
  return [...groups].map(([reasons, dates]) => ({ reasons, dates: [...dates].sort() }));
}
