/**
 * RxNorm product codes (SCD, SBD, SCDC: NLM RxNorm term types for clinical drugs, branded drugs and clinical drug
 * components) mapped to their ingredients, so a prescription coded at product level is recognised by its code, never
 * by its display text ("Simvistatin 10 MG" is how one synthetic data set spells RXCUI 316672). The ingredient names
 * are the ones in medications.ts; `mg` is the ingredient's strength per unit, for statin intensity.
 *
 * Source: RxNorm (U.S. National Library of Medicine). `checked` names where a code's name (or, for the statin
 * intensity sets, its membership) was confirmed; entries without it were taken from RxNorm names as widely used in EHR
 * exports and could not be confirmed against an NLM listing here: recheck them with RxNav before relying on them.
 * Products not listed are still recognised by their ingredient coding or their RxNorm normalised name
 * (medications.ts); a site adds its own product codes in config/site-codes.json.
 */
export type ProductEvidence =
  /** VSAC "Antihypertensives" 2.16.840.1.113762.1.4.1248.164, eCQM Update 2025-05-08 (code with its RxNorm name). */
  | 'vsac-antihypertensives'
  /** VSAC "Anticoagulants for All Indications" 2.16.840.1.113762.1.4.1248.22, eCQM Update 2025-05-08 (code with name). */
  | 'vsac-anticoagulants'
  /** VSAC "Statin Grouper" 2.16.840.1.113762.1.4.1110.19 (code with name). */
  | 'vsac-statin-grouper'
  /**
   * Member of VSAC High / Moderate / Low Intensity Statin Therapy (2.16.840.1.113883.3.526.3.1572 / .1575 / .1574,
   * eCQM Update 2020-05-07): the ingredient is confirmed and the strength agrees with the set's intensity; the name
   * itself was not shown.
   */
  | 'vsac-statin-intensity'
  /** An RxNorm-derived antihypertensive RXCUI list with term types (ssmithm/rxnorm-drug-lists, antihtn_rxcuis.csv). */
  | 'rxnorm-antihypertensive-list';

export interface RxNormProduct {
  rxcui: string;
  tty: 'SCD' | 'SBD' | 'SCDC';
  /** The RxNorm name. */
  name: string;
  ingredients: readonly { ingredient: string; mg?: number }[];
  checked?: ProductEvidence;
}

type Part = string | [ingredient: string, mg: number];

function product(rxcui: string, tty: RxNormProduct['tty'], name: string, parts: readonly Part[], checked?: ProductEvidence): RxNormProduct {
  const ingredients = parts.map((p) => (typeof p === 'string' ? { ingredient: p } : { ingredient: p[0], mg: p[1] }));
  return { rxcui, tty, name, ingredients, ...(checked ? { checked } : {}) };
}

const AH = 'vsac-antihypertensives';
const AC = 'vsac-anticoagulants';
const SI = 'vsac-statin-intensity';

