/**
 * Who wrote the plan and with what: the signed-in practitioner as author, Tailor (name and version) as the software
 * that assembled the resources.
 *
 * The app is named by `agent.who.display` (plus `identifier`), not by a Device resource: R4 lets `who` reference a
 * Device, but writing one would need a Device write scope that EHRs do not grant to apps (Oracle Health's R4 write
 * list has no Device), and a display-only Reference is valid R4 (ref-1 asks only for a reference, identifier or
 * display), so the Provenance validates and writes with the same scopes as the plan.
 */
import type { Provenance, Reference } from 'fhir/r4';
import { ASSEMBLER_AGENT, AUTHOR_AGENT, dataOperation } from './codes.ts';
import { TAILOR_IDENTIFIER_SYSTEM } from './identifiers.ts';
import { practitionerRef } from './references.ts';
import type { PlanToSign } from './types.ts';

export function provenanceOf(plan: PlanToSign, targets: readonly { fullUrl: string; type: string }[]): Provenance {
  const app: Reference = {
    identifier: { system: TAILOR_IDENTIFIER_SYSTEM, value: `software/${plan.app.name}/${plan.app.version}` },
    display: `${plan.app.name} ${plan.app.version} (SMART on FHIR app)`,
  };
  return {
    resourceType: 'Provenance',
    target: targets.map((t) => ({ reference: t.fullUrl, type: t.type })),
    recorded: plan.signedAt,
    activity: dataOperation(plan.revise ? 'UPDATE' : 'CREATE'),
    agent: [
      { type: AUTHOR_AGENT, who: practitionerRef(plan) },
      { type: ASSEMBLER_AGENT, who: app },
    ],
  };
}
