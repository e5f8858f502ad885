import type { SandboxPerson } from '../contracts.ts';
import { escapeHtml, page, personOptions } from '../html.ts';

/** The launcher: pick who signs in and whose chart is open, set the test switches, launch. */
export function launcherPage(o: { practitioners: SandboxPerson[]; patients: SandboxPerson[]; appLaunchUrl: string; fhirBase: string }): string {
  const standalone = `${o.appLaunchUrl}?iss=${encodeURIComponent(o.fhirBase)}`;
  return page(
    'Sandbox EHR launcher',
    `<h1>Launch Tailor</h1>
<form method="get" action="/launch">
<fieldset><legend>Context</legend>
<label>User <select name="practitioner">${personOptions(o.practitioners)}</select></label>
<label>Patient <select name="patient">${personOptions(o.patients)}</select></label>
<label>Encounter <select name="encounter"><option value="">today's office visit</option><option value="none">none (launched outside a visit)</option></select></label>
<label><input type="radio" name="display" value="embedded" checked> Embedded in the EHR page (iframe, like Hyperspace)</label>
<label><input type="radio" name="display" value="window"> Whole window</label>
<label><input type="checkbox" name="banner" value="ehr"> The EHR shows its own patient banner (need_patient_banner=false)</label>
</fieldset>
<fieldset><legend>Test switches (this launch only)</legend>
<label>Access-token lifetime (s) <input name="tokenLifetimeSeconds" inputmode="numeric" placeholder="3600"></label>
<label><input type="checkbox" name="carePlanWriteUnsupported" value="1"> CarePlan and RiskAssessment writes unsupported (as Epic, Oracle Health)</label>
<label><input type="checkbox" name="noteWriteUnsupported" value="1"> Clinical-note (DocumentReference) writes unsupported</label>
<label>Fault on resource type <input name="faultResourceType" placeholder="e.g. Observation (Bundle: transactions)"></label>
<label>… answering HTTP status <input name="faultStatus" inputmode="numeric" placeholder="e.g. 500"></label>
<label>… after a delay (ms) <input name="faultDelayMs" inputmode="numeric" placeholder="e.g. 3000"></label>
<label>… only the first N times <input name="faultTimes" inputmode="numeric" placeholder="every time"></label>
<label><input type="checkbox" name="faultDrop" value="1"> … dropping the connection instead of answering</label>
<label>Vendor quirks <select name="personality"><option value="generic">generic</option><option value="epic">Epic (Observation search needs category)</option></select></label>
<label>Withhold scopes <input name="withholdScopes" placeholder="e.g. patient/Patient.rs"></label>
</fieldset>
<button type="submit">Launch (EHR launch)</button>
</form>
<p>Or a <a href="${escapeHtml(standalone)}">standalone launch</a> (sign in and pick a patient at the sandbox).</p>
<p class="hint">App launch URL: <code>${escapeHtml(o.appLaunchUrl)}</code>. FHIR base (iss): <code>${escapeHtml(o.fhirBase)}</code>.</p>`,
  );
}

/** The EHR page with the app framed inside it, as an embedded launch shows it. */
export function embeddedPage(patient: SandboxPerson | undefined, appUrl: string): string {
  return page(
    'Sandbox EHR — chart',
    `<p><strong>${escapeHtml(patient?.name ?? 'Patient')}</strong> <a href="/">back to launcher</a></p>
<iframe id="app-frame" title="Tailor" src="${escapeHtml(appUrl)}"></iframe>`,
    'frame',
  );
}
