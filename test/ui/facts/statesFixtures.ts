import type { ChartData } from '../../../src/chart/buildFacts.ts';
import { chart, NOW, obs, patient, ucum } from '../../chart/fixtures.ts';

/** A chart with a patient and every list loaded but empty. */
export const EMPTY: Partial<ChartData> = { patient: patient('male', '1966-01-10') };

export { chart, NOW, obs, patient, ucum };
