import { defineConfig } from 'tsup';

/** The public subpaths: one declaration bundle each (the JavaScript keeps every module). */
const subpaths = {
  index: 'src/index.ts',
  'maml/index': 'src/maml/index.ts',
  'sign/index': 'src/sign/index.ts',
  'envelope/index': 'src/envelope/index.ts',
  'policy/index': 'src/policy/index.ts',
  'audit/index': 'src/audit/index.ts',
  'gate/index': 'src/gate/index.ts',
};

/**
 * The library is compiled module by module, not bundled into shared chunks: with
 * `"sideEffects": false` an application's bundler then drops every module it does not use
 * (a bundle of `verifyMaml` alone leaves out the YAML reader, which a shared chunk that
 * imports `yaml` would keep). The two targets of `#native` are bundled on their own (the
 * package's `imports` conditions pick one when the package is used), and so is the CLI.
 */
export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/cli/**', '!src/native/node/**', '!src/native/default.ts'],
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    bundle: false,
    dts: { entry: subpaths },
    sourcemap: true,
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
