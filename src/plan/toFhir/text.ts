/**
 * Text as FHIR and XHTML accept it. What the physician typed can hold anything (pasted control characters, markup,
 * lone surrogates); a FHIR string may not hold characters below U+0020 other than tab, CR and LF, nor be blank
 * (R4 datatypes, string), and XML 1.0 refuses the same characters plus U+FFFE/U+FFFF and unpaired surrogates.
 */

// Characters neither a FHIR string nor XML 1.0 accepts; each becomes U+FFFD so the reader sees something was there.
const NOT_ALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with disallowed characters replaced, trimmed; undefined when nothing readable is left. */
export function fhirText(text: string | undefined): string | undefined {
  const clean = (text ?? '').replace(NOT_ALLOWED, '\uFFFD').trim();
  return clean === '' ? undefined : clean;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for XHTML element content or an attribute value: markup characters escaped, disallowed characters replaced. */
export function escapeXml(text: string): string {
  return text.replace(NOT_ALLOWED, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Base64 of the UTF-8 bytes (FHIR Attachment.data), in browsers and Node alike. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
