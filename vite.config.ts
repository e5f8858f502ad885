import { resolve } from 'node:path';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { issuersFor } from './src/config.ts';
import { contentSecurityPolicy } from './src/csp.ts';

const root = import.meta.dirname;

/** Puts the CSP in every built page. Not in dev: Vite's dev server injects inline scripts for hot reload. */
function contentSecurityPolicyMeta(policy: string): Plugin {
  return {
    name: 'tailor-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, root, 'VITE_'), ...process.env };
  return {
    plugins: [react(), contentSecurityPolicyMeta(contentSecurityPolicy(issuersFor(env)))],
    // Relative base: the app is served from whatever path an EHR administrator registers.
    base: './',
    build: {
      emptyOutDir: true,
      sourcemap: true,
      rolldownOptions: {
        input: {
          main: resolve(root, 'index.html'),
          launch: resolve(root, 'launch/index.html'),
        },
      },
    },
    worker: {
      format: 'es',
      // Vite keeps @license comments in worker bundles unless told otherwise (stack.md P5).
      rolldownOptions: { output: { comments: { legal: false } } },
    },
    server: { host: '127.0.0.1', port: 5173, strictPort: true },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  };
});
