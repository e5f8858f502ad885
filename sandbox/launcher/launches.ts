import type { LaunchSwitches } from '../contracts.ts';
import type { LaunchContext } from '../auth/launches.ts';
import { todaysVisitId } from '../data/chart.ts';

/** How the launcher opens the app: framed inside the EHR page (as Hyperspace and PowerChart do) or in the whole window. */
export type LaunchDisplay = 'embedded' | 'window';

export interface LaunchRequest {
  context: LaunchContext;
  display: LaunchDisplay;
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Reads a launch from the launcher form (or the same fields in a query string, which tests use):
 * practitioner, patient, encounter, display, banner=ehr, and the switches. A launch from the open chart is bound to
 * the patient's visit today, as an EHR binds it to the open encounter; `encounter=none` launches without one.
 */
export function parseLaunchRequest(form: URLSearchParams): LaunchRequest | { error: string } {
  const practitioner = form.get('practitioner');
  const patient = form.get('patient');
  if (!practitioner || !patient) return { error: 'Choose a user and a patient.' };
  const switches: LaunchSwitches = {};
  const lifetime = positiveInt(form.get('tokenLifetimeSeconds'));
  if (lifetime) switches.tokenLifetimeSeconds = lifetime;
  if (form.get('carePlanWriteUnsupported')) switches.carePlanWriteUnsupported = true;
  if (form.get('noteWriteUnsupported')) switches.noteWriteUnsupported = true;
  const faultType = form.get('faultResourceType')?.trim();
  if (faultType) {
    const times = positiveInt(form.get('faultTimes'));
    switches.fault = {
      resourceType: faultType, status: positiveInt(form.get('faultStatus')), delayMs: positiveInt(form.get('faultDelayMs')),
      ...(times ? { times } : {}), ...(form.get('faultDrop') ? { drop: true } : {}),
    };
  }
  if (form.get('personality') === 'epic') switches.personality = 'epic';
  const withheld = (form.get('withholdScopes') ?? '').split(/[\s,]+/).filter(Boolean);
  if (withheld.length) switches.withholdScopes = withheld;
  return {
    display: form.get('display') === 'window' ? 'window' : 'embedded',
    context: {
      practitioner,
      patient,
      encounter: form.get('encounter') === 'none' ? undefined : form.get('encounter') || todaysVisitId(patient),
      needPatientBanner: form.get('banner') !== 'ehr',
      switches,
    },
  };
}
