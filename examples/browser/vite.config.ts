import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npx vite build --config examples/browser/vite.config.ts` writes examples/browser/dist/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
