import { startSandbox } from './server.ts';

/** `npm run sandbox`: the local SMART EHR alone. SANDBOX_PORT (default 4000), APP_URLS (comma list, default the Vite dev server). */
const port = Number(process.env.SANDBOX_PORT ?? 4000);
const appUrls = (process.env.APP_URLS ?? 'http://127.0.0.1:5173/').split(',').map((u) => u.trim()).filter(Boolean);
const sandbox = await startSandbox({ port, appUrls });
console.log(`Sandbox EHR launcher: ${sandbox.launcherUrl}  (FHIR base ${sandbox.fhirBase})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void sandbox.close().then(() => process.exit(0)));
}
