import { SYSTEM, type CodeRef } from '../codes.ts';
import type { StatinIntensity } from '../types.ts';

/**
 * Drug classes by RxNorm ingredient (RXCUI of the IN term type, RxNorm, NLM). Products (SCD/SBD) are recognised
 * by their ingredient coding, by Medication.ingredient, or by the RxNorm normalised name of an RxNorm-coded product
 * ("atorvastatin 40 MG Oral Tablet"); sites add their own product codes in config/site-codes.json.
 */
export interface DrugClass {
  key: string;
  label: string;
  /** Counts as antihypertensive treatment (on BP treatment). */
  antihypertensive?: boolean;
  /** Glucose-lowering: 'specific' classes imply diabetes; 'non-specific' have other indications (prediabetes, HF, CKD, obesity). */
  glucoseLowering?: 'specific' | 'non-specific';
  ingredients: { name: string; rxcui: string }[];
  /** Where the codes come from. */
  source: string;
}

const RXNORM = 'RxNorm (NLM), ingredient (TTY=IN) RXCUIs';

export const DRUG_CLASSES: readonly DrugClass[] = [
  { key: 'statin', label: 'Statin', source: RXNORM, ingredients: [
    { name: 'atorvastatin', rxcui: '83367' }, { name: 'rosuvastatin', rxcui: '301542' }, { name: 'simvastatin', rxcui: '36567' },
    { name: 'pravastatin', rxcui: '42463' }, { name: 'lovastatin', rxcui: '6472' }, { name: 'fluvastatin', rxcui: '41127' },
    { name: 'pitavastatin', rxcui: '861634' },
  ] },
  { key: 'ezetimibe', label: 'Ezetimibe', source: RXNORM, ingredients: [{ name: 'ezetimibe', rxcui: '341248' }] },
  { key: 'pcsk9i', label: 'PCSK9 inhibitor', source: RXNORM, ingredients: [{ name: 'evolocumab', rxcui: '1665684' }, { name: 'alirocumab', rxcui: '1659152' }] },
  { key: 'aceInhibitor', label: 'ACE inhibitor', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'lisinopril', rxcui: '29046' }, { name: 'enalapril', rxcui: '3827' }, { name: 'ramipril', rxcui: '35296' },
    { name: 'benazepril', rxcui: '18867' }, { name: 'captopril', rxcui: '1998' }, { name: 'quinapril', rxcui: '35208' },
    { name: 'perindopril', rxcui: '54552' }, { name: 'fosinopril', rxcui: '50166' },
  ] },
  { key: 'arb', label: 'Angiotensin receptor blocker', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'losartan', rxcui: '52175' }, { name: 'valsartan', rxcui: '69749' }, { name: 'irbesartan', rxcui: '83818' },
    { name: 'olmesartan', rxcui: '321064' }, { name: 'candesartan', rxcui: '214354' }, { name: 'telmisartan', rxcui: '73494' },
  ] },
  { key: 'ccb', label: 'Calcium channel blocker', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'amlodipine', rxcui: '17767' }, { name: 'nifedipine', rxcui: '7417' }, { name: 'felodipine', rxcui: '4316' },
    { name: 'diltiazem', rxcui: '3443' }, { name: 'verapamil', rxcui: '11170' },
  ] },
  { key: 'thiazide', label: 'Thiazide or thiazide-like diuretic', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'hydrochlorothiazide', rxcui: '5487' }, { name: 'chlorthalidone', rxcui: '2409' }, { name: 'indapamide', rxcui: '5764' },
  ] },
  { key: 'betaBlocker', label: 'Beta blocker', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'metoprolol', rxcui: '6918' }, { name: 'atenolol', rxcui: '1202' }, { name: 'carvedilol', rxcui: '20352' },
    { name: 'bisoprolol', rxcui: '19484' }, { name: 'propranolol', rxcui: '8787' }, { name: 'nebivolol', rxcui: '31555' },
  ] },
  { key: 'mra', label: 'Mineralocorticoid receptor antagonist', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'spironolactone', rxcui: '9997' }, { name: 'eplerenone', rxcui: '298869' },
  ] },
  { key: 'loopDiuretic', label: 'Loop diuretic', source: RXNORM, antihypertensive: true, ingredients: [{ name: 'furosemide', rxcui: '4603' }, { name: 'torsemide', rxcui: '38413' }, { name: 'bumetanide', rxcui: '1808' }] },
  { key: 'otherAntihypertensive', label: 'Other antihypertensive', source: RXNORM, antihypertensive: true, ingredients: [
    { name: 'hydralazine', rxcui: '5470' }, { name: 'clonidine', rxcui: '2599' }, { name: 'doxazosin', rxcui: '49276' }, { name: 'minoxidil', rxcui: '6984' },
  ] },
  { key: 'metformin', label: 'Metformin', source: RXNORM, glucoseLowering: 'non-specific', ingredients: [{ name: 'metformin', rxcui: '6809' }] },
  { key: 'sglt2i', label: 'SGLT2 inhibitor', source: RXNORM, glucoseLowering: 'non-specific', ingredients: [
    { name: 'empagliflozin', rxcui: '1545653' }, { name: 'dapagliflozin', rxcui: '1488564' }, { name: 'canagliflozin', rxcui: '1373458' }, { name: 'ertugliflozin', rxcui: '1992672' },
  ] },
  { key: 'glp1ra', label: 'GLP-1 receptor agonist', source: RXNORM, glucoseLowering: 'non-specific', ingredients: [
    { name: 'semaglutide', rxcui: '1991302' }, { name: 'liraglutide', rxcui: '475968' }, { name: 'dulaglutide', rxcui: '1551291' },
    { name: 'exenatide', rxcui: '60548' }, { name: 'tirzepatide', rxcui: '2601723' },
  ] },
  { key: 'insulin', label: 'Insulin', source: RXNORM, glucoseLowering: 'specific', ingredients: [
    { name: 'insulin glargine', rxcui: '274783' }, { name: 'insulin lispro', rxcui: '86009' }, { name: 'insulin aspart', rxcui: '51428' },
    { name: 'insulin detemir', rxcui: '139825' }, { name: 'insulin degludec', rxcui: '1670007' }, { name: 'insulin, regular, human', rxcui: '253182' },
    // NPH, also the 70 % part of premixed human insulin 70/30 (RXCUI not confirmed against an NLM listing here).
    { name: 'insulin isophane, human', rxcui: '253181' },
  ] },
  { key: 'sulfonylurea', label: 'Sulfonylurea', source: RXNORM, glucoseLowering: 'specific', ingredients: [
    { name: 'glipizide', rxcui: '4821' }, { name: 'glimepiride', rxcui: '25789' }, { name: 'glyburide', rxcui: '4815' },
  ] },
  { key: 'dpp4i', label: 'DPP-4 inhibitor', source: RXNORM, glucoseLowering: 'specific', ingredients: [{ name: 'sitagliptin', rxcui: '593411' }, { name: 'linagliptin', rxcui: '1100699' }] },
  { key: 'tzd', label: 'Thiazolidinedione', source: RXNORM, glucoseLowering: 'specific', ingredients: [{ name: 'pioglitazone', rxcui: '33738' }] },
  { key: 'antiplatelet', label: 'Antiplatelet', source: RXNORM, ingredients: [
    { name: 'aspirin', rxcui: '1191' }, { name: 'clopidogrel', rxcui: '32968' }, { name: 'prasugrel', rxcui: '613391' }, { name: 'ticagrelor', rxcui: '1116632' },
  ] },
  { key: 'anticoagulant', label: 'Anticoagulant', source: RXNORM, ingredients: [
    { name: 'warfarin', rxcui: '11289' }, { name: 'apixaban', rxcui: '1364430' }, { name: 'rivaroxaban', rxcui: '1114195' },
    { name: 'dabigatran', rxcui: '1546356' }, { name: 'edoxaban', rxcui: '1599538' },
  ] },
  // First-line smoking-cessation medicines (2019 ACC/AHA primary prevention guideline §4.7; USPSTF 2021).
  { key: 'smokingCessation', label: 'Smoking-cessation medicine', source: RXNORM, ingredients: [
    { name: 'varenicline', rxcui: '591622' }, { name: 'nicotine', rxcui: '7407' }, { name: 'bupropion', rxcui: '42347' },
  ] },
];

