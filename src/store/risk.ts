/**
 * The risk flow, in one place: chart facts → model inputs → one batched worker call → what the risk view shows.
 * It follows the chart store (every facts change re-maps the inputs, and re-scores only when they changed), then
 * derives the therapy table and, once the chart has finished loading, the trajectory. What-if requests are
 * coalesced to one in flight. Every answer is checked against a generation counter, so a slow answer for old
 * facts, or for the previous patient, is never shown.
 */
import { createStore, type StoreApi } from 'zustand';
import type { ChartFacts } from '../chart/types.ts';
import { KFRE_REGION } from '../config.ts';
import { toChartData } from '../fhir/chart-loader/loadChart.ts';
import type { ModelCard } from '../risk/card.ts';
import { chartInputs } from '../risk/chartInputs.ts';
import { createRiskClient, type RiskClient } from '../risk/client.ts';
import { guidelineNotes } from '../risk/guidelineNotes.ts';
import { MODEL_IDS, type KfreRegion, type ModelId, type RiskInputs, type RiskKey, type ScoreResult } from '../risk/types.ts';
import type { ChartInputs, GuidelineNote, TherapyImpact, TrajectoryPlan } from '../risk/viewModel.ts';
import { chartStoreConfig, useChartStore, type ChartState } from './chart.ts';

export type ModelResults = Partial<Record<ModelId, ScoreResult>>;

/** The latest answer for the current chart, with the inputs it was computed from (so "Based on" shows exactly those). */
export interface CurrentRisk {
  chartInputs: ChartInputs;
  notes: GuidelineNote[];
  results: ModelResults;
  /** Some chart source was still loading: a "not applicable" may yet turn into a number. */
  provisional: boolean;
}

export interface TrajectoryView {
  plan: TrajectoryPlan;
  /** Per point of the plan: every model's result, or undefined for a point with gaps (not scored). */
  scores: (ModelResults | undefined)[];
}

export interface WhatIfState {
  /** The latest inputs asked for. */
  inputs: RiskInputs;
  /** The latest answer and the inputs it answers (the previous move while a newer one is being scored). */
  results?: ModelResults;
  scoredInputs?: RiskInputs;
  /** A newer request than `scoredInputs` is queued or in flight. */
  pending: boolean;
}

export interface RiskState {
  current?: CurrentRisk;
  /** Inputs changed and a new answer is on its way. */
  scoring: boolean;
  error?: string;
  cards: Partial<Record<ModelId, ModelCard>>;
  cardError?: string;
  therapy?: TherapyImpact;
  therapyError?: string;
  trajectory?: TrajectoryView;
  trajectoryError?: string;
  whatIf?: WhatIfState;
  /** Scores modified inputs beside the current risk (at most one request in flight; the latest wins). */
  tryInputs(inputs: RiskInputs): void;
  clearWhatIf(): void;
  /** Loads the model cards once, and so starts the worker and TF.js in it: at page start, so first scoring need not wait. */
  prepare(): void;
  /** Follows the chart store; returns the unsubscribe. Prepares first if that has not been done. */
  connect(): () => void;
}

export interface RiskStoreDeps {
  client: RiskClient;
  chart: StoreApi<ChartState>;
  kfreRegion: KfreRegion;
  now: () => Date;
}

/** The risk the therapy table starts from: PCE 10-year ASCVD, on which the 2018/2019 ACC/AHA thresholds are defined, else PREVENT's. */
function therapyBaseline(results: ModelResults): TherapyImpact['baseline'] | undefined {
  const risk: RiskKey = 'ascvd_10y';
  for (const [model, label] of [['pce', 'PCE 10-year ASCVD'], ['prevent', 'PREVENT 10-year ASCVD']] as const) {
    const r = results[model];
    const value = r?.applicable ? r.risks[risk] : undefined;
    if (value !== undefined) return { model, risk, value, label };
  }
  return undefined;
}

const allModels = (inputs: RiskInputs, explain: boolean) => MODEL_IDS.map((model) => ({ model, inputs, explain }));

