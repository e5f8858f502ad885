import { resolve } from 'node:path';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { issuersFor } from './src/config.ts';
import { contentSecurityPolicy, securityHeaders } from './src/csp.ts';
import { headersFile } from './deploy/hostHeaders.ts';

const root = import.meta.dirname;

/** Puts the CSP in every built page. Not in dev: Vite's dev server injects inline scripts for hot reload. */
function contentSecurityPolicyMeta(policy: string): Plugin {
  return {
    name: 'tailor-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

/** Writes `_headers` (Netlify, Cloudflare Pages) with the same policy plus what only a header can carry: frame-ancestors. */
function hostHeadersFile(file: string): Plugin {
  return {
    name: 'tailor-host-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: file });
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, root, 'VITE_'), ...process.env };
  return {
    plugins: [react(), contentSecurityPolicyMeta(contentSecurityPolicy(issuersFor(env))), hostHeadersFile(headersFile(securityHeaders(env)))],
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
