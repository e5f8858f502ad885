import { startStack } from '../../sandbox/stack.ts';
import { APP_PORT, SANDBOX_PORT } from './ports.ts';

/** One built app and one sandbox EHR for the whole end-to-end run. */
export default async function setup() {
  const stack = await startStack({ sandboxPort: SANDBOX_PORT, appPort: APP_PORT, outDir: 'dist-e2e' });
  return () => stack.close();
}
