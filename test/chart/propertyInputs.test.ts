import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEntries } from '../../src/chart/entries.ts';
import { parseSiteCodes } from '../../src/chart/siteCodes.ts';
import { convert, ucumCodeOf } from '../../src/chart/units.ts';
import { parseFhirDate } from '../../src/chart/fhirDate.ts';

// Inputs from outside the code (session storage, the site file, EHR units and dates) never make these throw.
describe('boundary parsers on arbitrary input (fast-check)', () => {
  it('parseEntries keeps only entries of known keys with well-typed values', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        const entries = parseEntries(json);
        for (const entry of Object.values(entries)) expect(typeof entry?.enteredAt).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('parseSiteCodes never throws and every kept code has a non-empty system and code', () => {
    const codeArb = fc.record({ system: fc.oneof(fc.string(), fc.anything()), code: fc.oneof(fc.string(), fc.anything()) }, { requiredKeys: [] });
    const section = fc.dictionary(fc.constantFrom('hdl', 'ldl', 'diabetes', 'atorvastatin', 'current', 'nope'), fc.oneof(fc.array(codeArb, { maxLength: 3 }), fc.anything()));
    const file = fc.oneof(fc.anything(), fc.record({ observations: section, conditions: section, drugs: section, smokingAnswers: section }, { requiredKeys: [] }));
    fc.assert(
      fc.property(file, (json) => {
        const { codes } = parseSiteCodes(json);
        for (const group of [codes.observations, codes.conditions, codes.drugs, codes.smokingAnswers]) {
          for (const list of Object.values(group)) {
            for (const ref of list ?? []) {
              expect(ref.system.length).toBeGreaterThan(0);
              expect(ref.code.length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('unit conversion never throws and only ever returns a finite value', () => {
    const unit = fc.oneof(fc.string(), fc.constantFrom('mg/dL', 'mmol/L', 'mmol/mol', '%', 'meq/L', 'mg/mmol', '[lb_av]', '{score}', 'mm[Hg]', '10*3/uL', 'mol', ''));
    fc.assert(
      fc.property(fc.anything(), fc.double(), unit, fc.constantFrom('mg/dL', 'mmol/L', '%', 'mg/g', 'g/dL', 'mm[Hg]', 'kg', 'cm', 'mL/min/{1.73_m2}'), fc.option(fc.double({ min: 1, max: 1000, noNaN: true }), { nil: undefined }), (quantity, value, from, to, molarMass) => {
        ucumCodeOf(quantity);
        const r = convert(value, from, to, molarMass !== undefined ? { molarMass } : {});
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseFhirDate accepts only real calendar dates', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const at = parseFhirDate(x);
        if (at !== undefined) {
          expect(typeof x).toBe('string');
          expect(Number.isFinite(at)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(parseFhirDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseFhirDate('2023-02-29')).toBeUndefined();
    expect(parseFhirDate('2024-06')).toBe(Date.UTC(2024, 5, 1));
    expect(parseFhirDate('2024-06-01T10:00:00+02:00')).toBe(Date.UTC(2024, 5, 1, 8));
  });
});
