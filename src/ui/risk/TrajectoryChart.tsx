import { useId } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatRisk } from './riskFormat.ts';
import { CHART_COLOURS, chartSize } from './chartSize.ts';
import { groupGaps } from './trajectoryGaps.ts';
import './charts.css';

/** One date of the trajectory: the risk (fraction) scored from the values known then, or the gaps that prevent it. */
export interface TrajectoryChartPoint {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  risk?: number;
  /** Inputs missing or stale at that date, in words; a point with gaps has no risk. */
  gaps: string[];
  /** Why this date is on the line (yearly point, an input changed, today). */
  why: string;
}

export interface TrajectoryChartProps {
  points: TrajectoryChartPoint[];
  /** The risk plotted, e.g. "PREVENT 10-year total CVD". */
  riskLabel: string;
  /** The oldest date the loaded history reaches. */
  historyFrom?: string;
  /** False when older pages exist that were not loaded. */
  complete: boolean;
  onLoadOlder?: () => void;
  loadingOlder?: boolean;
  /** Fixed chart width in px; without it the chart fills its container (tests pass one: jsdom has no layout). */
  width?: number;
}

const DAY_MS = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** From this span on, the time axis is labelled once a year (1 January), so a 10-year history reads as years. */
const YEARLY_TICKS_FROM_YEARS = 3;

/** 1 January of each year within the dates' span, when it is long enough for yearly labels; else recharts' own ticks. */
function yearlyTicks(times: readonly number[]): number[] | undefined {
  if (times.length === 0) return undefined;
  const first = new Date(Math.min(...times)).getUTCFullYear();
  const last = new Date(Math.max(...times)).getUTCFullYear();
  if (last - first < YEARLY_TICKS_FROM_YEARS) return undefined;
  return Array.from({ length: last - first }, (_, i) => Date.UTC(first + 1 + i, 0, 1));
}

/**
 * The risk over time as a line. A date with a missing or stale input is a break in the line, never a carried-forward
 * value; under the chart such dates are grouped by their reasons, and the table in "Chart as a table" (the text
 * alternative) gives each date with its own.
 */
export function TrajectoryChart({ points, riskLabel, historyFrom, complete, onLoadOlder, loadingOlder = false, width }: TrajectoryChartProps) {
  const headingId = useId();
  // Percent on a time axis: dates are irregular (yearly plus each change), so their spacing must be true to time.
  const data = points.map((p) => ({ t: Date.parse(p.date), percent: p.gaps.length === 0 && p.risk !== undefined ? p.risk * 100 : null }));
  const gapPoints = points.filter((p) => p.gaps.length > 0);
  const ticks = yearlyTicks(data.map((d) => d.t));
  return (
    <section className="risk-chart trajectory" aria-labelledby={headingId} data-testid="trajectory">
      <h3 id={headingId}>{riskLabel} over time</h3>
      <p className="risk-sub" data-testid="trajectory-history">
        {historyFrom ? `History from ${historyFrom}` : 'No history loaded'}
        {complete ? (historyFrom ? ' (all loaded results).' : '.') : '; older results exist that were not loaded.'}{' '}
        {!complete && onLoadOlder ? (
          <button type="button" className="link-button" onClick={onLoadOlder} disabled={loadingOlder}>
            {loadingOlder ? 'Loading older results…' : 'Load older results'}
          </button>
        ) : null}
      </p>
      {/* The SVG repeats the table below for sighted readers; assistive technology reads the table. */}
      <div aria-hidden="true" className="risk-chart-plot">
        <LineChart data={data} {...chartSize(width, 220)} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_COLOURS.grid} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin - ' + 30 * DAY_MS, 'dataMax + ' + 30 * DAY_MS]} {...(ticks ? { ticks } : {})} tickFormatter={(t: number) => isoDate(t).slice(0, ticks ? 4 : 7)} fontSize={11} />
          <YAxis unit=" %" domain={[0, 'auto']} width={48} fontSize={11} />
          <Tooltip labelFormatter={(t) => (typeof t === 'number' ? isoDate(t) : '')} formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : 'no estimate')} />
          <Line dataKey="percent" name={riskLabel} stroke={CHART_COLOURS.line} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </div>
      {gapPoints.length > 0 ? (
        <div data-testid="trajectory-gaps">
          <p className="risk-sub">
            {gapPoints.length} {gapPoints.length === 1 ? 'date' : 'dates'} without an estimate (breaks in the line; each date is in the table):
          </p>
          <ul className="risk-gaps">
            {groupGaps(gapPoints).map((g) => (
              <li key={g.reasons}>
                <strong>{g.dates.length === 1 ? g.dates[0] : `${g.dates.length} dates, ${g.dates[0]} to ${g.dates[g.dates.length - 1]}`}</strong>: {g.reasons}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <details className="risk-alt">
        <summary>Chart as a table</summary>
        <table className="risk-table" data-testid="trajectory-table">
          <caption>{riskLabel} at each date, scored from the values known then</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Risk</th>
              <th scope="col">Why this date</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <th scope="row">{p.date}</th>
                <td className="num">{p.gaps.length > 0 ? `no estimate: ${p.gaps.join('; ')}` : p.risk !== undefined ? formatRisk(p.risk) : 'not scored yet'}</td>
                <td>{p.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