export const RXNORM_PRODUCTS: readonly RxNormProduct[] = [
  // Statins
  product('316672', 'SCDC', 'simvastatin 10 MG', [['simvastatin', 10]]),
  product('314231', 'SCD', 'simvastatin 10 MG Oral Tablet', [['simvastatin', 10]], SI),
  product('312961', 'SCD', 'simvastatin 20 MG Oral Tablet', [['simvastatin', 20]], SI),
  product('198211', 'SCD', 'simvastatin 40 MG Oral Tablet', [['simvastatin', 40]], SI),
  product('617312', 'SCD', 'atorvastatin 10 MG Oral Tablet', [['atorvastatin', 10]]),
  product('617310', 'SCD', 'atorvastatin 20 MG Oral Tablet', [['atorvastatin', 20]]),
  product('617311', 'SCD', 'atorvastatin 40 MG Oral Tablet', [['atorvastatin', 40]], SI),
  product('259255', 'SCD', 'atorvastatin 80 MG Oral Tablet', [['atorvastatin', 80]], SI),
  product('859747', 'SCD', 'rosuvastatin calcium 5 MG Oral Tablet', [['rosuvastatin', 5]]),
  product('859424', 'SCD', 'rosuvastatin calcium 10 MG Oral Tablet', [['rosuvastatin', 10]]),
  product('859751', 'SCD', 'rosuvastatin calcium 20 MG Oral Tablet', [['rosuvastatin', 20]], SI),
  product('859419', 'SCD', 'rosuvastatin calcium 40 MG Oral Tablet', [['rosuvastatin', 40]], SI),
  // Pravastatin 10 and 20 mg are both in the low-intensity set; which code is which strength was not confirmed.
  product('904458', 'SCD', 'pravastatin sodium 10 MG Oral Tablet', ['pravastatin'], SI),
  product('904467', 'SCD', 'pravastatin sodium 20 MG Oral Tablet', ['pravastatin'], SI),
  product('904475', 'SCD', 'pravastatin sodium 40 MG Oral Tablet', [['pravastatin', 40]], SI),
  product('197903', 'SCD', 'lovastatin 10 MG Oral Tablet', [['lovastatin', 10]], 'vsac-statin-grouper'),
  product('197904', 'SCD', 'lovastatin 20 MG Oral Tablet', [['lovastatin', 20]], 'vsac-statin-grouper'),
  product('197905', 'SCD', 'lovastatin 40 MG Oral Tablet', [['lovastatin', 40]], SI),
  product('310404', 'SCD', 'fluvastatin 20 MG Oral Capsule', [['fluvastatin', 20]], SI),
  product('310405', 'SCD', 'fluvastatin 40 MG Oral Capsule', [['fluvastatin', 40]], SI),
  product('861643', 'SCD', 'pitavastatin 1 MG Oral Tablet', ['pitavastatin'], SI),
  // Ezetimibe
  product('349556', 'SCD', 'ezetimibe 10 MG Oral Tablet', [['ezetimibe', 10]]),
  // ACE inhibitors
  product('311353', 'SCD', 'lisinopril 2.5 MG Oral Tablet', [['lisinopril', 2.5]], AH),
  product('311354', 'SCD', 'lisinopril 5 MG Oral Tablet', [['lisinopril', 5]], AH),
  product('314076', 'SCD', 'lisinopril 10 MG Oral Tablet', [['lisinopril', 10]], AH),
  product('314077', 'SCD', 'lisinopril 20 MG Oral Tablet', [['lisinopril', 20]], AH),
  product('205326', 'SCD', 'lisinopril 30 MG Oral Tablet', [['lisinopril', 30]], AH),
  product('197884', 'SCD', 'lisinopril 40 MG Oral Tablet', [['lisinopril', 40]], AH),
  product('858813', 'SCD', 'enalapril maleate 5 MG Oral Tablet', [['enalapril', 5]], AH),
  product('858817', 'SCD', 'enalapril maleate 10 MG Oral Tablet', [['enalapril', 10]], AH),
  product('858810', 'SCD', 'enalapril maleate 20 MG Oral Tablet', [['enalapril', 20]], AH),
  product('198188', 'SCD', 'ramipril 2.5 MG Oral Capsule', [['ramipril', 2.5]], AH),
  product('198189', 'SCD', 'ramipril 5 MG Oral Capsule', [['ramipril', 5]], AH),
  product('261962', 'SCD', 'ramipril 10 MG Oral Capsule', [['ramipril', 10]], AH),
  product('898687', 'SCD', 'benazepril hydrochloride 10 MG Oral Tablet', [['benazepril', 10]], AH),
  product('898690', 'SCD', 'benazepril hydrochloride 20 MG Oral Tablet', [['benazepril', 20]], AH),
  // Angiotensin receptor blockers
  product('979485', 'SCD', 'losartan potassium 25 MG Oral Tablet', [['losartan', 25]], AH),
  product('979492', 'SCD', 'losartan potassium 50 MG Oral Tablet', [['losartan', 50]], AH),
  product('979480', 'SCD', 'losartan potassium 100 MG Oral Tablet', [['losartan', 100]], AH),
  product('349483', 'SCD', 'valsartan 40 MG Oral Tablet', [['valsartan', 40]], AH),
  product('349199', 'SCD', 'valsartan 80 MG Oral Tablet', [['valsartan', 80]], AH),
  product('349201', 'SCD', 'valsartan 160 MG Oral Tablet', [['valsartan', 160]], AH),
  product('349200', 'SCD', 'valsartan 320 MG Oral Tablet', [['valsartan', 320]], AH),
  product('349401', 'SCD', 'olmesartan medoxomil 20 MG Oral Tablet', [['olmesartan', 20]], AH),
  product('349405', 'SCD', 'olmesartan medoxomil 40 MG Oral Tablet', [['olmesartan', 40]], AH),
  product('200095', 'SCD', 'irbesartan 150 MG Oral Tablet', [['irbesartan', 150]], AH),
  product('200096', 'SCD', 'irbesartan 300 MG Oral Tablet', [['irbesartan', 300]], AH),
  product('205304', 'SCD', 'telmisartan 40 MG Oral Tablet', [['telmisartan', 40]], AH),
  product('205305', 'SCD', 'telmisartan 80 MG Oral Tablet', [['telmisartan', 80]], AH),
  // Calcium channel blockers
  product('308136', 'SCD', 'amlodipine 2.5 MG Oral Tablet', [['amlodipine', 2.5]], AH),
  product('197361', 'SCD', 'amlodipine 5 MG Oral Tablet', [['amlodipine', 5]], AH),
  product('308135', 'SCD', 'amlodipine 10 MG Oral Tablet', [['amlodipine', 10]], AH),
  // Thiazides
  product('199903', 'SCD', 'hydrochlorothiazide 12.5 MG Oral Capsule', [['hydrochlorothiazide', 12.5]], AH),
  product('429503', 'SCD', 'hydrochlorothiazide 12.5 MG Oral Tablet', [['hydrochlorothiazide', 12.5]], AH),
  product('310798', 'SCD', 'hydrochlorothiazide 25 MG Oral Tablet', [['hydrochlorothiazide', 25]], AH),
  product('197770', 'SCD', 'hydrochlorothiazide 50 MG Oral Tablet', [['hydrochlorothiazide', 50]], AH),
  // Beta blockers
  product('866924', 'SCD', 'metoprolol tartrate 25 MG Oral Tablet', [['metoprolol', 25]], AH),
  product('866514', 'SCD', 'metoprolol tartrate 50 MG Oral Tablet', [['metoprolol', 50]], AH),
  product('866511', 'SCD', 'metoprolol tartrate 100 MG Oral Tablet', [['metoprolol', 100]], AH),
  product('866427', 'SCD', '24 HR metoprolol succinate 25 MG Extended Release Oral Tablet', [['metoprolol', 25]], AH),
  product('866436', 'SCD', '24 HR metoprolol succinate 50 MG Extended Release Oral Tablet', [['metoprolol', 50]], AH),
  product('866412', 'SCD', '24 HR metoprolol succinate 100 MG Extended Release Oral Tablet', [['metoprolol', 100]], AH),
  product('866419', 'SCD', '24 HR metoprolol succinate 200 MG Extended Release Oral Tablet', [['metoprolol', 200]], AH),
  product('686924', 'SCD', 'carvedilol 3.125 MG Oral Tablet', [['carvedilol', 3.125]], AH),
  product('200031', 'SCD', 'carvedilol 6.25 MG Oral Tablet', [['carvedilol', 6.25]], AH),
  product('200032', 'SCD', 'carvedilol 12.5 MG Oral Tablet', [['carvedilol', 12.5]], AH),
  product('200033', 'SCD', 'carvedilol 25 MG Oral Tablet', [['carvedilol', 25]], AH),
  product('197380', 'SCD', 'atenolol 25 MG Oral Tablet', [['atenolol', 25]], AH),
  product('197381', 'SCD', 'atenolol 50 MG Oral Tablet', [['atenolol', 50]], AH),
  product('197379', 'SCD', 'atenolol 100 MG Oral Tablet', [['atenolol', 100]], AH),
  product('854905', 'SCD', 'bisoprolol fumarate 5 MG Oral Tablet', [['bisoprolol', 5]], AH),
  product('854901', 'SCD', 'bisoprolol fumarate 10 MG Oral Tablet', [['bisoprolol', 10]], AH),
  product('387013', 'SCD', 'nebivolol 5 MG Oral Tablet', [['nebivolol', 5]], AH),
  // Mineralocorticoid receptor antagonists, loop diuretics, vasodilators
  product('313096', 'SCD', 'spironolactone 25 MG Oral Tablet', [['spironolactone', 25]], AH),
  product('198223', 'SCD', 'spironolactone 50 MG Oral Tablet', [['spironolactone', 50]], AH),
  product('351256', 'SCD', 'eplerenone 25 MG Oral Tablet', [['eplerenone', 25]], AH),
  product('310429', 'SCD', 'furosemide 20 MG Oral Tablet', [['furosemide', 20]], 'rxnorm-antihypertensive-list'),
  product('313988', 'SCD', 'furosemide 40 MG Oral Tablet', [['furosemide', 40]], 'rxnorm-antihypertensive-list'),
  product('905225', 'SCD', 'hydralazine hydrochloride 25 MG Oral Tablet', [['hydralazine', 25]], AH),
  product('905395', 'SCD', 'hydralazine hydrochloride 50 MG Oral Tablet', [['hydralazine', 50]], AH),
  // Combinations
  product('979468', 'SCD', 'hydrochlorothiazide 12.5 MG / losartan potassium 50 MG Oral Tablet', [['hydrochlorothiazide', 12.5], ['losartan', 50]], AH),
  product('979464', 'SCD', 'hydrochlorothiazide 12.5 MG / losartan potassium 100 MG Oral Tablet', [['hydrochlorothiazide', 12.5], ['losartan', 100]], AH),
  product('999967', 'SCD', 'amlodipine 5 MG / hydrochlorothiazide 12.5 MG / olmesartan medoxomil 20 MG Oral Tablet', [['amlodipine', 5], ['hydrochlorothiazide', 12.5], ['olmesartan', 20]], AH),
  product('999971', 'SBD', 'amlodipine 5 MG / hydrochlorothiazide 12.5 MG / olmesartan medoxomil 20 MG Oral Tablet [Tribenzor]', [['amlodipine', 5], ['hydrochlorothiazide', 12.5], ['olmesartan', 20]], 'rxnorm-antihypertensive-list'),
  product('597977', 'SCD', 'amlodipine 5 MG / atorvastatin 10 MG Oral Tablet', [['amlodipine', 5], ['atorvastatin', 10]], AH),
  product('597984', 'SCD', 'amlodipine 5 MG / atorvastatin 40 MG Oral Tablet', [['amlodipine', 5], ['atorvastatin', 40]], AH),
  product('404011', 'SCD', 'amlodipine 5 MG / atorvastatin 80 MG Oral Tablet', [['amlodipine', 5], ['atorvastatin', 80]], AH),
  // Insulins: premixed human insulin 70/30 has two ingredients, NPH (isophane) and regular human insulin.
  product('106892', 'SBD', 'insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]', ['insulin isophane, human', 'insulin, regular, human']),
  product('865098', 'SBD', 'insulin lispro 100 UNT/ML Injectable Solution [Humalog]', ['insulin lispro']),
  // Metformin
  product('860975', 'SCD', '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet', [['metformin', 500]]),
  product('861007', 'SCD', 'metformin hydrochloride 500 MG Oral Tablet', [['metformin', 500]]),
  // SGLT2 inhibitors and GLP-1 receptor agonists (few: products named in RxNorm's own words are recognised by name)
  product('1373463', 'SCD', 'canagliflozin 100 MG Oral Tablet', ['canagliflozin']),
  // Antiplatelets
  product('243670', 'SCD', 'aspirin 81 MG Oral Tablet', [['aspirin', 81]]),
  product('309362', 'SCD', 'clopidogrel 75 MG Oral Tablet', [['clopidogrel', 75]]),
  // Anticoagulants
  product('855288', 'SCD', 'warfarin sodium 1 MG Oral Tablet', [['warfarin', 1]], AC),
  product('855302', 'SCD', 'warfarin sodium 2 MG Oral Tablet', [['warfarin', 2]], AC),
  product('855312', 'SCD', 'warfarin sodium 2.5 MG Oral Tablet', [['warfarin', 2.5]], AC),
  product('855318', 'SCD', 'warfarin sodium 3 MG Oral Tablet', [['warfarin', 3]], AC),
  product('855324', 'SCD', 'warfarin sodium 4 MG Oral Tablet', [['warfarin', 4]], AC),
  product('855332', 'SCD', 'warfarin sodium 5 MG Oral Tablet', [['warfarin', 5]], AC),
  product('855338', 'SCD', 'warfarin sodium 6 MG Oral Tablet', [['warfarin', 6]], AC),
  product('855344', 'SCD', 'warfarin sodium 7.5 MG Oral Tablet', [['warfarin', 7.5]], AC),
  product('855296', 'SCD', 'warfarin sodium 10 MG Oral Tablet', [['warfarin', 10]], AC),
  product('1364435', 'SCD', 'apixaban 2.5 MG Oral Tablet', [['apixaban', 2.5]], AC),
  product('1364445', 'SCD', 'apixaban 5 MG Oral Tablet', [['apixaban', 5]], AC),
  product('1114198', 'SCD', 'rivaroxaban 10 MG Oral Tablet', [['rivaroxaban', 10]], AC),
  product('1232082', 'SCD', 'rivaroxaban 15 MG Oral Tablet', [['rivaroxaban', 15]], AC),
  product('1232086', 'SCD', 'rivaroxaban 20 MG Oral Tablet', [['rivaroxaban', 20]], AC),
  product('1037179', 'SCD', 'dabigatran etexilate 75 MG Oral Capsule', [['dabigatran', 75]], AC),
  product('1723476', 'SCD', 'dabigatran etexilate 110 MG Oral Capsule', [['dabigatran', 110]], AC),
  product('1037045', 'SCD', 'dabigatran etexilate 150 MG Oral Capsule', [['dabigatran', 150]], AC),
  product('1599543', 'SCD', 'edoxaban 15 MG Oral Tablet', [['edoxaban', 15]], AC),
  product('1599551', 'SCD', 'edoxaban 30 MG Oral Tablet', [['edoxaban', 30]], AC),
  product('1599555', 'SCD', 'edoxaban 60 MG Oral Tablet', [['edoxaban', 60]], AC),
];
