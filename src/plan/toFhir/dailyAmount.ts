/**
 * The amount a day of a dose written as one strength taken a stated number of times a day ("40 mg once daily",
 * "500 mg twice daily"), for CarePlan.activity.detail.dailyAmount. A range ("10–40 mg"), a titration ("up to …"), a
 * weekly dose or anything else gives no amount: the dose stays in words, never a guessed number.
 */
import type { Quantity } from 'fhir/r4';
import { SYSTEM } from '../../chart/codes.ts';

const TIMES_A_DAY: Record<string, number> = { once: 1, twice: 2, 'three times': 3, 'four times': 4 };
const UCUM_MASS: Record<string, string> = { mg: 'mg', g: 'g', mcg: 'ug', µg: 'ug' };
const DOSE = /^(\d+(?:\.\d+)?)\s*(mg|g|mcg|µg)\s+(once|twice|three times|four times)\s+(?:daily|a day)$/i;

export function dailyAmountOf(dose: string | undefined): Quantity | undefined {
  const m = DOSE.exec((dose ?? '').trim());
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  const unit = m[2].toLowerCase();
  const code = UCUM_MASS[unit];
  const times = TIMES_A_DAY[m[3].toLowerCase()];
  if (!code || !times) return undefined;
  // Rounded to 0.001 unit so 0.1 × 3 is 0.3, not 0.30000000000000004.
  return { value: Number((Number(m[1]) * times).toFixed(3)), unit, system: SYSTEM.ucum, code };
}
