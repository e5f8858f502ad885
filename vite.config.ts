import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  plugins: [react()],
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
});
