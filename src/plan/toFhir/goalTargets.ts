/**
 * The numbers in a goal as the physician wrote it, for Goal.target: LDL-C, blood pressure and HbA1c bounds, and a
 * quit date. Only an unambiguous writing gives a target ("LDL-C < 70 mg/dL", "BP < 130/80 mmHg", "HbA1c < 7 %",
 * "2026-04-01"); anything else stays text in the goal's description, never a guessed number.
 */
import { SYSTEM } from '../../chart/codes.ts';
import type { GoalDraft, GoalKind } from '../../store/planDraft.ts';
import type { Code } from '../types.ts';
import type { GoalTarget, GoalToSign } from './types.ts';

const loinc = (code: string, display: string): Code => ({ system: SYSTEM.loinc, code, display });

/** The generic LOINC codes of what each goal is measured by (src/chart/valueSets/observations.ts reads them). */
const MEASURE = {
  ldl: loinc('2089-1', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma'),
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  hba1c: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
};

const COMPARATOR: Record<string, GoalTarget['comparator']> = { '<': '<', '≤': '<=', '<=': '<=', '>': '>', '≥': '>=', '>=': '>=' };
const CMP = '(<=|>=|<|>|≤|≥)';
const NUM = '(\\d+(?:\\.\\d+)?)';

/** Exactly one match of the pattern in the text, or none (two bounds of one kind are not a target). */
function only(text: string, pattern: RegExp): RegExpExecArray[] | undefined {
  const found = [...text.matchAll(new RegExp(pattern.source, 'gi'))];
  return found.length === 1 ? found : undefined;
}

const target = (measure: Code, cmp: string | undefined, value: string | undefined, ucum: string, unit: string): GoalTarget | undefined => {
  const comparator = cmp ? COMPARATOR[cmp] : undefined;
  const v = Number(value);
  return comparator && Number.isFinite(v) ? { measure, comparator, value: v, ucum, unit } : undefined;
};

function targetsFor(kind: GoalKind, text: string): GoalTarget[] {
  if (kind === 'ldl') {
    const m = only(text, new RegExp(`${CMP}\\s*${NUM}\\s*mg/dL`))?.[0];
    const t = m && target(MEASURE.ldl, m[1], m[2], 'mg/dL', 'mg/dL');
    return t ? [t] : [];
  }
  if (kind === 'bp') {
    const m = only(text, new RegExp(`${CMP}\\s*(\\d+)\\s*/\\s*(\\d+)\\s*mm\\s?Hg`))?.[0];
    const s = m && target(MEASURE.systolic, m[1], m[2], 'mm[Hg]', 'mmHg');
    const d = m && target(MEASURE.diastolic, m[1], m[3], 'mm[Hg]', 'mmHg');
    return s && d ? [s, d] : [];
  }
  if (kind === 'hba1c') {
    const m = only(text, new RegExp(`${CMP}\\s*${NUM}\\s*%`))?.[0];
    const t = m && target(MEASURE.hba1c, m[1], m[2], '%', '%');
    return t ? [t] : [];
  }
  return [];
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A set goal of the draft, ready to sign. */
export function goalToSign(kind: GoalKind, goal: GoalDraft): GoalToSign {
  const text = goal.text.trim();
  const dueDate = kind === 'quit-date' && ISO_DATE.test(text) && !Number.isNaN(Date.parse(text)) ? text : undefined;
  return { kind, text: dueDate ? `Quit date ${dueDate}` : text, targets: targetsFor(kind, text), ...(dueDate ? { dueDate } : {}) };
}
