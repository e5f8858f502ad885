/** The bench workload, shared by the page (browser worker) and scripts/bench.ts (Node cross-check). Synthetic. */
import type { ScoreRequest } from '../../src/risk/types.ts';

const patient = {
  age: 58, sex: 'female', race: 'white', totalCholesterol: 210, hdl: 48, systolicBP: 142, onBPTreatment: true, onStatin: false,
  smoker: false, diabetes: true, egfr: 48, bmi: 31, hba1c: 7.2, uacr: 85, albumin: 4.1, phosphate: 3.8, bicarbonate: 24, calcium: 9.3,
  region: 'north-america',
} as const;
const { race: _r, region: _g, albumin: _a, phosphate: _p, bicarbonate: _b, calcium: _c, ...preventInputs } = patient;
export const onePatient: ScoreRequest[] = [
  { model: 'pce', inputs: { age: patient.age, sex: patient.sex, race: patient.race, totalCholesterol: patient.totalCholesterol, hdl: patient.hdl, systolicBP: patient.systolicBP, onBPTreatment: patient.onBPTreatment, smoker: patient.smoker, diabetes: patient.diabetes }, explain: true },
  { model: 'prevent', inputs: preventInputs, explain: true },
  { model: 'kfre4', inputs: { age: patient.age, sex: patient.sex, egfr: patient.egfr, uacr: patient.uacr, region: patient.region }, explain: true },
  { model: 'kfre8', inputs: { age: patient.age, sex: patient.sex, egfr: patient.egfr, uacr: patient.uacr, albumin: patient.albumin, phosphate: patient.phosphate, bicarbonate: patient.bicarbonate, calcium: patient.calcium, region: patient.region }, explain: true },
];
// 64 what-if vectors: SBP 110–173 with and without a statin, as the what-if panel would send.
export const whatIf: ScoreRequest[] = Array.from({ length: 64 }, (_, i) => ({
  model: 'prevent',
  inputs: { ...preventInputs, systolicBP: 110 + i, onStatin: i % 2 === 0 },
}));

