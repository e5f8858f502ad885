import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_CONCEPTS } from '../../src/chart/valueSets/observations.ts';
import { CONDITION_CONCEPTS } from '../../src/chart/valueSets/conditions.ts';
import { DRUG_CLASSES } from '../../src/chart/valueSets/medications.ts';
import { STALENESS_DAYS } from '../../src/chart/staleness.ts';

// docs/chart-facts.md lists every code the chart layer reads; this keeps it from drifting from the value sets.
const doc = readFileSync(resolve(import.meta.dirname, '../../docs/chart-facts.md'), 'utf8');

describe('docs/chart-facts.md, chart codes', () => {
  it('lists every observation code with its staleness thresholds', () => {
    for (const c of OBSERVATION_CONCEPTS) {
      const row = doc.split('\n').find((l) => l.includes(`(\`${c.key}\`)`));
      expect(row, c.key).toBeDefined();
      for (const code of c.codes) expect(row).toContain(code.code);
      const s = STALENESS_DAYS[c.key];
      if (s) expect(row).toContain(`${s.freshDays} / ${s.oldDays}`);
    }
  });
  it('lists every condition code and drug ingredient', () => {
    for (const c of CONDITION_CONCEPTS) for (const code of c.codes) expect(doc, `${c.key} ${code.code}`).toContain(code.code);
    for (const d of DRUG_CLASSES) for (const i of d.ingredients) expect(doc).toContain(`${i.name} ${i.rxcui}`);
  });
});
