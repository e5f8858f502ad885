import type { CapabilityStatement } from 'fhir/r4';
import { NOTE_WRITE_PERMISSIONS } from '../../config.ts';
import { grants, patientScope, type ScopeAction, type ScopeSyntax } from '../scopes.ts';
import { countWrites, type PlanWrites, type WriteCount } from './built.ts';

/** How a signed plan reaches the chart, best first (issue 9, "Capability and fallback"). */
export type WritePath = 'transaction' | 'individual' | 'document-reference' | 'none';

/** Something a better path needs that this EHR or this session does not give, and why. */
export interface MissingForWrite {
  resourceType: string;
  interaction: 'create' | 'update' | 'read' | 'search' | 'transaction';
  because: 'not-in-capability-statement' | 'scope-not-granted';
  /** The scope that would grant it, in the syntax the EHR granted (for "scope-not-granted"). */
  scope?: string;
  message: string;
}

export interface WritePathPlan {
  path: WritePath;
  /** The EHR's name, as the button says it. */
  ehr: string;
  /** Exactly what will be written (empty for 'none'). */
  writes: WriteCount[];
  /** The sign button's words: "Write 1 care plan, 3 risk assessments, … to <EHR>". */
  label: string;
  /** What stands in the way of the better paths (empty when the transaction path is open). */
  missing: MissingForWrite[];
}

export interface WritePathOptions {
  /** Shown on the button; defaults to the CapabilityStatement's software name. */
  ehrName?: string;
  /** The plan was signed before: its CarePlan is updated, which needs `update`. */
  revising?: boolean;
}

/** Writing never deletes. */
type NeededAction = Exclude<ScopeAction, 'd'>;
const VERB: Record<NeededAction, MissingForWrite['interaction']> = { c: 'create', r: 'read', u: 'update', s: 'search' };
const CAPABILITY_CODE: Record<NeededAction, string> = { c: 'create', r: 'read', u: 'update', s: 'search-type' };

/**
 * Picks the write path before "Sign" is offered, from the server's CapabilityStatement and the scopes it granted:
 * a transaction when the server lists `transaction` and everything below holds; else one conditional create per
 * resource when every type written has `create` (CarePlan also read and search, to find a plan signed before; with
 * `revising`, update); else a DocumentReference note; else copy and print. Without a CapabilityStatement the server
 * is taken at its scopes, one resource at a time. An empty granted-scope string (the server did not echo `scope`)
 * is taken as "what was asked for".
 */
export function planWritePath(capability: CapabilityStatement | undefined, grantedScopes: string, built: Pick<PlanWrites, 'steps'>, opts: WritePathOptions = {}): WritePathPlan {
  const ehr = opts.ehrName ?? capability?.software?.name ?? 'the EHR';
  const rest = capability?.rest?.find((r) => r.mode === 'server');
  const syntax: ScopeSyntax = /\.(read|write|\*)(\s|$)/.test(grantedScopes) ? 'v1' : 'v2';
  const writes = countWrites(built.steps);

  function lacking(resourceType: string, action: NeededAction): MissingForWrite[] {
    const out: MissingForWrite[] = [];
    const interaction = VERB[action];
    if (!capabilityAllows(rest, resourceType, CAPABILITY_CODE[action])) {
      out.push({ resourceType, interaction, because: 'not-in-capability-statement', message: `${ehr} does not support ${interaction} of ${resourceType} (its CapabilityStatement does not list it).` });
    }
    if (grantedScopes.trim() !== '' && !grants(grantedScopes, resourceType, action)) {
      const scope = patientScope(resourceType, action, syntax);
      out.push({ resourceType, interaction, because: 'scope-not-granted', scope, message: `${ehr} did not grant Tailor permission to ${interaction} ${resourceType} (scope ${scope}); ask your EHR administrator to allow it, then launch Tailor again.` });
    }
    return out;
  }

  const carePlanNeeds: [string, NeededAction][] = [
    ...writes.map((w): [string, NeededAction] => [w.resourceType, 'c']),
    ['CarePlan', 'r'],
    ['CarePlan', 's'],
    ...(opts.revising ? [['CarePlan', 'u'] as [string, NeededAction]] : []),
  ];
  const missingForPlan = carePlanNeeds.flatMap(([type, action]) => lacking(type, action));
  const hasTransaction = rest?.interaction?.some((i) => i.code === 'transaction') ?? false;
  const missingTransaction: MissingForWrite[] = hasTransaction
    ? []
    : [{ resourceType: 'Bundle', interaction: 'transaction', because: 'not-in-capability-statement', message: `${ehr} does not accept transactions, so each record is written on its own.` }];

  if (missingForPlan.length === 0) {
    const path = hasTransaction ? 'transaction' : 'individual';
    return { path, ehr, writes, label: carePlanLabel(writes, ehr, opts.revising === true), missing: missingTransaction };
  }
  const missingForNote = NOTE_WRITE_PERMISSIONS.flatMap(([type]) => lacking(type, 'c'));
  const missing = [...missingTransaction, ...missingForPlan, ...missingForNote];
  if (missingForNote.length === 0) {
    return { path: 'document-reference', ehr, writes: [{ resourceType: 'DocumentReference', count: 1 }], label: `Write a clinical note to ${ehr}`, missing };
  }
  return { path: 'none', ehr, writes: [], label: `Copy or print the plan (${ehr} accepts neither a care plan nor a clinical note from Tailor)`, missing };
}

/**
 * Whether the statement lists the interaction for the type. A server without a resource list, or a resource
 * without an interaction list, says nothing, which is taken as allowed (the request itself will tell).
 */
function capabilityAllows(rest: NonNullable<CapabilityStatement['rest']>[number] | undefined, resourceType: string, code: string): boolean {
  if (!rest?.resource) return true;
  const resource = rest.resource.find((r) => r.type === resourceType);
  if (!resource) return false;
  return resource.interaction === undefined || resource.interaction.some((i) => i.code === code);
}

const NOUNS: Record<string, [one: string, many: string]> = {
  CarePlan: ['care plan', 'care plans'],
  RiskAssessment: ['risk assessment', 'risk assessments'],
  Observation: ['observation', 'observations'],
  Goal: ['goal', 'goals'],
  Provenance: ['provenance record', 'provenance records'],
};

/** "Write 1 care plan, 3 risk assessments, 1 observation, 2 goals and a provenance record to <EHR>". */
function carePlanLabel(writes: readonly WriteCount[], ehr: string, revising: boolean): string {
  const parts = writes.filter((w) => !(revising && w.resourceType === 'CarePlan')).map(({ resourceType, count }) => {
    const [one, many] = NOUNS[resourceType] ?? [resourceType, `${resourceType} resources`];
    if (resourceType === 'Provenance' && count === 1) return `a ${one}`;
    return `${count} ${count === 1 ? one : many}`;
  });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing');
  return `${revising ? 'Update the care plan and write' : 'Write'} ${list} to ${ehr}`;
}
