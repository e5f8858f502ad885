/**
 * Sandbox patients whose charts have the shapes real exports (Synthea's among them) have and the other sandbox
 * patients do not: Conditions without a category, smoking status filed as a survey, a statin coded at product level
 * with a misspelt display, a GFR not indexed to body surface, two results of one draw that disagree, a deceased
 * patient, and an HbA1c below PREVENT's add-on range. One shape per patient; everything else is complete and ordinary,
 * so a test can tell the shape's effect apart. Values are invented; codes are real.
 */
import type { Coding, Condition, Patient } from 'fhir/r4';
import { Chart } from './chart.ts';
import { CONDITION, LOINC, OMB_RACE, RXNORM, SMOKING, SYSTEM, type LabCode } from './codes.ts';
import { ckdEpi2021 } from './egfr.ts';
import type { SandboxCase } from './patients.ts';

/** SNOMED CT 230690007 "Cerebrovascular accident": a past stroke, established ASCVD whatever its clinical status. */
const STROKE: Coding = { system: SYSTEM.snomed, code: '230690007', display: 'Cerebrovascular accident' };
/** LOINC 33914-3, the MDRD eGFR code, which many exports also use for a plain GFR. */
const GFR_MDRD: LabCode = { code: '33914-3', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)', unit: 'mL/min/{1.73_m2}', category: 'laboratory' };
/** RxNorm 316672 (SCDC "simvastatin 10 MG") as one synthetic data set displays it, misspelt. */
const SIMVISTATIN_10: Coding = { system: SYSTEM.rxnorm, code: '316672', display: 'Simvistatin 10 MG' };
/** An active drug no Tailor table lists: it must be shown as not recognised, not dropped. */
const ACETAMINOPHEN_325: Coding = { system: SYSTEM.rxnorm, code: '313782', display: 'Acetaminophen 325 MG Oral Tablet' };
const SURVEY = [{ coding: [{ system: SYSTEM.obsCategory, code: 'survey', display: 'Survey' }] }];
const once = 'Take 1 tablet by mouth once daily';

/** An ordinary recent panel (lipids, BP, HbA1c, creatinine with its eGFR, body size) so only the shape differs. */
function ordinary(c: Chart, v: { tc: number; hdl: number; ldl: number; sbp: number; dbp: number; hba1c: number; creatinine: number; height: number; weight: number }, daysAgo: number): void {
  c.quantity(LOINC.totalCholesterol, v.tc, daysAgo);
  c.quantity(LOINC.hdl, v.hdl, daysAgo);
  c.quantity(LOINC.ldlCalculated, v.ldl, daysAgo);
  c.bloodPressureSeparate(v.sbp, v.dbp, daysAgo);
  c.quantity(LOINC.hba1c, v.hba1c, daysAgo);
  c.quantity(LOINC.creatinine, v.creatinine, daysAgo);
  c.quantity(LOINC.egfrCkdEpi2021, ckdEpi2021(v.creatinine, c.person.age, c.person.gender), daysAgo);
  c.bodySize(v.height, v.weight, daysAgo);
}

/** A Condition as servers without categories return it: no Condition.category at all. */
function uncategorised(condition: Condition): void {
  delete condition.category;
}

function patientOf(c: Chart): Patient {
  const patient = c.resources.find((r): r is Patient => r.resourceType === 'Patient');
  if (!patient) throw new Error('the chart has no Patient');
  return patient;
}

