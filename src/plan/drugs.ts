/**
 * Medication activities built from Tailor's drug table (src/chart/valueSets/medications.ts: RxNorm ingredient RXCUIs),
 * so a suggested drug carries the same code and class the chart layer reads: "already takes" and allergy checks
 * compare like with like.
 */
import { SYSTEM } from '../chart/codes.ts';
import { DRUG_CLASSES } from '../chart/valueSets/medications.ts';
import type { StatinIntensity } from '../chart/types.ts';
import type { Activity, ActivityAction } from './types.ts';

/** The class and RXCUI of an ingredient in the drug table; a name not in it is a programming error. */
export function drugOf(ingredient: string): { drugClass: string; classLabel: string; rxcui: string } {
  for (const cls of DRUG_CLASSES) {
    const found = cls.ingredients.find((i) => i.name === ingredient);
    if (found) return { drugClass: cls.key, classLabel: cls.label, rxcui: found.rxcui };
  }
  throw new Error(`plan: "${ingredient}" is not in the drug table (src/chart/valueSets/medications.ts)`);
}

export function classLabel(drugClass: string): string {
  return DRUG_CLASSES.find((c) => c.key === drugClass)?.label ?? drugClass;
}

export function medication(ingredient: string, action: ActivityAction, dose: string, intensity?: StatinIntensity): Activity {
  const drug = drugOf(ingredient);
  return {
    kind: 'medication', action, code: { system: SYSTEM.rxnorm, code: drug.rxcui, display: ingredient },
    drugClass: drug.drugClass, ingredient, dose, ...(intensity ? { intensity } : {}),
  };
}

/** "atorvastatin 40 mg once daily (high intensity)": a medication as the physician reads it. */
export function drugText(a: Activity): string {
  return `${a.ingredient ?? a.code.display}${a.dose ? ` ${a.dose}` : ''}${a.intensity ? ` (${a.intensity} intensity)` : ''}`;
}
