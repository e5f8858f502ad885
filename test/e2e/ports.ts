/** Fixed ports: the app is built with the sandbox's FHIR base baked into its allow-list, so the sandbox must be where the build expects. */
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4100);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4180);
export const SANDBOX_ORIGIN = `http://127.0.0.1:${SANDBOX_PORT}`;
export const FHIR_BASE = `${SANDBOX_ORIGIN}/fhir`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}/`;
