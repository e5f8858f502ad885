import type { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { SYSTEM, isRecord } from './codes.ts';
import type { CanonicalUnit } from './types.ts';

let utils: UcumLhcUtils | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads UCUM (its unit tables are most of the chart layer's size, ~57 KiB gzip) once. The app starts it beside the
 * first chart searches, so it is not part of the page's first-load JavaScript; Node callers await it before building
 * facts from Observations.
 */
export function loadUcum(): Promise<void> {
  loading ??= import('@lhncbc/ucum-lhc').then((m) => {
    utils = m.default.UcumLhcUtils.getInstance();
  });
  return loading;
}

/** A unit conversion before loadUcum() resolved is a programming error, never a value to flag as unconvertible. */
function ucum(): UcumLhcUtils {
  if (!utils) throw new Error('UCUM is not loaded: await loadUcum() before building facts from Observations');
  return utils;
}

/**
 * Human-readable unit strings EHRs put in Quantity.unit that are not valid UCUM, mapped to the UCUM code they denote
 * (UCUM spec §4 "mm[Hg]", "meq", annotations in braces). Only used when Quantity.code/system is absent.
 */
const DISPLAY_ALIASES: Readonly<Record<string, string>> = {
  mmhg: 'mm[Hg]',
  'meq/l': 'meq/L',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
  'ml/min/1.73 m2': 'mL/min/{1.73_m2}',
  'ml/min/1.73m^2': 'mL/min/{1.73_m2}',
  'ml/min/{1.73m2}': 'mL/min/{1.73_m2}',
  'kg/m^2': 'kg/m2',
  'µmol/l': 'umol/L',
  'μmol/l': 'umol/L',
  years: 'a',
  yr: 'a',
  'min/week': 'min/wk',
  score: '{score}',
};

/** The UCUM code of a FHIR Quantity: Quantity.code when its system is UCUM, else the unit text (or its known alias). */
export function ucumCodeOf(quantity: unknown): string | undefined {
  if (!isRecord(quantity)) return undefined;
  if (quantity.system === SYSTEM.ucum && typeof quantity.code === 'string' && quantity.code.trim() !== '') return quantity.code.trim();
  const text = typeof quantity.unit === 'string' ? quantity.unit.trim() : typeof quantity.code === 'string' ? quantity.code.trim() : '';
  if (text === '') return undefined;
  return DISPLAY_ALIASES[text.toLowerCase()] ?? text;
}

export type Conversion = { ok: true; value: number } | { ok: false; reason: string };

/**
 * HbA1c IFCC (mmol/mol) → NGSP (%): NGSP = 0.09148 × IFCC + 2.152 (IFCC–NGSP master equation, Hoelzel W et al.,
 * Clin Chem 2004;50:166–174; ngsp.org/ifccngsp.asp). Not a dimensional conversion, so UCUM cannot do it
 * (UCUM would turn 48 mmol/mol into 4.8 %, which is wrong).
 */
export function hba1cIfccToNgsp(mmolPerMol: number): number {
  return 0.09148 * mmolPerMol + 2.152;
}

/**
 * Whether a unit is a substance fraction (mol/mol, mmol/mol, "mmol/mol{Hb}"…): an IFCC HbA1c. UCUM treats mol/mol
 * and % as the same dimensionless kind, so without this check "48 mmol/mol{Hb}" would become 4.8 %.
 */
function isSubstanceFraction(ucumCode: string): boolean {
  return /mol/.test(ucumCode.replace(/\{[^}]*\}/g, ''));
}

/**
 * Converts a value to a canonical unit with UCUM. `molarMass` (g/mol) allows mass↔substance conversions
 * and `charge` equivalents; anything UCUM cannot convert is reported, never guessed.
 */
export function convert(value: number, fromUcum: string, to: CanonicalUnit, opts: { molarMass?: number; charge?: number } = {}): Conversion {
  if (!Number.isFinite(value)) return { ok: false, reason: 'value is not a finite number' };
  if (to === '%' && isSubstanceFraction(fromUcum)) {
    // IFCC: bring any substance fraction to mmol/mol with UCUM, then apply the master equation.
    const ifcc = ucumConvert(value, fromUcum, 'mmol/mol', {});
    return ifcc.ok ? { ok: true, value: hba1cIfccToNgsp(ifcc.value) } : ifcc;
  }
  const lacking = missingAnnotation(fromUcum, to);
  if (lacking) return { ok: false, reason: `unit "${fromUcum}" lacks ${lacking} of ${to}: a different quantity (a GFR not indexed to body surface is not an eGFR), not converted` };
  return ucumConvert(value, fromUcum, to, opts);
}

/**
 * A UCUM annotation ("{1.73_m2}") the target unit has and the source does not. UCUM gives annotations no dimension
 * (UCUM §4.5.2: they are "equivalent to the unity 1"), so it converts "mL/min" to "mL/min/{1.73_m2}" unchanged; here the
 * annotation is the whole difference (per 1.73 m² body surface), so its absence means another quantity.
 */
function missingAnnotation(fromUcum: string, to: string): string | undefined {
  const annotations = (unit: string) => unit.match(/\{[^}]*\}/g) ?? [];
  // Spelling varies ("{1.73_m2}", "{1.73m2}", "{1.73 m^2}"); the annotation means the same.
  const spelling = (a: string) => a.toLowerCase().replace(/[\s_^]/g, '');
  const have = new Set(annotations(fromUcum).map(spelling));
  return annotations(to).find((a) => !have.has(spelling(a)));
}

function ucumConvert(value: number, fromUcum: string, to: string, opts: { molarMass?: number; charge?: number }): Conversion {
  if (fromUcum === to) return { ok: true, value };
  const engine = ucum();
  let result;
  try {
    result = engine.convertUnitTo(fromUcum, value, to, {
      ...(opts.molarMass !== undefined ? { molecularWeight: opts.molarMass } : {}),
      ...(opts.charge !== undefined ? { charge: opts.charge } : {}),
    });
  } catch (e) {
    return { ok: false, reason: `unit "${fromUcum}" could not be converted: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (result.status !== 'succeeded' || typeof result.toVal !== 'number' || !Number.isFinite(result.toVal)) {
    return { ok: false, reason: `unit "${fromUcum}" cannot be converted to ${to}${result.msg.length ? `: ${result.msg.join(' ')}` : ''}` };
  }
  return { ok: true, value: result.toVal };
}
