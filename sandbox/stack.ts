import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { startSandbox, type RunningSandbox } from './server.ts';

export interface RunningStack {
  appUrl: string;
  sandbox: RunningSandbox;
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');

/**
 * The production app built in sandbox mode (it trusts the local sandbox's FHIR base), served by `vite preview`, next
 * to a running sandbox EHR: what the end-to-end tests and the benchmark drive a browser against.
 */
export async function startStack(o: { sandboxPort: number; appPort: number; outDir: string }): Promise<RunningStack> {
  const appUrl = `http://127.0.0.1:${o.appPort}/`;
  const outDir = await buildSandboxApp(o);
  const app = await preview({ root, mode: 'sandbox', build: { outDir }, preview: { port: o.appPort, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  const sandbox = await startSandbox({ port: o.sandboxPort, appUrls: [appUrl] });
  return {
    appUrl,
    sandbox,
    close: async () => {
      await sandbox.close();
      await new Promise<void>((ok) => app.httpServer.close(() => ok()));
    },
  };
}

/** The production app built in sandbox mode, trusting the sandbox on sandboxPort; returns the absolute output folder. */
export async function buildSandboxApp(o: { sandboxPort: number; outDir: string }): Promise<string> {
  process.env.VITE_SANDBOX_ISSUERS = `http://127.0.0.1:${o.sandboxPort}/fhir`;
  // Test runners set NODE_ENV=test, which would make Vite bundle React's development build; measure what ships.
  process.env.NODE_ENV = 'production';
  const outDir = resolve(root, o.outDir);
  await build({ root, mode: 'sandbox', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