export function ingredientCode(rxcui: string, name: string): CodeRef {
  return { system: SYSTEM.rxnorm, code: rxcui, display: name };
}

/**
 * Statin intensity by daily dose, 2018 AHA/ACC cholesterol guideline Table 3 (Grundy SM et al., Circulation
 * 2019;139:e1082–e1143). Ranges are inclusive [min, max] mg/day.
 */
export const STATIN_INTENSITY: readonly { ingredient: string; intensity: StatinIntensity; mg: [number, number] }[] = [
  { ingredient: 'atorvastatin', intensity: 'high', mg: [40, 80] },
  { ingredient: 'atorvastatin', intensity: 'moderate', mg: [10, 20] },
  { ingredient: 'rosuvastatin', intensity: 'high', mg: [20, 40] },
  { ingredient: 'rosuvastatin', intensity: 'moderate', mg: [5, 10] },
  { ingredient: 'simvastatin', intensity: 'moderate', mg: [20, 40] },
  { ingredient: 'simvastatin', intensity: 'low', mg: [10, 10] },
  { ingredient: 'pravastatin', intensity: 'moderate', mg: [40, 80] },
  { ingredient: 'pravastatin', intensity: 'low', mg: [10, 20] },
  { ingredient: 'lovastatin', intensity: 'moderate', mg: [40, 80] },
  { ingredient: 'lovastatin', intensity: 'low', mg: [20, 20] },
  { ingredient: 'fluvastatin', intensity: 'moderate', mg: [80, 80] },
  { ingredient: 'fluvastatin', intensity: 'low', mg: [20, 40] },
  { ingredient: 'pitavastatin', intensity: 'moderate', mg: [1, 4] },
];

/** Statin-class allergen concept: SNOMED CT 372912004 "Substance with HMG-CoA reductase inhibitor mechanism of action". */
export const STATIN_ALLERGEN_CLASS: CodeRef = { system: SYSTEM.snomed, code: '372912004', display: 'HMG-CoA reductase inhibitor' };

/**
 * Drug-class allergen concepts (SNOMED CT substances "with … mechanism of action") and the DRUG_CLASSES key each rules
 * out. 372733002 and 372913009 are the codes the CMS135 eCQM (HF ACEI/ARB/ARNI for LVSD, FHIR library
 * HFACEIorARBorARNIforLVSDFHIR 0.2.000) reads from AllergyIntolerance; 372912004 is the statin class above.
 * An ingredient (RxNorm IN, or a site product code) is mapped through the drug classes' own ingredient list.
 */
export const ALLERGEN_CLASSES: readonly { ref: CodeRef; classKey: string }[] = [
  { ref: STATIN_ALLERGEN_CLASS, classKey: 'statin' },
  { ref: { system: SYSTEM.snomed, code: '372733002', display: 'Substance with angiotensin-converting enzyme inhibitor mechanism of action' }, classKey: 'aceInhibitor' },
  { ref: { system: SYSTEM.snomed, code: '372913009', display: 'Substance with angiotensin II receptor antagonist mechanism of action' }, classKey: 'arb' },
];
