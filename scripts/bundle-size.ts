/**
 * Bundles each public subpath the way an application would (minified, dependencies
 * included, for browsers), measures it gzipped, and checks it against its budget and
 * against the modules it must never pull in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** One measured subpath. */
export interface SubpathSize {
  readonly subpath: string;
  readonly minified: number;
  readonly gzip: number;
  /** Every file esbuild put in the bundle, relative to the package root. */
  readonly inputs: readonly string[];
}

/** Bundled dependency code a subpath must not contain, with the files allowed anyway. */
export interface InputRule {
  /** Path under `node_modules/` (a package or one of its folders) that is forbidden. */
  readonly forbid: string;
  /** Files under `forbid` (paths under `node_modules/`) that are allowed. */
  readonly except?: readonly string[];
}

/**
 * What each subpath must not bundle. Policy holds no encryption or signature code: only
 * SHA-256 and HMAC from @noble/hashes (and the files `sha2.js` imports), for cache keys.
 * Documents can be parsed without the post-quantum code.
 */
export const inputRules: Readonly<Record<string, readonly InputRule[]>> = {
  'mamlkit/policy': [
    {
      forbid: '@noble/',
      except: ['sha2.js', '_md.js', '_u64.js', 'hmac.js', 'utils.js'].map((file) => `@noble/hashes/${file}`),
    },
  ],
  'mamlkit/maml': [{ forbid: '@noble/post-quantum/' }],
};

/** The `node` target of `#native`, which a browser bundle must never contain. */
const nodeTarget = 'dist/native/node.js';

/** The path of a bundled file under its last `node_modules/`, or `undefined` for the package's own files. */
function dependencyPath(input: string): string | undefined {
  const at = input.lastIndexOf('node_modules/');
  return at === -1 ? undefined : input.slice(at + 'node_modules/'.length);
}

/** The public subpaths (`mamlkit`, `mamlkit/maml`, …) of the package's `exports` map. */
export function subpathsOf(pkg: { name: string; exports: Record<string, unknown> }): string[] {
  return Object.keys(pkg.exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));
}

/** Bundles everything `subpath` exports, resolved through the package's own exports map (dist/). */
export async function measureSubpath(root: string, subpath: string): Promise<SubpathSize> {
  const result = await build({
    stdin: { contents: `export * from '${subpath}';`, resolveDir: root, loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    subpath,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
  };
}

/** What is wrong with a measured subpath: over budget, or containing a forbidden module. */
export function sizeProblems(size: SubpathSize, budget: number | undefined): string[] {
  const problems: string[] = [];
  if (budget === undefined) problems.push(`${size.subpath}: no budget in bench/size-budget.json`);
  else if (size.gzip > budget)
    problems.push(`${size.subpath}: ${size.gzip} B gzip is over its budget of ${budget} B`);
  const nodeOnly = size.inputs.filter((input) => input === nodeTarget || input.startsWith('node:'));
  if (nodeOnly.length > 0) problems.push(`${size.subpath}: a browser bundle includes ${nodeOnly.join(', ')}`);
  for (const { forbid, except = [] } of inputRules[size.subpath] ?? []) {
    const found = size.inputs.filter((input) => {
      const path = dependencyPath(input);
      return path !== undefined && path.startsWith(forbid) && !except.includes(path);
    });
    if (found.length > 0) {
      const allowed = except.length > 0 ? ` (except ${except.join(', ')})` : '';
      problems.push(`${size.subpath} must not include ${forbid}${allowed}, but bundles ${found.join(', ')}`);
    }
  }
  return problems;
}

/** Budgets in gzipped bytes per subpath, from bench/size-budget.json. */
export type SizeBudgets = Readonly<Record<string, number>>;

/** Measures every public subpath of the package at `root` and reads the budgets. */
export async function measureAll(root: string): Promise<{ sizes: SubpathSize[]; budgets: SizeBudgets }> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Parameters<
    typeof subpathsOf
  >[0];
  const budgets = JSON.parse(await readFile(join(root, 'bench/size-budget.json'), 'utf8')) as SizeBudgets;
  const sizes = await Promise.all(subpathsOf(pkg).map((subpath) => measureSubpath(root, subpath)));
  return { sizes, budgets };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** A markdown table of the sizes, their budgets and how much of each budget is used. */
export function renderSizeTable(sizes: readonly SubpathSize[], budgets: SizeBudgets): string {
  const rows = sizes.map((size) => {
    const budget = budgets[size.subpath];
    const used = budget === undefined ? 'no budget' : `${Math.round((size.gzip / budget) * 100)}%`;
    return `| \`${size.subpath}\` | ${kib(size.minified)} | ${kib(size.gzip)} | ${budget === undefined ? '' : kib(budget)} | ${used} |`;
  });
  return [
    '| subpath | minified | gzip | budget (gzip) | used |',
    '| :-- | --: | --: | --: | --: |',
    ...rows,
  ].join('\n');
}
