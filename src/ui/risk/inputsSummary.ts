import { INPUT_NAMES } from '../../risk/inputDisplay.ts';
import { MODELS } from '../../risk/models/index.ts';
import type { InputName, ModelId } from '../../risk/types.ts';
import type { ChartInputs, InputProvenance, MissingInput } from '../../risk/viewModel.ts';

/** The models on screen for every patient; the KFREs only when their card is (CKD G3–G5). */
const ALWAYS: readonly ModelId[] = ['pce', 'prevent'];
const KFRE: readonly ModelId[] = ['kfre4', 'kfre8'];

/** Every input some model on screen reads (required or optional). */
function neededInputs(withKfre: boolean): ReadonlySet<InputName> {
  const models = withKfre ? [...ALWAYS, ...KFRE] : ALWAYS;
  return new Set(models.flatMap((m) => [...MODELS[m].requiredInputs, ...MODELS[m].optionalInputs]));
}

export interface InputsSummary {
  chart: number;
  derived: number;
  entered: number;
  stale: number;
  old: number;
  /** ISO dates (YYYY-MM-DD) of the newest and oldest dated chart value. */
  newest?: string;
  oldest?: string;
  /** Unknown inputs a model on screen reads. */
  unknown: MissingInput[];
  /** Known inputs a model on screen reads: what the numbers rest on. */
  used: InputProvenance[];
  /** Inputs no model on screen reads (the KFRE 8-variable labs without CKD G3–G5), known or not: never a gap. */
  notNeeded: (InputProvenance | MissingInput)[];
}

export function summariseInputs(ci: ChartInputs, withKfre: boolean): InputsSummary {
  const needed = neededInputs(withKfre);
  const known = INPUT_NAMES.flatMap((n) => (ci.provenance[n] && needed.has(n) ? [ci.provenance[n]] : []));
  const missing = INPUT_NAMES.flatMap((n) => (ci.missing[n] ? [ci.missing[n]] : []));
  const chartDates = known.flatMap((p) => (p.origin === 'chart' && p.date ? [p.date.slice(0, 10)] : [])).sort();
  const count = (pred: (p: InputProvenance) => boolean) => known.filter(pred).length;
  return {
    chart: count((p) => p.origin === 'chart'),
    derived: count((p) => p.origin === 'derived'),
    entered: count((p) => p.origin === 'entered'),
    stale: count((p) => p.staleness?.level === 'stale'),
    old: count((p) => p.staleness?.level === 'old'),
    ...(chartDates.length > 0 ? { newest: chartDates[chartDates.length - 1], oldest: chartDates[0] } : {}),
    unknown: missing.filter((m) => needed.has(m.input)),
    used: known,
    notNeeded: INPUT_NAMES.flatMap((n) => (needed.has(n) ? [] : [ci.provenance[n] ?? ci.missing[n]].filter((x) => x !== undefined))),
  };
}

/** "Based on 17 chart values, newest 2026-11-13, oldest 2018-12-05; 1 derived; 0 entered; 0 stale". */
export function summaryText(s: InputsSummary): string {
  const values = `${s.chart} chart value${s.chart === 1 ? '' : 's'}`;
  const range = s.newest && s.oldest ? (s.newest === s.oldest ? `, dated ${s.newest}` : `, newest ${s.newest}, oldest ${s.oldest}`) : '';
  const old = s.old > 0 ? `; ${s.old} old` : '';
  return `Based on ${values}${range}; ${s.derived} derived; ${s.entered} entered; ${s.stale} stale${old}`;
}

