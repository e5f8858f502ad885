import { randomBytes } from 'node:crypto';
import type { LaunchSwitches } from '../contracts.ts';

/** What the EHR knew when the physician launched the app: who is signed in and whose chart is open. */
export interface LaunchContext {
  practitioner: string;
  patient?: string;
  encounter?: string;
  /** false when the EHR frame shows its own patient banner (as Epic's Hyperspace does). */
  needPatientBanner: boolean;
  switches: LaunchSwitches;
}

/** A launch id stays usable this long, as an EHR's launch tokens do; the app must start within it. */
const LAUNCH_TTL_MS = 10 * 60 * 1000;

/** Launch tokens handed to the app, and the context bound to each grant made from them. In memory: the sandbox is for one developer. */
export class LaunchRegistry {
  readonly #launches = new Map<string, { context: LaunchContext; expires: number }>();
  readonly #grants = new Map<string, LaunchContext>();

  create(context: LaunchContext): string {
    const id = randomBytes(12).toString('base64url');
    this.#launches.set(id, { context, expires: Date.now() + LAUNCH_TTL_MS });
    return id;
  }

  /** The context of a live launch id, or undefined for an unknown or expired one. */
  resolve(id: string): LaunchContext | undefined {
    const launch = this.#launches.get(id);
    if (!launch) return undefined;
    if (launch.expires < Date.now()) {
      this.#launches.delete(id);
      return undefined;
    }
    return launch.context;
  }

  bindGrant(grantId: string, context: LaunchContext): void {
    this.#grants.set(grantId, context);
  }

  forGrant(grantId: string | undefined): LaunchContext | undefined {
    return grantId ? this.#grants.get(grantId) : undefined;
  }
}
