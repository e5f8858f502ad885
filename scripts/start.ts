import { createServer } from 'vite';
import { startSandbox } from '../sandbox/server.ts';

/**
 * `npm start`: the sandbox EHR and the app (Vite dev server, sandbox mode) together, then one URL to open.
 * Ports: SANDBOX_PORT (default 4000) and APP_PORT (default 5173).
 */
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4000);
const appPort = Number(process.env.APP_PORT ?? 5173);
const appUrl = `http://127.0.0.1:${appPort}/`;

// The app trusts the local sandbox only in this mode (src/config.ts).
process.env.VITE_SANDBOX_ISSUERS = `http://127.0.0.1:${sandboxPort}/fhir`;
const sandbox = await startSandbox({ port: sandboxPort, appUrls: [appUrl] });
const app = await createServer({ mode: 'sandbox', server: { port: appPort, strictPort: true, host: '127.0.0.1' } });
await app.listen();

console.log(`\nTailor is running against the local sandbox EHR (synthetic patients only).\n\n  Open ${sandbox.launcherUrl}\n\n(app ${appUrl}, FHIR ${sandbox.fhirBase}; Ctrl+C stops both)\n`);

async function stop() {
  await Promise.all([app.close(), sandbox.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