export const CHART_SHAPE_CASES: readonly SandboxCase[] = [
  {
    person: { id: 'uncategorised-conditions', given: 'Harold', family: 'Jensen', gender: 'male', age: 67, daysPastBirthday: 150, mrn: 'SBX-2001', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '67-year-old man with a past stroke and hypertension recorded as Conditions without any category: secondary prevention, found only by the uncategorised search.',
    build(c) {
      uncategorised(c.condition(STROKE, 1460, { clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'resolved', display: 'Resolved' }] } }));
      uncategorised(c.condition(CONDITION.hypertension, 2200));
      c.medication({ drug: RXNORM.lisinopril10, startedDaysAgo: 2100, dosage: once, timesPerDay: 1 });
      c.smoking(SMOKING.never, 30);
      ordinary(c, { tc: 198, hdl: 48, ldl: 118, sbp: 136, dbp: 84, hba1c: 5.7, creatinine: 1.0, height: 178, weight: 84 }, 30);
    },
  },
  {
    person: { id: 'survey-smoking', given: 'Maria', family: 'Santos', gender: 'female', age: 52, daysPastBirthday: 60, mrn: 'SBX-2002', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '52-year-old woman who smokes every day, her only smoking status filed under category survey (not social-history).',
    build(c) {
      c.coded(LOINC.smokingStatus, { coding: [SMOKING.everyDay], text: SMOKING.everyDay.display }, 25, { category: SURVEY });
      ordinary(c, { tc: 214, hdl: 52, ldl: 134, sbp: 128, dbp: 80, hba1c: 5.5, creatinine: 0.8, height: 163, weight: 66 }, 25);
    },
  },
  {
    person: { id: 'product-statin', given: 'Walter', family: 'Brooks', gender: 'male', age: 63, daysPastBirthday: 210, mrn: 'SBX-2003', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '63-year-old man on simvastatin coded only as RxNorm product 316672 with the display "Simvistatin 10 MG", and on acetaminophen, which Tailor does not read.',
    build(c) {
      c.medication({ drug: SIMVISTATIN_10, startedDaysAgo: 700, dosage: once, timesPerDay: 1 });
      c.medication({ drug: ACETAMINOPHEN_325, startedDaysAgo: 90, dosage: once, timesPerDay: 1 });
      c.smoking(SMOKING.never, 40);
      ordinary(c, { tc: 176, hdl: 50, ldl: 98, sbp: 124, dbp: 78, hba1c: 5.6, creatinine: 0.95, height: 175, weight: 80 }, 40);
    },
  },
  {
    person: { id: 'gfr-not-indexed', given: 'Ruth', family: 'Adler', gender: 'female', age: 71, daysPastBirthday: 45, mrn: 'SBX-2004', practitionerId: 'dr-nair', race: OMB_RACE.white },
    summary: '71-year-old woman whose only GFR result is in plain mL/min (not per 1.73 m²): refused as an eGFR, which is calculated from the creatinine instead.',
    build(c) {
      c.smoking(SMOKING.former, 35);
      c.quantity(LOINC.totalCholesterol, 220, 35);
      c.quantity(LOINC.hdl, 61, 35);
      c.bloodPressureSeparate(132, 78, 35);
      c.quantity(LOINC.hba1c, 5.8, 35);
      c.quantity(LOINC.creatinine, 1.2, 35);
      c.quantity(GFR_MDRD, 44, 35, { valueQuantity: { value: 44, unit: 'mL/min', system: SYSTEM.ucum, code: 'mL/min' } });
      c.bodySize(160, 62, 35);
    },
  },
  {
    person: { id: 'same-time-conflict', given: 'Kevin', family: "O'Brien", gender: 'male', age: 58, daysPastBirthday: 300, mrn: 'SBX-2005', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '58-year-old man with two final total cholesterol results of one draw (212 and 248 mg/dL, neither used) and an HDL of 44 mg/dL corrected to 52 at the same time (52 used).',
    build(c) {
      c.smoking(SMOKING.never, 20);
      c.quantity(LOINC.totalCholesterol, 212, 20);
      c.quantity(LOINC.totalCholesterol, 248, 20);
      c.quantity(LOINC.hdl, 44, 20);
      c.quantity(LOINC.hdl, 52, 20, { status: 'corrected' });
      c.bloodPressureSeparate(130, 82, 20);
      c.quantity(LOINC.hba1c, 5.4, 20);
      c.quantity(LOINC.creatinine, 0.9, 20);
      c.quantity(LOINC.egfrCkdEpi2021, ckdEpi2021(0.9, 58, 'male'), 20);
      c.bodySize(182, 88, 20);
    },
  },
  {
    person: { id: 'deceased', given: 'Eleanor', family: 'Whitfield', gender: 'female', age: 74, daysPastBirthday: 100, mrn: 'SBX-2006', practitionerId: 'dr-reyes', race: OMB_RACE.white },
    summary: 'Woman who died 400 days ago aged 73 (Patient.deceasedDateTime); her chart is complete up to then: the banner says deceased and no risk is estimated.',
    build(c) {
      patientOf(c).deceasedDateTime = c.at(400);
      c.smoking(SMOKING.never, 420);
      ordinary(c, { tc: 204, hdl: 58, ldl: 120, sbp: 142, dbp: 80, hba1c: 5.9, creatinine: 0.9, height: 158, weight: 60 }, 420);
    },
  },
  {
    person: { id: 'low-hba1c', given: 'Priya', family: 'Raman', gender: 'female', age: 48, daysPastBirthday: 20, mrn: 'SBX-2007', practitionerId: 'dr-okafor', race: OMB_RACE.asian },
    summary: "48-year-old woman with HbA1c 4.2 %, below the 4.5–15 % range of PREVENT's HbA1c add-on: PREVENT is computed without it, and says so.",
    build(c) {
      c.smoking(SMOKING.never, 15);
      ordinary(c, { tc: 190, hdl: 62, ldl: 108, sbp: 118, dbp: 74, hba1c: 4.2, creatinine: 0.7, height: 160, weight: 55 }, 15);
    },
  },
];
