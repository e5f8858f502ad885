import { createRequire } from 'node:module';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

const require = createRequire(import.meta.url);

export default defineConfig((env) =>
  mergeConfig(viteConfig(env), {
    resolve: {
      // fhirclient's package.json "main" is its Node entry; the app uses the browser one (stack.md P3).
      alias: [{ find: /^fhirclient$/, replacement: require.resolve('fhirclient/lib/entry/browser.js') }],
    },
    test: {
      environment: 'node',
      setupFiles: ['./test/setup.ts'],
      include: ['test/**/*.test.{ts,tsx}'],
      exclude: ['test/e2e/**', 'node_modules/**'],
      // Generous caps, not speed assertions: property tests run thousands of cases and CI has two busy cores.
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
