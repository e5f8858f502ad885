import type { SandboxPerson } from './contracts.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A plain page in the sandbox's style. `body` must already be escaped markup. `frame` lays the page out as an EHR
 * chart with an app frame: the frame takes the window's width and all the height below the header, as Hyperspace and
 * PowerChart size their activity frames to the window.
 */
export function page(title: string, body: string, layout: 'document' | 'frame' = 'document'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24}
header{background:#0b3d62;color:#fff;padding:.5rem 1rem}
main{padding:1rem;max-width:70rem;box-sizing:border-box}
fieldset{margin:.5rem 0;border:1px solid #ccd;min-width:0}
label{display:block;margin:.25rem 0}
select,input,button{max-width:100%}
code{overflow-wrap:anywhere}
.hint{color:#555;font-size:.9rem}
body.frame{display:flex;flex-direction:column;height:100vh}
body.frame main{flex:1;display:flex;flex-direction:column;min-height:0;max-width:none;padding:.25rem .5rem}
body.frame main p{margin:0 0 .25rem}
#app-frame{flex:1;width:100%;min-height:0;box-sizing:border-box;border:1px solid #889;display:block}
</style></head>
<body${layout === 'frame' ? ' class="frame"' : ''}><header>Sandbox EHR (synthetic data only)</header><main>${body}</main></body></html>`;
}

/** One `<option>` per synthetic person (value: id), with the line saying what the chart is for. */
export function personOptions(people: readonly SandboxPerson[]): string {
  return people.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)} — ${escapeHtml(p.summary)}</option>`).join('');
}
