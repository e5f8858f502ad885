/**
 * The fallback when the EHR cannot take a CarePlan: the same plan as a clinical note (US Core DocumentReference,
 * LOINC 11506-3 Progress note, category clinical-note), as XHTML and as plain text, each base64 in an attachment.
 * docStatus is final (the physician signed it; Oracle Health takes only final notes), with the encounter when the
 * launch gave one (Oracle Health requires it: the write layer checks before offering the note).
 */
import type { DocumentReference } from 'fhir/r4';
import { CLINICAL_NOTE_CATEGORY, PROGRESS_NOTE_TYPE } from './codes.ts';
import { planContent } from './content.ts';
import { contentDigest, identifierOf, identifierSearch } from './identifiers.ts';
import { chartRef, patientRef, practitionerRef } from './references.ts';
import { planPlainText, planXhtmlDocument } from './render.ts';
import { base64Utf8 } from './text.ts';
import type { PlanToSign } from './types.ts';

export interface PlanNote {
  resource: DocumentReference;
  /** POST it with this If-None-Exist, so a retry finds the note already written. */
  ifNoneExist: string;
}

export function planNote(plan: PlanToSign): PlanNote {
  const content = planContent(plan);
  // The note's identity is what it says, not when it was signed: a retry at another time finds the same note.
  const identifier = identifierOf(`${plan.draftId}/note/${contentDigest({ ...content, signedAt: undefined })}`);
  const title = content.title;
  return {
    resource: {
      resourceType: 'DocumentReference',
      identifier: [identifier],
      status: 'current',
      docStatus: 'final',
      type: PROGRESS_NOTE_TYPE,
      category: [CLINICAL_NOTE_CATEGORY],
      subject: patientRef(plan),
      date: plan.signedAt,
      author: [practitionerRef(plan)],
      description: title,
      content: [
        { attachment: { contentType: 'application/xhtml+xml', language: 'en', data: base64Utf8(planXhtmlDocument(content)), title, creation: plan.signedAt } },
        { attachment: { contentType: 'text/plain; charset=utf-8', language: 'en', data: base64Utf8(planPlainText(content)), title, creation: plan.signedAt } },
      ],
      ...(plan.encounterId || plan.addresses.length > 0
        ? {
            context: {
              ...(plan.encounterId ? { encounter: [{ reference: `Encounter/${plan.encounterId}` }] } : {}),
              ...(plan.addresses.length > 0 ? { related: plan.addresses.map(chartRef) } : {}),
            },
          }
        : {}),
    },
    ifNoneExist: identifierSearch(identifier),
  };
}

/** What copy-to-clipboard and print put out: the note's plain text. */
export const planClipboardText = (plan: PlanToSign): string => planPlainText(planContent(plan));
