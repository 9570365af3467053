import { defineConfig } from 'tsup';

/**
 * One entry per public subpath, the two targets of `#native` (resolved by the package's
 * `imports` conditions when the package is used, so library code leaves it external), and the
 * CLI. Keep this small: any bundler that takes entries works.
 */
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'maml/index': 'src/maml/index.ts',
      'sign/index': 'src/sign/index.ts',
      'envelope/index': 'src/envelope/index.ts',
      'policy/index': 'src/policy/index.ts',
      'audit/index': 'src/audit/index.ts',
      'gate/index': 'src/gate/index.ts',
    },
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    dts: true,
    splitting: true,
    treeshake: true,
    sourcemap: true,
    external: ['#native'],
  },
  {
    entry: { 'native/node': 'src/native/node/index.ts', 'native/default': 'src/native/default.ts' },
    format: 'esm',
    target: 'es2022',
    platform: 'node',
    dts: false,
    splitting: false,
    sourcemap: true,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: 'esm',
    target: 'node20',
    platform: 'node',
    dts: false,
    sourcemap: true,
    external: [/^mamlkit/],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
