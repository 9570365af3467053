/**
 * Bundles the conformance suite for the runtime runners. The package resolves its own name
 * through the `exports` map of package.json, so `mamlkit` and `mamlkit/<module>` come from
 * dist/: the cases test what is published, never the sources.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * test/maml/corpus.ts reads test/corpus/macroslow with node:fs. In the bundle, which also runs
 * in a browser, that module is replaced by the list it would have read, so the runtime cases
 * check the same 27 files as the unit tests.
 */
function inlineCorpus(root: string): Plugin {
  return {
    name: 'inline-maml-corpus',
    setup(build) {
      build.onLoad({ filter: /[\\/]test[\\/]maml[\\/]corpus\.ts$/ }, async () => {
        const dir = join(root, 'test/corpus/macroslow');
        const names = (await readdir(dir)).filter((name) => name !== 'SOURCES.md').sort();
        const corpus = await Promise.all(
          names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
        );
        return { contents: `export const corpus = ${JSON.stringify(corpus)};`, loader: 'js' };
      });
    },
  };
}

/** The names of the runtimes that run the suite as a command-line program. */
export type ProcessRuntime = 'node' | 'deno' | 'bun';

/**
 * Bundles test/runtime/suite.ts into `outDir`/suite.js (browsers) and `outDir`/suite-node.js
 * (the `node` condition: Node.js, Deno, Bun), and writes one tiny entry per command-line runtime.
 */
export async function bundleSuite(
  root: string,
  outDir: string,
  runtimes: readonly ProcessRuntime[],
): Promise<void> {
  if (!existsSync(join(root, 'dist/index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // Command-line runtimes resolve `#native` through its `node` condition, browsers through `default`.
  const inputs = await Promise.all(
    (['browser', 'node'] as const).map(async (platform) => {
      const result = await build({
        absWorkingDir: root,
        entryPoints: { [platform === 'node' ? 'suite-node' : 'suite']: 'test/runtime/suite.ts' },
        outdir: outDir,
        bundle: true,
        format: 'esm',
        platform,
        target: 'es2022',
        metafile: true,
        plugins: [inlineCorpus(root)],
        logLevel: 'warning',
        // tsup's entries import shared chunks bare for ordering; "sideEffects": false lets any
        // bundler drop those imports, as esbuild does here, so its warning says nothing new.
        logOverride: { 'ignored-bare-import': 'silent' },
        // Under the `node` condition some dependencies resolve to CommonJS (yaml requires
        // `process`), which an ESM bundle can only call through a real `require`.
        ...(platform === 'node'
          ? {
              banner: {
                js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);",
              },
            }
          : {}),
      });
      return Object.keys(result.metafile.inputs);
    }),
  );
  const fromSources = inputs.flat().filter((path) => path.startsWith('src/'));
  if (fromSources.length > 0) {
    throw new Error(`the suite must import the built package, but it bundled ${fromSources.join(', ')}`);
  }
  if (
    !(inputs[1] ?? []).includes('dist/native/node.js') ||
    (inputs[0] ?? []).includes('dist/native/node.js')
  ) {
    throw new Error('#native must resolve to dist/native/node.js for command-line runtimes only');
  }
  for (const runtime of runtimes) {
    const entry = `import { runSuite } from './suite-node.js';\nconsole.log(JSON.stringify(await runSuite('${runtime}')));\n`;
    await writeFile(join(outDir, `${runtime}.js`), entry);
  }
  console.log(`bundled ${relative(root, join(outDir, 'suite.js'))}`);
}
