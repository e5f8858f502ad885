import type { SandboxPerson } from './contracts.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain page in the sandbox's style. `body` must already be escaped markup. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24}
header{background:#0b3d62;color:#fff;padding:.5rem 1rem}
main{padding:1rem;max-width:70rem}
fieldset{margin:.5rem 0;border:1px solid #ccd}
label{display:block;margin:.25rem 0}
iframe{width:900px;height:640px;border:1px solid #889;display:block;margin-top:.5rem}
.hint{color:#555;font-size:.9rem}
</style></head>
<body><header>Sandbox EHR (synthetic data only)</header><main>${body}</main></body></html>`;
}

/** One `<option>` per synthetic person (value: id), with the line saying what the chart is for. */
export function personOptions(people: readonly SandboxPerson[]): string {
  return people.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)} — ${escapeHtml(p.summary)}</option>`).join('');
}
