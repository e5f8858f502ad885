import { defineConfig } from 'vitest/config';

/** End-to-end tests: one sandbox EHR and one built app for the whole run, files one after another, real Chromium. */
export default defineConfig({
  test: {
    root: import.meta.dirname + '/../..',
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
