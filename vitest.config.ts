import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^mamlkit$/, replacement: src('index.ts') },
      { find: /^mamlkit\/(\w+)$/, replacement: src('$1/index.ts') },
      // The tests run in Node.js, so `#native` takes its `node` condition, as the package does.
      { find: /^#native$/, replacement: src('native/node/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/runtime/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});
