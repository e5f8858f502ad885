/**
 * The sandbox's synthetic patients. Each case exists to exercise one thing the app must get right; its summary
 * says what. All values are invented; codes are real (see codes.ts). Days are counted back from today.
 */
import { Chart } from './chart.ts';
import type { PersonSpec } from './chart.ts';
import { CONDITION, LOINC, OMB_RACE, RELATIONSHIP, RXNORM, SMOKING, STATIN_CLASS, SYSTEM } from './codes.ts';
import { ckdEpi2021 } from './egfr.ts';
import { buildHeavyChart } from './heavy.ts';

export interface SandboxCase {
  person: PersonSpec;
  summary: string;
  build(chart: Chart): void;
}

interface Lipids {
  tc: number;
  hdl: number;
  ldl: number;
  tg: number;
}

/** A conventional-unit lipid panel; LDL is the Friedewald calculation (TC − HDL − TG/5) the values were chosen to fit. */
function lipids(c: Chart, v: Lipids, daysAgo: number): void {
  c.quantity(LOINC.totalCholesterol, v.tc, daysAgo);
  c.quantity(LOINC.hdl, v.hdl, daysAgo);
  c.quantity(LOINC.ldlCalculated, v.ldl, daysAgo);
  c.quantity(LOINC.triglycerides, v.tg, daysAgo);
}

function kidney(c: Chart, creatinine: number, daysAgo: number): void {
  c.quantity(LOINC.creatinine, creatinine, daysAgo);
  c.quantity(LOINC.egfrCkdEpi2021, ckdEpi2021(creatinine, c.person.age, c.person.gender), daysAgo);
}

const once = 'Take 1 tablet by mouth once daily';
const twice = 'Take 1 tablet by mouth twice daily';

