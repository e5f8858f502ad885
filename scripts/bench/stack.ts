import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { buildSandboxApp } from '../../sandbox/stack.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (name: string) => resolve(ROOT, 'node_modules/.bin', name);

export interface BenchStack {
  appUrl: string;
  sandboxOrigin: string;
  close(): Promise<void>;
}

/**
 * The stack the launch bench drives, each server in its own process: `vite preview` and the sandbox sharing the
 * bench's event loop (as sandbox/stack.ts does for the e2e tests) would be slowed by the bench's own work on every
 * request event, and the timings with them.
 */
export async function startBenchStack(o: { sandboxPort: number; appPort: number; outDir: string }): Promise<BenchStack> {
  const appUrl = `http://127.0.0.1:${o.appPort}/`;
  const sandboxOrigin = `http://127.0.0.1:${o.sandboxPort}`;
  const outDir = await buildSandboxApp(o);
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(children.map((child) => stop(child)));
  };
  try {
    children.push(start(bin('vite'), ['preview', '--mode', 'sandbox', '--outDir', outDir, '--port', String(o.appPort), '--strictPort', '--host', '127.0.0.1', '--logLevel', 'warn']));
    children.push(start(bin('tsx'), [resolve(ROOT, 'sandbox/main.ts')], { SANDBOX_PORT: String(o.sandboxPort), APP_URLS: appUrl }));
    await Promise.all([answers(appUrl, children[0]!), answers(`${sandboxOrigin}/fhir/metadata`, children[1]!)]);
    return { appUrl, sandboxOrigin, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

/** Resolves once url answers; rejects if the process ends first or nothing answers within 60 s. */
async function answers(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited (${child.exitCode}) before ${url} answered`);
    try {
      if ((await fetch(url, { headers: { Connection: 'close' } })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

/** Asks the server to end; one that has not ended 5 s later (open keep-alive connections) is killed. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
