/**
 * Shared by the risk store and risk view tests: sandbox patients served by the fake EHR, and the real Node risk
 * engine behind a RiskClient (optionally held until the test releases it, to order answers by hand).
 */
import type { Resource } from 'fhir/r4';
import { buildSandboxResources } from '../../../sandbox/data/index.ts';
import type { RiskClient } from '../../../src/risk/client.ts';
import { nodeRiskEngine } from '../../../src/risk/load-node.ts';
import type { ScoreRequest } from '../../../src/risk/types.ts';
import { chartStoreConfig } from '../../../src/store/chart.ts';

export const NOW = new Date('2026-03-10T15:00:00Z');
chartStoreConfig.now = () => NOW;
const all = buildSandboxResources(NOW);

/** One sandbox patient's resources (the fake EHR does not filter by patient, so it is given only theirs). */
export function patientResources(patientId: string): Resource[] {
  const ref = `Patient/${patientId}`;
  return all.filter((r) => {
    const x = r as Resource & { subject?: { reference?: string }; patient?: { reference?: string } };
    return (r.resourceType === 'Patient' && r.id === patientId) || x.subject?.reference === ref || x.patient?.reference === ref;
  });
}

export interface TestClient extends RiskClient {
  /** Every batch sent, in order. */
  calls: ScoreRequest[][];
  /** While held, answers wait until release() (then all waiting ones answer, oldest first unless reversed). */
  hold(): void;
  release(order?: 'oldest-first' | 'newest-first'): Promise<void>;
}

const engine = await nodeRiskEngine();

export function engineClient(): TestClient {
  const calls: ScoreRequest[][] = [];
  let held = false;
  let waiting: (() => void)[] = [];
  return {
    calls,
    async score(requests) {
      calls.push([...requests]);
      const answer = engine.score(requests);
      if (held) await new Promise<void>((resolve) => waiting.push(resolve));
      return answer;
    },
    card: (model) => engine.card(model),
    dispose() {},
    hold() {
      held = true;
    },
    async release(order = 'oldest-first') {
      held = false;
      const list = order === 'oldest-first' ? waiting : [...waiting].reverse();
      waiting = [];
      for (const resolve of list) {
        resolve();
        // Let the released answer reach the store before the next one.
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}