function byModel(results: readonly ScoreResult[]): ModelResults {
  return Object.fromEntries(results.map((r) => [r.model, r]));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A chart is loading while any source is; before the first load there are no sources at all. */
const chartLoading = (c: ChartState) => c.sources.length === 0 || c.sources.some((s) => s.status === 'loading');
/** Every model needs age and sex: until the Patient read has answered there is nothing to score. */
const patientPending = (c: ChartState) => c.sources.length === 0 || c.sources.some((s) => s.id === 'patient' && s.status === 'loading');

export function createRiskStore(deps: RiskStoreDeps): StoreApi<RiskState> {
  const { client, chart, kfreRegion } = deps;
  // One generation per chart load: answers for an earlier chart are dropped.
  let chartGen = 0;
  let chartKey: string | undefined;
  let outcomeCount = 0;
  // One generation per scored input set within a chart.
  let scoreGen = 0;
  let scoredKey: string | undefined;
  let answeredGen = 0;
  let latest: { ci: ChartInputs; notes: GuidelineNote[]; facts: ChartFacts; provisional: boolean } | undefined;
  let plannedOutcomes: ChartState['outcomes'] | undefined;
  let whatIf: { inFlight: boolean; queued?: RiskInputs } = { inFlight: false };
  let cardsRequested = false;

  const store = createStore<RiskState>()((set, get) => {
    function reset() {
      chartGen++;
      scoreGen++;
      scoredKey = undefined;
      latest = undefined;
      plannedOutcomes = undefined;
      whatIf = { inFlight: false };
      // Model cards describe the models, not the patient: they stay.
      set({ current: undefined, scoring: false, error: undefined, therapy: undefined, therapyError: undefined, trajectory: undefined, trajectoryError: undefined, whatIf: undefined });
    }

    async function score(ci: ChartInputs) {
      const gen = ++scoreGen;
      const cgen = chartGen;
      set({ scoring: true });
      let results: ModelResults;
      try {
        results = byModel(await client.score(allModels(ci.inputs, true)));
      } catch (e) {
        if (gen === scoreGen && cgen === chartGen) set({ scoring: false, error: `The risk models could not run: ${message(e)}` });
        return;
      }
      if (gen !== scoreGen || cgen !== chartGen || !latest) return;
      answeredGen = gen;
      // The latest chart inputs have the same values as the ones scored; their provenance may be newer.
      set({ current: { chartInputs: latest.ci, notes: latest.notes, results, provisional: latest.provisional }, scoring: false, error: undefined });
      await therapy(results, latest.ci.inputs, latest.facts, gen, cgen);
    }

    async function therapy(results: ModelResults, inputs: RiskInputs, facts: ChartFacts, gen: number, cgen: number) {
      const baseline = therapyBaseline(results);
      if (!baseline) {
        set({ therapy: undefined, therapyError: undefined });
        return;
      }
      try {
        // Loaded on first use: the therapy table comes after the first numbers, so its code stays out of the first load.
        const { optimalInputs, therapyImpact } = await import('../risk/therapy.ts');
        const [optimal] = await client.score([{ model: baseline.model, inputs: optimalInputs(inputs) }]);
        if (gen !== scoreGen || cgen !== chartGen) return;
        const optimalRisk = optimal?.applicable ? optimal.risks[baseline.risk] : undefined;
        if (optimalRisk === undefined) {
          set({ therapy: undefined, therapyError: `The optimal-factor risk could not be computed: ${optimal?.reason ?? 'no answer'}` });
          return;
        }
        set({ therapy: therapyImpact({ facts, inputs, baseline, optimalRisk }), therapyError: undefined });
      } catch (e) {
        if (gen === scoreGen && cgen === chartGen) set({ therapy: undefined, therapyError: message(e) });
      }
    }

    async function trajectory(c: ChartState) {
      const cgen = chartGen;
      plannedOutcomes = c.outcomes;
      try {
        const { planTrajectory } = await import('../risk/trajectory.ts');
        const plan = planTrajectory(toChartData(c.outcomes), deps.now(), { kfreRegion });
        const scored = plan.points.map((p, i) => ({ p, i })).filter(({ p }) => p.gaps.length === 0);
        const answers = scored.length > 0 ? await client.score(scored.flatMap(({ p }) => allModels(p.inputs, false))) : [];
        if (cgen !== chartGen || plannedOutcomes !== c.outcomes) return;
        const scores: (ModelResults | undefined)[] = plan.points.map(() => undefined);
        scored.forEach(({ i }, k) => {
          scores[i] = byModel(answers.slice(k * MODEL_IDS.length, (k + 1) * MODEL_IDS.length));
        });
        set({ trajectory: { plan, scores }, trajectoryError: undefined });
      } catch (e) {
        if (cgen === chartGen) set({ trajectoryError: message(e) });
      }
    }

    async function runWhatIf(inputs: RiskInputs) {
      const cgen = chartGen;
      whatIf.inFlight = true;
      let results: ModelResults | undefined;
      try {
        results = byModel(await client.score(allModels(inputs, false)));
      } catch (e) {
        if (cgen === chartGen) set({ error: `The what-if estimate could not run: ${message(e)}` });
      }
      if (cgen !== chartGen) return;
      whatIf.inFlight = false;
      const next = whatIf.queued;
      whatIf.queued = undefined;
      const shown = get().whatIf;
      if (shown && results) set({ whatIf: { ...shown, results, scoredInputs: inputs, pending: next !== undefined } });
      if (next) void runWhatIf(next);
    }

    function onChart(c: ChartState) {
      const key = c.entriesKey;
      const count = Object.keys(c.outcomes).length;
      // A different chart, or the same one loaded again: nothing of the previous answers may stay on screen.
      if (key !== chartKey || count < outcomeCount) {
        chartKey = key;
        reset();
      }
      outcomeCount = count;
      if (key === undefined || patientPending(c)) return;

      const mapped = chartInputs(c.facts, { kfreRegion });
      const inputsKey = JSON.stringify(mapped.inputs);
      const same = inputsKey === scoredKey;
      // Unchanged values keep their object, so views keyed on it (the what-if controls) are not reset by new provenance.
      const ci = same && latest ? { ...mapped, inputs: latest.ci.inputs } : mapped;
      latest = { ci, notes: guidelineNotes(c.facts, ci), facts: c.facts, provisional: chartLoading(c) };
      if (!same) {
        scoredKey = inputsKey;
        void score(ci);
      } else {
        const { current } = get();
        // Same values: refresh provenance and notes in place, unless a newer answer is on its way.
        if (current && answeredGen === scoreGen) set({ current: { ...current, chartInputs: latest.ci, notes: latest.notes, provisional: latest.provisional } });
      }
      if (!chartLoading(c) && plannedOutcomes !== c.outcomes) void trajectory(c);
    }

    return {
      scoring: false,
      cards: {},

      tryInputs(inputs) {
        const shown = get().whatIf;
        set({ whatIf: { ...shown, inputs, pending: true } });
        if (whatIf.inFlight) whatIf.queued = inputs;
        else void runWhatIf(inputs);
      },

      clearWhatIf() {
        // An answer still in flight finds no what-if state to fill.
        whatIf.queued = undefined;
        set({ whatIf: undefined });
      },

      prepare() {
        if (cardsRequested) return;
        cardsRequested = true;
        Promise.all(MODEL_IDS.map((m) => client.card(m))).then(
          (cards) => set({ cards: Object.fromEntries(cards.map((card) => [card.id, card])), cardError: undefined }),
          (e: unknown) => {
            cardsRequested = false;
            set({ cardError: `The model cards could not be loaded: ${message(e)}` });
          },
        );
      },

      connect() {
        get().prepare();
        onChart(chart.getState());
        return chart.subscribe(onChart);
      },
    };
  });
  return store;
}

/** The app's risk store: the browser worker, the app's chart store and its clock (so the trajectory's "today" is the facts'). */
export const riskStore = createRiskStore({ client: createRiskClient(), chart: useChartStore, kfreRegion: KFRE_REGION, now: () => chartStoreConfig.now() });
