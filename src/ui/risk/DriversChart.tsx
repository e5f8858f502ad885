import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { Driver } from '../../risk/drivers.ts';
import { CHART_COLOURS, chartSize } from './chartSize.ts';
import { formatSigned } from './riskFormat.ts';
import { capitalise } from './text.ts';
import './charts.css';

export interface DriversChartProps {
  /** From drivers(): largest effect first (the chart keeps that order). */
  drivers: Driver[];
  /** From driverSentence(drivers). */
  sentence: string;
  /** The risk explained, e.g. "PREVENT 10-year total CVD". */
  riskLabel: string;
  /** The model's stated reference profile the contributions are measured against (ModelDefinition.referenceDescription). */
  referenceDescription: string;
  /** Fixed chart width in px; without it the chart fills its container (tests pass one: jsdom has no layout). */
  width?: number;
}

/** Contributions are shown with two decimals: the smallest difference a physician would weigh on the log scale. */
const DECIMALS = 2;
const BAR_ROW_PX = 26;

/**
 * What drives the risk: the sentence first (a five-second read), then each input's contribution to the linear
 * predictor as a bar left (lowers) or right (raises) of zero, labelled with the input, the patient's value and the
 * signed contribution; the table under "Chart as a table" is the text alternative.
 */
export function DriversChart({ drivers, sentence, riskLabel, referenceDescription, width }: DriversChartProps) {
  const headingId = useId();
  // One bar series per direction, so each has its colour without per-bar cells; a driver fills exactly one.
  const data = drivers.map((d) => ({
    name: capitalise(d.phrase),
    raises: d.direction === 'raises' ? d.contribution : null,
    lowers: d.direction === 'lowers' ? d.contribution : null,
  }));
  const extent = Math.max(0.1, ...drivers.map((d) => Math.abs(d.contribution)));
  const signedLabel = (v: unknown) => (typeof v === 'number' ? formatSigned(v, DECIMALS) : '');
  return (
    <section className="risk-chart drivers" aria-labelledby={headingId} data-testid="drivers">
      <h3 id={headingId}>What drives the {riskLabel}</h3>
      <p className="drivers-sentence" data-testid="drivers-sentence">
        {sentence}
      </p>
      {drivers.length > 0 ? (
        <>
          <p className="risk-sub">
            Bars right of zero raise the risk, bars left of zero lower it, on the model's linear-predictor scale (log odds or log hazard),
            against the reference profile: {referenceDescription}
          </p>
          {/* The SVG repeats the table below for sighted readers; assistive technology reads the table. */}
          <div aria-hidden="true" className="risk-chart-plot">
            <BarChart
              layout="vertical"
              data={data}
              {...chartSize(width, drivers.length * BAR_ROW_PX + 32)}
              margin={{ top: 4, right: 48, bottom: 4, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={CHART_COLOURS.grid} horizontal={false} />
              <XAxis type="number" domain={[-extent, extent]} ticks={[-extent, -extent / 2, 0, extent / 2, extent]} tickFormatter={(v: number) => formatSigned(v, 1)} fontSize={11} stroke={CHART_COLOURS.axis} />
              <YAxis type="category" dataKey="name" width={190} fontSize={11} stroke={CHART_COLOURS.axis} interval={0} />
              <ReferenceLine x={0} stroke={CHART_COLOURS.axis} />
              <Bar dataKey="raises" stackId="driver" fill={CHART_COLOURS.raises} isAnimationActive={false}>
                <LabelList dataKey="raises" position="right" formatter={signedLabel} fontSize={11} />
              </Bar>
              <Bar dataKey="lowers" stackId="driver" fill={CHART_COLOURS.lowers} isAnimationActive={false}>
                <LabelList dataKey="lowers" position="left" formatter={signedLabel} fontSize={11} />
              </Bar>
            </BarChart>
          </div>
          <details className="risk-alt">
            <summary>Chart as a table</summary>
            <table className="risk-table" data-testid="drivers-table">
              <caption>Each input's contribution to the {riskLabel}, largest first</caption>
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Effect</th>
                  <th scope="col">Contribution (linear predictor)</th>
                </tr>
              </thead>
              <tbody>
                {drivers.map((d) => (
                  <tr key={d.input}>
                    <th scope="row">{capitalise(d.label)}</th>
                    <td>{d.value}</td>
                    <td>{d.reference}</td>
                    <td>{d.direction}</td>
                    <td className="num">{formatSigned(d.contribution, DECIMALS)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
    </section>
  );
}
