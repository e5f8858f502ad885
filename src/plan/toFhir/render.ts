/**
 * The plan's words as XHTML (the CarePlan narrative and the fallback note) and as plain text (the note's second
 * attachment and copy-to-clipboard). Every piece of text is escaped: the XHTML is well-formed whatever was typed,
 * and uses only the elements FHIR narrative allows (R4 Narrative: no scripts, no event attributes, no head or body
 * inside the div).
 */
import type { PlanContent } from './content.ts';
import { escapeXml } from './text.ts';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

interface Section {
  heading: string;
  lines: string[];
}

function sections(c: PlanContent): Section[] {
  return [
    { heading: 'Risk estimates', lines: c.risks },
    { heading: 'Plan', lines: c.items },
    { heading: 'Goals', lines: c.goals },
    { heading: 'Conditions addressed', lines: c.addresses },
    { heading: 'Rationale', lines: c.rationale ? [c.rationale] : [] },
  ].filter((s) => s.lines.length > 0);
}

/** The narrative div (CarePlan.text.div). */
export function planXhtmlDiv(c: PlanContent): string {
  const body = sections(c)
    .map((s) => `<h3>${escapeXml(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>`)
    .join('');
  return `<div xmlns="${XHTML_NS}"><h2>${escapeXml(c.title)}</h2><p>${escapeXml(`${c.status}, signed by ${c.signedBy} at ${c.signedAt}`)}</p>${body}</div>`;
}

/** A whole XHTML 1.0 Strict document (Oracle Health takes notes as application/xhtml+xml and asks for strict XHTML). */
export function planXhtmlDocument(c: PlanContent): string {
  const div = planXhtmlDiv(c).replace(` xmlns="${XHTML_NS}"`, '');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n' +
    `<html xmlns="${XHTML_NS}" xml:lang="en" lang="en"><head><title>${escapeXml(c.title)}</title></head><body>${div}</body></html>\n`
  );
}

/** Plain text: the note's text/plain attachment and what copy-to-clipboard puts on the clipboard. */
export function planPlainText(c: PlanContent): string {
  const head = [c.title, `${c.status}, signed by ${c.signedBy} at ${c.signedAt}`];
  const body = sections(c).map((s) => [`${s.heading}:`, ...s.lines.map((l) => `- ${l}`)].join('\n'));
  return `${[head.join('\n'), ...body].join('\n\n')}\n`;
}
