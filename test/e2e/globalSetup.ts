import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { startSandbox } from '../../sandbox/server.ts';
import { APP_PORT, APP_URL, FHIR_BASE, SANDBOX_PORT } from './ports.ts';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'dist-e2e');

/** Builds the production app in sandbox mode, serves it with `vite preview`, and starts the sandbox EHR. */
export default async function setup() {
  process.env.VITE_SANDBOX_ISSUERS = FHIR_BASE;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; test what ships.
  process.env.NODE_ENV = 'production';
  await build({ root, mode: 'sandbox', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const app = await preview({ root, mode: 'sandbox', build: { outDir }, preview: { port: APP_PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  const sandbox = await startSandbox({ port: SANDBOX_PORT, appUrls: [APP_URL] });
  return async () => {
    await sandbox.close();
    await new Promise<void>((ok) => app.httpServer.close(() => ok()));
  };
}
