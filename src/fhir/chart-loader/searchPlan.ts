import { DEFAULT_VALUE_SETS, type ValueSets } from '../../chart/siteCodes.ts';
import { GENOMIC_OBSERVATION_CODES } from '../../chart/valueSets/genomics.ts';
import { PREGNANCY_STATUS_CODE, SMOKING_STATUS_CODE } from '../../chart/valueSets/social.ts';
import type { CodeRef } from '../../chart/codes.ts';
import type { ServerCapabilities } from './capabilities.ts';

export type SourceId =
  | 'patient' | 'labs' | 'vitals' | 'social' | 'survey' | 'genomics' | 'conditions' | 'conditionsUncategorised'
  | 'medicationRequests' | 'medicationStatements' | 'allergies' | 'familyHistory';

/** One search of the load wave. `url` is relative to the FHIR base; absent when the server cannot do it. */
export interface SearchSpec {
  id: SourceId;
  label: string;
  resourceType: string;
  kind: 'read' | 'search';
  url?: string;
  /** Why the search is skipped (server does not support it). */
  skipped?: string;
  /** The same search with only patient, required parameters (Observation category) and _count: used on a 400. */
  fallbackUrl?: string;
  /** Parameters left out because the CapabilityStatement does not list them. */
  droppedParams: string[];
}

export interface PlanOptions {
  pageSize: number;
  valueSets?: ValueSets;
}

/** Encodes `system|code` tokens for a search value: each token percent-encoded, commas (OR) literal. */
export function tokenList(codes: readonly CodeRef[]): string {
  const unique = [...new Set(codes.map((c) => `${c.system}|${c.code}`))];
  return unique.map(encodeURIComponent).join(',');
}

/**
 * The one wave of searches made after launch. Observations go per category (Epic refuses them without one) with
 * the LOINC codes we read, newest first; other resources by patient with the statuses we use.
 * Social-history codes are also searched under `survey`, where many servers (Synthea exports among them) file
 * smoking status. Conditions are searched twice: by the problem-list and encounter-diagnosis categories, and with
 * no category at all, since many servers leave Condition.category empty and a categorised search alone would find
 * none of those; the chart layer concludes "no" only when both completed (toChartData).
 */
export function planChartSearches(patientId: string, caps: ServerCapabilities, opts: PlanOptions): SearchSpec[] {
  const vs = opts.valueSets ?? DEFAULT_VALUE_SETS;
  const pid = encodeURIComponent(patientId);
  const obsCodes = (category: string) => vs.observations.filter((c) => c.category === category).flatMap((c) => [...c.codes, ...(c.panels ?? [])]);

  /**
   * `required` names the parameters the search cannot do without (Observation category: Epic refuses searches
   * without it). Everything else only narrows the results the chart layer filters, sorts and resolves itself anyway.
   */
  const search = (
    id: SourceId, label: string, type: string,
    params: [string, string][], required: string[] = [],
  ): SearchSpec => {
    if (!caps.canSearch(type)) return { id, label, resourceType: type, kind: 'search', skipped: `the server does not offer ${type} search`, droppedParams: [] };
    const patientParam = caps.hasParam(type, 'patient') || !caps.hasParam(type, 'subject') ? 'patient' : 'subject';
    const dropped: string[] = [];
    const kept = params.filter(([name]) => {
      if (caps.hasParam(type, name)) return true;
      dropped.push(name);
      return false;
    });
    const all: [string, string][] = [[patientParam, patientParam === 'subject' ? `Patient/${pid}` : pid], ...kept, ['_count', String(opts.pageSize)]];
    const url = `${type}?${all.map(([k, v]) => `${k}=${v}`).join('&')}`;
    const minimal = all.filter(([k], i) => i === 0 || k === '_count' || required.includes(k));
    const fallback = minimal.length < all.length ? `${type}?${minimal.map(([k, v]) => `${k}=${v}`).join('&')}` : undefined;
    return { id, label, resourceType: type, kind: 'search', url, droppedParams: dropped, ...(fallback ? { fallbackUrl: fallback } : {}) };
  };

  const observation = (id: SourceId, label: string, category: string, codes: CodeRef[]) =>
    search(id, label, 'Observation', [['category', category], ['code', tokenList(codes)], ['_sort', '-date']], ['category']);

  const patient: SearchSpec = caps.canRead('Patient')
    ? { id: 'patient', label: 'Patient', resourceType: 'Patient', kind: 'read', url: `Patient/${pid}`, droppedParams: [] }
    : { id: 'patient', label: 'Patient', resourceType: 'Patient', kind: 'read', skipped: 'the server does not offer Patient read', droppedParams: [] };

  const socialCodes = [...obsCodes('social-history'), SMOKING_STATUS_CODE, PREGNANCY_STATUS_CODE];
  const medInclude: [string, string][] = caps.hasInclude('MedicationRequest', 'MedicationRequest:medication') ? [['_include', 'MedicationRequest:medication']] : [];

  return [
    patient,
    observation('labs', 'Laboratory results', 'laboratory', obsCodes('laboratory')),
    observation('vitals', 'Vital signs', 'vital-signs', obsCodes('vital-signs')),
    observation('social', 'Social history', 'social-history', socialCodes),
    observation('survey', 'Survey answers (social history)', 'survey', socialCodes),
    observation('genomics', 'Genomic results', 'laboratory', GENOMIC_OBSERVATION_CODES),
    search('conditions', 'Problems and diagnoses', 'Condition', [['category', 'problem-list-item,encounter-diagnosis']]),
    search('conditionsUncategorised', 'Conditions of any category', 'Condition', []),
    search('medicationRequests', 'Prescriptions', 'MedicationRequest', [['status', 'active,on-hold,completed'], ...medInclude]),
    search('medicationStatements', 'Medication statements', 'MedicationStatement', [['status', 'active,intended,completed']]),
    search('allergies', 'Allergies and intolerances', 'AllergyIntolerance', []),
    search('familyHistory', 'Family history', 'FamilyMemberHistory', []),
  ];
}