export const CASES: readonly SandboxCase[] = [
  {
    person: { id: 'typical-woman', given: 'Anna', family: 'Weber', gender: 'female', age: 55, daysPastBirthday: 120, mrn: 'SBX-1001', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '55-year-old woman, never smoker, normal BP, lipids and HbA1c, every value recent and complete: low 10-year risk.',
    build(c) {
      c.smoking(SMOKING.never, 45);
      c.smoking(SMOKING.never, 410);
      lipids(c, { tc: 186, hdl: 64, ldl: 102, tg: 98 }, 45);
      lipids(c, { tc: 192, hdl: 61, ldl: 110, tg: 104 }, 410);
      c.bloodPressureSeparate(118, 76, 45);
      c.bloodPressureSeparate(122, 78, 410);
      c.quantity(LOINC.heartRate, 68, 45);
      c.bodySize(165, 64, 45);
      c.quantity(LOINC.hba1c, 5.3, 45);
      c.quantity(LOINC.glucose, 92, 45);
      kidney(c, 0.78, 45);
      c.quantity(LOINC.uacr, 8, 45);
      c.familyHistory(RELATIONSHIP.mother, CONDITION.hypertension, 60);
    },
  },
  {
    person: { id: 'smoker-diabetic', given: 'Robert', family: 'Kowalski', gender: 'male', age: 61, daysPastBirthday: 200, mrn: 'SBX-1002', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '61-year-old man, daily smoker with type 2 diabetes and hypertension on lisinopril and amlodipine, low HDL: high risk.',
    build(c) {
      c.smoking(SMOKING.everyDay, 20);
      c.smoking(SMOKING.everyDay, 380);
      c.condition(CONDITION.diabetesType2, 2920);
      c.condition(CONDITION.hypertension, 3650);
      c.condition(CONDITION.obesity, 2000);
      c.medication({ drug: RXNORM.lisinopril10, startedDaysAgo: 3000, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.amlodipine5, startedDaysAgo: 1500, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.metforminEr500, startedDaysAgo: 2900, dosage: twice, timesPerDay: 2 });
      lipids(c, { tc: 236, hdl: 36, ldl: 152, tg: 240 }, 20);
      c.bloodPressureSeparate(152, 94, 20);
      c.bloodPressureSeparate(148, 90, 200);
      c.quantity(LOINC.hba1c, 8.2, 20);
      c.quantity(LOINC.glucose, 168, 20);
      kidney(c, 1.02, 20);
      c.quantity(LOINC.uacr, 42, 20);
      c.bodySize(178, 101, 20);
      c.familyHistory(RELATIONSHIP.father, CONDITION.myocardialInfarction, 54);
    },
  },
  {
    person: { id: 'ldl-190', given: 'Daniel', family: 'Okonkwo', gender: 'male', age: 44, daysPastBirthday: 33, mrn: 'SBX-1003', practitionerId: 'dr-okafor', race: OMB_RACE.black },
    summary: '44-year-old man with untreated LDL 214 mg/dL (≥ 190): statin indicated whatever the risk score.',
    build(c) {
      c.smoking(SMOKING.never, 30);
      c.condition(CONDITION.hypercholesterolemia, 395);
      lipids(c, { tc: 292, hdl: 46, ldl: 214, tg: 160 }, 30);
      lipids(c, { tc: 286, hdl: 44, ldl: 208, tg: 170 }, 395);
      c.bloodPressureSeparate(126, 80, 30);
      c.bodySize(182, 84, 30);
      c.quantity(LOINC.hba1c, 5.4, 30);
      kidney(c, 0.95, 30);
      c.familyHistory(RELATIONSHIP.mother, CONDITION.myocardialInfarction, 58);
    },
  },
  {
    person: { id: 'ckd-3b', given: 'Margaret', family: 'Ellison', gender: 'female', age: 68, daysPastBirthday: 75, mrn: 'SBX-1004', practitionerId: 'dr-nair', race: OMB_RACE.white },
    summary: '68-year-old woman with CKD stage 3b: creatinine 1.35 mg/dL and urine ACR 85 mg/g, but no eGFR observation (compute it).',
    build(c) {
      c.smoking(SMOKING.former, 25);
      c.condition(CONDITION.ckdStage3b, 700);
      c.condition(CONDITION.hypertension, 4000);
      c.medication({ drug: RXNORM.lisinopril20, startedDaysAgo: 2000, dosage: once, timesPerDay: 1 });
      // Creatinine and ACR only: this chart deliberately has no eGFR (the app must compute CKD-EPI itself).
      c.quantity(LOINC.creatinine, 1.35, 25);
      c.quantity(LOINC.creatinine, 1.3, 200);
      c.quantity(LOINC.uacr, 85, 25);
      c.quantity(LOINC.uacr, 72, 200);
      c.quantity(LOINC.potassium, 4.9, 25);
      lipids(c, { tc: 205, hdl: 52, ldl: 121, tg: 160 }, 25);
      c.bloodPressureSeparate(138, 82, 25);
      c.bodySize(160, 70, 25);
      c.quantity(LOINC.hba1c, 5.8, 25);
    },
  },
  {
    person: { id: 'age-35', given: 'Jamal', family: 'Carter', gender: 'male', age: 35, daysPastBirthday: 160, mrn: 'SBX-1005', practitionerId: 'dr-okafor', race: OMB_RACE.black },
    summary: '35-year-old man with ordinary values: below the 40–79 age range of the pooled cohort equations.',
    build(c) {
      c.smoking(SMOKING.never, 60);
      lipids(c, { tc: 204, hdl: 47, ldl: 131, tg: 130 }, 60);
      c.bloodPressureSeparate(124, 78, 60);
      c.bodySize(175, 80, 60);
      c.quantity(LOINC.hba1c, 5.2, 60);
      kidney(c, 1.0, 60);
    },
  },
  {
    person: { id: 'age-82', given: 'Dorothy', family: 'Hughes', gender: 'female', age: 82, daysPastBirthday: 290, mrn: 'SBX-1006', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '82-year-old woman with treated hypertension: above the age range of the risk equations (PCE 40–79, PREVENT 30–79).',
    build(c) {
      c.smoking(SMOKING.former, 90);
      c.condition(CONDITION.hypertension, 7300);
      c.medication({ drug: RXNORM.hydrochlorothiazide25, startedDaysAgo: 5000, dosage: once, timesPerDay: 1 });
      lipids(c, { tc: 212, hdl: 58, ldl: 128, tg: 130 }, 90);
      c.bloodPressureSeparate(146, 78, 90);
      c.bodySize(158, 61, 90);
      c.quantity(LOINC.hba1c, 5.9, 90);
      kidney(c, 0.95, 90);
    },
  },
  {
    person: { id: 'si-units', given: 'Sofia', family: 'Lindqvist', gender: 'female', age: 59, daysPastBirthday: 45, mrn: 'SBX-1007', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '59-year-old woman whose labs are all in SI units (mmol/L, µmol/L, mmol/mol, mg/mmol) under the SI LOINC codes.',
    build(c) {
      c.smoking(SMOKING.never, 40);
      // Friedewald in mmol/L: LDL = TC − HDL − TG/2.2 → 5.6 − 1.5 − 0.68 ≈ 3.4.
      c.quantity(LOINC.totalCholesterolSI, 5.6, 40);
      c.quantity(LOINC.hdlSI, 1.5, 40);
      c.quantity(LOINC.ldlCalculatedSI, 3.4, 40);
      c.quantity(LOINC.triglyceridesSI, 1.5, 40);
      c.quantity(LOINC.creatinineSI, 70, 40);
      c.quantity(LOINC.glucoseSI, 5.3, 40);
      c.quantity(LOINC.hba1cIFCC, 36, 40);
      c.quantity(LOINC.uacrSI, 1.1, 40);
      c.bloodPressureSeparate(128, 80, 40);
      c.bodySize(168, 70, 40);
    },
  },
  {
    person: { id: 'ascvd-statin', given: 'William', family: 'Brennan', gender: 'male', age: 66, daysPastBirthday: 250, mrn: 'SBX-1008', practitionerId: 'dr-reyes', race: OMB_RACE.white },
    summary: '66-year-old man with a myocardial infarction 3 years ago, on atorvastatin 80 mg (high intensity): secondary prevention.',
    build(c) {
      c.smoking(SMOKING.former, 50);
      c.condition(CONDITION.myocardialInfarction, 1100, {
        clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'inactive', display: 'Inactive' }] },
      });
      c.condition(CONDITION.coronaryArteriosclerosis, 1100);
      c.condition(CONDITION.hypertension, 3000);
      c.condition(CONDITION.hyperlipidemia, 1500);
      c.medication({ drug: RXNORM.simvastatin20, startedDaysAgo: 1500, dosage: once, timesPerDay: 1, status: 'stopped' });
      c.medication({ drug: RXNORM.atorvastatin80, startedDaysAgo: 1095, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.aspirin81, startedDaysAgo: 1100, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.clopidogrel75, startedDaysAgo: 1100, dosage: once, timesPerDay: 1, status: 'completed' });
      c.medication({ drug: RXNORM.metoprololSuccinate100, startedDaysAgo: 1095, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.lisinopril10, startedDaysAgo: 1095, dosage: once, timesPerDay: 1 });
      lipids(c, { tc: 240, hdl: 40, ldl: 166, tg: 170 }, 1200);
      lipids(c, { tc: 138, hdl: 42, ldl: 70, tg: 130 }, 50);
      c.bloodPressureSeparate(128, 76, 50);
      c.bodySize(176, 88, 50);
      c.quantity(LOINC.hba1c, 5.7, 50);
      kidney(c, 1.05, 50);
    },
  },
  {
    person: { id: 'stale-missing', given: 'Linda', family: 'Park', gender: 'female', age: 58, daysPastBirthday: 300, mrn: 'SBX-1009', practitionerId: 'dr-okafor' },
    summary: '58-year-old woman whose last lipids (3 years) and BP (2.5 years) are stale; HDL, smoking status, HbA1c, height and race were never recorded.',
    build(c) {
      c.quantity(LOINC.totalCholesterol, 215, 1150);
      c.quantity(LOINC.ldlDirect, 135, 1150);
      c.quantity(LOINC.triglycerides, 140, 1150);
      c.bloodPressureSeparate(134, 84, 900);
      c.quantity(LOINC.bodyWeight, 72, 900);
    },
  },
  {
    person: { id: 'slco1b1', given: 'Thomas', family: 'Meyer', gender: 'male', age: 57, daysPastBirthday: 180, mrn: 'SBX-1010', practitionerId: 'dr-reyes', race: OMB_RACE.white },
    summary: '57-year-old man with LDL 172 mg/dL and SLCO1B1 rs4149056 T/C (decreased function): statin choice and dose matter.',
    build(c) {
      c.smoking(SMOKING.never, 35);
      c.condition(CONDITION.hyperlipidemia, 320);
      lipids(c, { tc: 248, hdl: 44, ldl: 172, tg: 160 }, 35);
      c.bloodPressureSeparate(130, 82, 35);
      c.bodySize(180, 86, 35);
      c.quantity(LOINC.hba1c, 5.5, 35);
      kidney(c, 0.98, 35);
      // Genomics Reporting IG shape: a genotype with gene and variant components, and its functional interpretation.
      const genotype = c.coded(LOINC.genotypeDisplay, { text: 'SLCO1B1 rs4149056 T/C' }, 300, {
        component: [
          { code: { coding: [{ system: SYSTEM.loinc, code: LOINC.geneStudied.code, display: LOINC.geneStudied.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEM.hgnc, code: 'HGNC:10959', display: 'SLCO1B1' }] } },
          { code: { coding: [{ system: SYSTEM.loinc, code: LOINC.dbSnpId.code, display: LOINC.dbSnpId.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEM.dbsnp, code: 'rs4149056', display: 'rs4149056' }] } },
        ],
      });
      c.coded(LOINC.slco1b1Function, { text: 'Decreased function' }, 300, {
        derivedFrom: [{ reference: `Observation/${genotype.id}` }],
        note: [{ text: 'CPIC SLCO1B1 phenotype: decreased function (one rs4149056 C allele).' }],
      });
    },
  },
  {
    person: { id: 'statin-intolerance', given: 'Patricia', family: 'Nguyen', gender: 'female', age: 63, daysPastBirthday: 20, mrn: 'SBX-1011', practitionerId: 'dr-okafor', race: OMB_RACE.asian },
    summary: '63-year-old woman with type 2 diabetes and LDL 158 mg/dL who stopped simvastatin for muscle pain: statin intolerance in AllergyIntolerance.',
    build(c) {
      c.smoking(SMOKING.never, 30);
      c.condition(CONDITION.diabetesType2, 2000);
      c.medication({ drug: RXNORM.metforminEr500, startedDaysAgo: 1990, dosage: twice, timesPerDay: 2 });
      c.medication({ drug: RXNORM.simvastatin20, startedDaysAgo: 800, dosage: once, timesPerDay: 1, status: 'stopped' });
      c.allergy({ coding: [STATIN_CLASS], text: 'Statins' }, 700, {
        type: 'intolerance',
        category: ['medication'],
        criticality: 'low',
        onsetDateTime: c.at(720),
        reaction: [
          {
            substance: { coding: [RXNORM.simvastatinIngredient], text: 'simvastatin' },
            manifestation: [{ coding: [CONDITION.muscleAche], text: 'Muscle pain' }],
            severity: 'moderate',
          },
        ],
      });
      lipids(c, { tc: 238, hdl: 50, ldl: 158, tg: 150 }, 30);
      c.quantity(LOINC.ck, 140, 30);
      c.bloodPressureSeparate(132, 80, 30);
      c.bodySize(162, 74, 30);
      c.quantity(LOINC.hba1c, 7.1, 30);
      kidney(c, 0.82, 30);
    },
  },
  {
    person: { id: 'bp-panel', given: 'George', family: 'Alvarez', gender: 'male', age: 52, daysPastBirthday: 90, mrn: 'SBX-1012', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '52-year-old man with treated hypertension whose blood pressure exists only as 85354-9 panels (components 8480-6/8462-4).',
    build(c) {
      c.smoking(SMOKING.former, 15);
      c.condition(CONDITION.hypertension, 400);
      c.medication({ drug: RXNORM.amlodipine5, startedDaysAgo: 380, dosage: once, timesPerDay: 1 });
      c.bloodPressurePanel(142, 88, 15);
      c.bloodPressurePanel(138, 86, 120);
      c.bloodPressurePanel(144, 90, 300);
      lipids(c, { tc: 210, hdl: 45, ldl: 137, tg: 140 }, 15);
      c.bodySize(174, 90, 15);
      c.quantity(LOINC.hba1c, 5.6, 15);
      kidney(c, 1.1, 15);
    },
  },
  {
    person: { id: 'data-quality', given: 'Helen', family: 'Foster', gender: 'female', age: 60, daysPastBirthday: 210, mrn: 'SBX-1013', practitionerId: 'dr-okafor', race: OMB_RACE.black },
    summary: '60-year-old woman whose newest LDL (411 mg/dL) is entered-in-error and newest HDL has a dataAbsentReason: older valid values apply.',
    build(c) {
      c.smoking(SMOKING.never, 10);
      lipids(c, { tc: 200, hdl: 58, ldl: 118, tg: 120 }, 200);
      c.quantity(LOINC.totalCholesterol, 196, 10);
      c.quantity(LOINC.triglycerides, 118, 10);
      c.quantity(LOINC.ldlCalculated, 411, 10, { status: 'entered-in-error' });
      c.observationWithoutValue(LOINC.hdl, 10, { system: SYSTEM.dataAbsentReason, code: 'error', display: 'Error' });
      c.bloodPressureSeparate(126, 80, 10);
      c.bodySize(166, 68, 10);
      c.quantity(LOINC.hba1c, 5.6, 10);
      kidney(c, 0.8, 10);
    },
  },
  {
    person: { id: 'heavy-chart', given: 'Richard', family: 'Stone', gender: 'male', age: 64, daysPastBirthday: 140, mrn: 'SBX-1014', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '64-year-old man with 10 years of vitals every 3 days and monthly labs (more than 5,000 Observations): performance and paging.',
    build: buildHeavyChart,
  },
  {
    person: { id: 'cyp2c19-poor', given: 'Kenji', family: 'Sato', gender: 'male', age: 59, daysPastBirthday: 150, mrn: 'SBX-1031', practitionerId: 'dr-reyes', race: OMB_RACE.asian },
    summary: '59-year-old man with a coronary stent (PCI) 6 months ago on clopidogrel, aspirin and atorvastatin 40 mg, CYP2C19 *2/*2 (poor metabolizer): clopidogrel will not work well.',
    build(c) {
      c.smoking(SMOKING.former, 40);
      // The stent was placed for coronary disease diagnosed at the same admission.
      c.condition(CONDITION.coronaryArteriosclerosis, 185);
      c.condition(CONDITION.hyperlipidemia, 1500);
      c.medication({ drug: RXNORM.clopidogrel75, startedDaysAgo: 182, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.aspirin81, startedDaysAgo: 182, dosage: once, timesPerDay: 1 });
      c.medication({ drug: RXNORM.atorvastatin40, startedDaysAgo: 182, dosage: once, timesPerDay: 1 });
      lipids(c, { tc: 150, hdl: 45, ldl: 78, tg: 135 }, 40);
      c.bloodPressureSeparate(126, 78, 40);
      c.bodySize(170, 72, 40);
      c.quantity(LOINC.hba1c, 5.6, 40);
      kidney(c, 0.95, 40);
      // Genomics Reporting IG shape: the genotype (gene studied HGNC:2621, diplotype) and its metabolizer phenotype.
      const genotype = c.coded(LOINC.genotypeDisplay, { text: 'CYP2C19 *2/*2' }, 175, {
        component: [
          { code: { coding: [{ system: SYSTEM.loinc, code: LOINC.geneStudied.code, display: LOINC.geneStudied.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEM.hgnc, code: 'HGNC:2621', display: 'CYP2C19' }] } },
        ],
      });
      c.coded(LOINC.cyp2c19Phenotype, { text: 'Poor metabolizer' }, 175, {
        derivedFrom: [{ reference: `Observation/${genotype.id}` }],
        note: [{ text: 'CPIC CYP2C19 phenotype: poor metabolizer (two no-function alleles).' }],
      });
    },
  },
  {
    person: { id: 'acei-angioedema', given: 'Gloria', family: 'Mensah', gender: 'female', age: 66, daysPastBirthday: 230, mrn: 'SBX-1032', practitionerId: 'dr-nair', race: OMB_RACE.black },
    summary: '66-year-old woman with hypertension and CKD G3a with albuminuria (ACR 120 mg/g) who had angioedema on lisinopril, now on amlodipine: an ACE inhibitor is ruled out.',
    build(c) {
      c.smoking(SMOKING.never, 30);
      c.condition(CONDITION.hypertension, 3000);
      c.condition(CONDITION.ckdStage3a, 420);
      c.medication({ drug: RXNORM.lisinopril10, startedDaysAgo: 900, dosage: once, timesPerDay: 1, status: 'stopped' });
      c.medication({ drug: RXNORM.amlodipine10, startedDaysAgo: 398, dosage: once, timesPerDay: 1 });
      c.allergy({ coding: [RXNORM.lisinoprilIngredient], text: 'Lisinopril' }, 400, {
        type: 'allergy',
        category: ['medication'],
        criticality: 'high',
        onsetDateTime: c.at(402),
        reaction: [
          {
            substance: { coding: [RXNORM.lisinoprilIngredient], text: 'lisinopril' },
            manifestation: [{ coding: [CONDITION.angioedema], text: 'Angioedema of lips and tongue' }],
            severity: 'severe',
          },
        ],
      });
      kidney(c, 1.1, 30);
      kidney(c, 1.05, 200);
      c.quantity(LOINC.uacr, 120, 30);
      c.quantity(LOINC.uacr, 95, 200);
      c.quantity(LOINC.potassium, 4.6, 30);
      lipids(c, { tc: 196, hdl: 54, ldl: 112, tg: 150 }, 30);
      c.bloodPressureSeparate(136, 82, 30);
      c.bloodPressureSeparate(140, 84, 200);
      c.bodySize(163, 78, 30);
      c.quantity(LOINC.hba1c, 5.7, 30);
    },
  },
  {
    person: { id: 'home-bp', given: 'Karen', family: 'Brooks', gender: 'female', age: 48, daysPastBirthday: 60, mrn: 'SBX-1033', practitionerId: 'dr-okafor', race: OMB_RACE.white },
    summary: '48-year-old woman, untreated, with office SBP 142 and 143 but two weeks of home readings averaging 128/80: white-coat effect, office BP alone would overstate it.',
    build(c) {
      c.smoking(SMOKING.never, 20);
      c.bloodPressureSeparate(142, 88, 20);
      c.bloodPressureSeparate(143, 90, 48);
      // One morning reading a day for the 14 days before today: systolic mean 1792 / 14 = 128, diastolic 1120 / 14 = 80.
      const home: [number, number][] = [
        [126, 80], [130, 82], [128, 79], [127, 81], [129, 78], [131, 80], [125, 81],
        [128, 79], [130, 80], [126, 82], [127, 78], [129, 80], [128, 81], [128, 79],
      ];
      home.forEach(([sys, dia], i) => c.homeBloodPressure(sys, dia, i + 1));
      lipids(c, { tc: 205, hdl: 58, ldl: 125, tg: 110 }, 20);
      c.bodySize(168, 70, 20);
      c.quantity(LOINC.hba1c, 5.4, 20);
      kidney(c, 0.8, 20);
    },
  },
];
