/**
 * A realistic signed plan, built by hand: a 58-year-old woman at intermediate PCE risk with hypertension, who
 * smokes; HDL and smoking entered by hand in Tailor; eGFR derived from a creatinine. Models from their real cards.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelCard } from '../../src/risk/card.ts';
import type { ModelId, ScoreResult } from '../../src/risk/types.ts';
import type { ChartInputs, InputProvenance } from '../../src/risk/viewModel.ts';
import { CODES } from '../../src/plan/rules/common.ts';
import { medication } from '../../src/plan/drugs.ts';
import type { Activity, Suggestion } from '../../src/plan/types.ts';
import { goalToSign } from '../../src/plan/toFhir/goalTargets.ts';
import type { ModelResultSeen, PlanToSign } from '../../src/plan/toFhir/types.ts';

// Paths, not URL objects: under jsdom the global URL is jsdom's, which node:fs does not take.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const json = (path: string): unknown => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8'));
export const card = (id: ModelId): ModelCard => json(`models/${id}/card.json`) as ModelCard;
export const APP = json('package.json') as { name: string; version: string };

export function suggestion(id: string, activity: Activity, extra: Partial<Suggestion> = {}): Suggestion {
  return {
    id, ruleId: id, topic: 'cholesterol', title: id, activity,
    physicianText: `${id}: engine text`, patientText: 'Plain words.', recommendation: 'A recommendation.',
    citation: { guideline: 'A guideline', where: '§1' }, strength: { cor: 'I', loe: 'A' },
    verification: { status: 'verified', note: 'checked' }, triggers: [], sharedDecision: false, personalisation: [],
    cautions: [], alsoSupportedBy: [], ...extra,
  };
}

const chart = (input: InputProvenance['input'], fact: InputProvenance['fact'], display: string, sources: InputProvenance['sources']): InputProvenance =>
  ({ input, fact, origin: 'chart', display, sources });

export const INPUTS: ChartInputs = {
  inputs: { age: 58, sex: 'female', race: 'white', totalCholesterol: 236, hdl: 48, systolicBP: 142, onBPTreatment: true, onStatin: false, smoker: true, diabetes: false, egfr: 88 },
  provenance: {
    age: chart('age', 'age', '58 years', [{ resourceType: 'Patient', id: 'pt-alvarez' }]),
    sex: chart('sex', 'sex', 'female', [{ resourceType: 'Patient', id: 'pt-alvarez' }]),
    race: chart('race', 'race', 'White', [{ resourceType: 'Patient', id: 'pt-alvarez' }]),
    totalCholesterol: chart('totalCholesterol', 'totalCholesterol', '236 mg/dL', [{ resourceType: 'Observation', id: 'chol-1', display: 'Cholesterol [Mass/volume] in Serum or Plasma' }]),
    hdl: { input: 'hdl', fact: 'hdl', origin: 'entered', display: '48 mg/dL', sources: [] },
    systolicBP: chart('systolicBP', 'systolicBP', '142 mmHg', [{ resourceType: 'Observation', id: 'bp-1' }, { resourceType: 'Observation', id: 'bp-2' }]),
    onBPTreatment: chart('onBPTreatment', 'onBPTreatment', 'yes', [{ resourceType: 'MedicationRequest', id: 'mr-lis' }]),
    onStatin: chart('onStatin', 'onStatin', 'no', []),
    smoker: { input: 'smoker', fact: 'smoker', origin: 'entered', display: 'yes', sources: [] },
    diabetes: chart('diabetes', 'diabetes', 'no', []),
    egfr: { input: 'egfr', fact: 'egfr', origin: 'derived', display: '88 mL/min/1.73 m²', method: 'CKD-EPI 2021 creatinine equation', sources: [{ resourceType: 'Observation', id: 'creat-1' }] },
  },
  missing: {},
};

export const RESULTS: Record<'pce' | 'prevent' | 'kfre4', ScoreResult> = {
  pce: { model: 'pce', applicable: true, reason: '', variant: 'white-female', risks: { ascvd_10y: 0.12345678 } },
  prevent: {
    model: 'prevent', applicable: true, reason: '', variant: 'base',
    risks: { cvd_10y: 0.0891234, ascvd_10y: 0.0612, hf_10y: 0.03544, cvd_30y: 0.27771, ascvd_30y: 0.19, hf_30y: 0.13104 },
  },
  kfre4: { model: 'kfre4', applicable: false, reason: 'no UACR result', variant: '', risks: {} },
};

export const MODELS: ModelResultSeen[] = (['pce', 'prevent', 'kfre4'] as const).map((id) => ({ result: RESULTS[id], card: card(id) }));

export const STATIN = suggestion('statin-primary', medication('atorvastatin', 'start', '20 mg once daily', 'moderate'), {
  physicianText: 'Intermediate risk (PCE 12.3 %): start atorvastatin 20 mg once daily (moderate intensity).',
  triggers: ['PCE 10-year ASCVD 12.3 %', 'LDL-C 162 mg/dL (2026-02-08)'],
  goal: { kind: 'ldl', text: 'LDL-C < 100 mg/dL' },
  benefit: { therapy: 'statin-moderate', absoluteReduction: 0.0309, numberNeededToTreat: 33, label: 'Moderate-intensity statin' },
});
export const ACE = suggestion('bp-stage2', medication('lisinopril', 'start', '10–40 mg once daily'), {
  topic: 'blood-pressure',
  physicianText: 'Stage 2 hypertension (BP 142/88 mmHg): start lisinopril 10–40 mg once daily, goal BP < 130/80 mmHg.',
  triggers: ['BP 142/88 mmHg (mean of 3 readings, 2025-09 to 2026-02)'],
  goal: { kind: 'bp', text: 'BP < 130/80 mmHg' },
});
export const QUIT = suggestion('smoking-counsel', { kind: 'counselling', action: 'counsel', code: CODES.smokingCessationEducation }, {
  topic: 'smoking',
  physicianText: 'Current smoker: counsel to quit at every visit.',
  triggers: ['Current smoker (entered in Tailor)'],
  goal: { kind: 'quit-date', text: 'Quit date agreed with the patient' },
});

export const PLAN: PlanToSign = {
  draftId: '3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f809a1b',
  status: 'active',
  title: 'Cardiovascular prevention plan',
  patientId: 'pt-alvarez',
  encounterId: 'enc-1',
  practitioner: 'Practitioner/dr-okafor',
  createdAt: '2026-03-10T14:02:00.000Z',
  signedAt: '2026-03-10T14:30:00.000Z',
  items: [
    { kind: 'suggestion', suggestion: STATIN, edit: { dose: '40 mg once daily', timing: 'start today' } },
    { kind: 'suggestion', suggestion: ACE, edit: {} },
    { kind: 'suggestion', suggestion: QUIT, edit: { text: 'Smoking cessation counselling today & follow-up call' } },
    { kind: 'added', id: 'own-1', text: 'Walk 30 minutes after dinner', timing: 'daily' },
  ],
  goals: [goalToSign('ldl', { set: true, text: 'LDL-C < 70 mg/dL' }), goalToSign('bp', { set: true, text: 'BP < 130/80 mmHg' }), goalToSign('quit-date', { set: true, text: '2026-04-01' })],
  models: MODELS,
  inputs: INPUTS,
  therapyBaseline: 'pce',
  addresses: [{ resourceType: 'Condition', id: 'cond-htn', display: 'Essential hypertension' }],
  rationale: 'Intermediate risk with a smoker; statin & BP goals discussed with the patient.',
  app: { name: APP.name, version: APP.version },
};
