/**
 * Pharmacogenomics where the chart has a result: CPIC 2022 SLCO1B1 and statins, CPIC 2022 CYP2C19 and clopidogrel.
 * The statin dose limits themselves live in ../statins.ts and shape every statin suggestion; these rules say what to
 * change in what the patient takes now, and what to avoid.
 */
import { isKnown } from '../../chart/types.ts';
import { drugText, medication } from '../drugs.ts';
import { all, has, takes } from '../predicates.ts';
import { CPIC_SLCO1B1_MAX_MG, currentStatin, reducedSlco1b1, statinRegimen, statinUseText } from '../statins.ts';
import type { Condition, Rule } from '../types.ts';
import { CPIC_CLOPIDOGREL, CPIC_STATINS } from './common.ts';

/** CPIC 2022: simvastatin is avoided in decreased/poor SLCO1B1 function; the < 20 mg fallback is below any dose Tailor suggests. */
const SIMVASTATIN_AVOID_FROM_MG = 20;

const slco1b1Reduced: Condition = ({ facts }) => {
  const p = reducedSlco1b1(facts);
  const diplotype = isKnown(facts.slco1b1) ? facts.slco1b1.value.diplotype : undefined;
  return p ? { truth: 'yes', evidence: [`SLCO1B1 ${p}${diplotype ? ` (${diplotype})` : ''}`], needs: [] } : { truth: 'no', evidence: [], needs: [] };
};

/** On a statin above its CPIC limit for this phenotype (simvastatin at any Tailor-relevant dose). */
const statinAboveCpicLimit: Condition = ({ facts }) => {
  const p = reducedSlco1b1(facts);
  const current = currentStatin(facts);
  if (!p || current.state !== 'taking') return { truth: 'no', evidence: [], needs: [] };
  const cap = CPIC_SLCO1B1_MAX_MG[p][current.use.ingredient];
  const dose = current.use.doseMg;
  const above = cap === 'avoid' ? dose === undefined || dose >= SIMVASTATIN_AVOID_FROM_MG : cap !== undefined && dose !== undefined && dose > cap;
  return above ? { truth: 'yes', evidence: [`on ${statinUseText(current.use)}`], needs: [] } : { truth: 'no', evidence: [], needs: [] };
};

const cyp2c19Reduced: Condition = ({ facts }) => {
  const c = facts.cyp2c19;
  const p = isKnown(c) ? c.value.phenotype : undefined;
  return p === 'intermediate metabolizer' || p === 'poor metabolizer'
    ? { truth: 'yes', evidence: [`CYP2C19 ${p}${isKnown(c) && c.value.diplotype ? ` (${c.value.diplotype})` : ''}`], needs: [] }
    : { truth: 'no', evidence: [], needs: [] };
};

export const PGX_RULES: readonly Rule[] = [
  {
    id: 'pgx-slco1b1-switch', topic: 'pharmacogenomics', group: 'statin-pgx',
    title: 'Change statin or dose (SLCO1B1 reduced function)',
    recommendation: 'With decreased or poor SLCO1B1 function, use another statin or a lower dose: simvastatin is replaced, and other statins are kept within the CPIC dose limits.',
    citation: { guideline: CPIC_STATINS, where: 'Figure 1 and Table 2 (simvastatin), Table 3 (atorvastatin)' },
    strength: { cor: 'strong (simvastatin); moderate (others)', loe: 'CPIC classification' },
    verification: { status: 'verified', note: 'simvastatin: NCBI Medical Genetics Summaries Table 1 (CPIC 2022); atorvastatin: UF Health Precision Medicine page; other statins not verified' },
    when: all(slco1b1Reduced, statinAboveCpicLimit),
    propose: (ctx, f) => {
      const current = currentStatin(ctx.facts);
      const intensity = current.state === 'taking' ? (current.use.intensity ?? 'moderate') : 'moderate';
      const regimen = statinRegimen(ctx.facts, intensity, 'switch', current.state === 'taking' ? [current.use.ingredient] : []);
      return {
        options: [regimen?.activity ?? medication('rosuvastatin', 'switch', '5–10 mg once daily', 'moderate')],
        ...(regimen ? { personalisation: regimen.notes } : { suppressed: 'no statin fits the SLCO1B1 dose limits and recorded allergies' }),
        physicianText: (a) => `${f.evidence.join('; ')}: higher myopathy risk; switch to ${drugText(a)}.`,
        patientText: () => 'Your genes change how your body handles some statins. Your current one may cause muscle aches. A different statin will work as well and is safer for you.',
      };
    },
  },
  {
    id: 'pgx-slco1b1-avoid-simvastatin', topic: 'pharmacogenomics', group: 'statin-pgx',
    title: 'Avoid simvastatin (SLCO1B1 reduced function)',
    recommendation: 'With decreased or poor SLCO1B1 function, prescribe a statin other than simvastatin (if simvastatin is needed with decreased function, less than 20 mg a day).',
    citation: { guideline: CPIC_STATINS, where: 'Table 2 (simvastatin)' },
    strength: { cor: 'strong', loe: 'CPIC classification' },
    verification: { status: 'verified', note: 'NCBI Medical Genetics Summaries, Simvastatin Table 1 (CPIC 2022)' },
    when: all(slco1b1Reduced, (ctx) => ({ truth: statinAboveCpicLimit(ctx).truth === 'yes' ? 'no' : 'yes', evidence: [], needs: [] })),
    propose: (_ctx, f) => ({
      options: [medication('simvastatin', 'avoid', `${SIMVASTATIN_AVOID_FROM_MG} mg a day or more`)],
      physicianText: () => `${f.evidence.join('; ')}: do not prescribe simvastatin ${SIMVASTATIN_AVOID_FROM_MG} mg or more (or lovastatin); choose another statin within the CPIC dose limits.`,
      patientText: () => 'Your genes make one statin, simvastatin, more likely to cause muscle aches. If you need a statin, we will choose a different one.',
    }),
  },
  {
    id: 'pgx-cyp2c19-clopidogrel', topic: 'pharmacogenomics', group: 'antiplatelet-pgx',
    title: 'Alternative to clopidogrel (CYP2C19 intermediate or poor metabolizer)',
    recommendation: 'For ACS or PCI, CYP2C19 intermediate and poor metabolizers should avoid clopidogrel and take prasugrel or ticagrelor at standard dose unless contraindicated.',
    citation: { guideline: CPIC_CLOPIDOGREL, where: 'Table 2 (ACS and/or PCI)' },
    strength: { cor: 'strong', loe: 'CPIC classification' },
    verification: { status: 'verified', note: 'CPIC 2022 Table 2 (PMC9287492)' },
    when: all(cyp2c19Reduced, takes('antiplatelet'), has('ascvd'), ({ facts }) => ((isKnown(facts.drugs) && facts.drugs.value.some((d) => d.ingredient === 'clopidogrel')) ? { truth: 'yes', evidence: ['on clopidogrel'], needs: [] } : { truth: 'no', evidence: [], needs: [] })),
    propose: (_ctx, f) => ({
      options: [medication('ticagrelor', 'switch', '90 mg twice daily'), medication('prasugrel', 'switch', '10 mg once daily')],
      physicianText: (a) => `${f.evidence.join('; ')}: clopidogrel is poorly activated; switch to ${drugText(a)} if no contraindication (prasugrel: not after stroke/TIA, caution ≥ 75 y or < 60 kg). For indications other than ACS/PCI, CPIC gives a weaker or no recommendation.`,
      patientText: () => 'Your genes keep clopidogrel from working well in your body. A different blood thinner pill will protect your stent better.',
    }),
  },
];
