/**
 * Bundles each public subpath the way an application would (minified, dependencies
 * included, for browsers), and some of their exports alone (`mamlkit/sign#verify`), measures
 * each bundle gzipped, and checks it against its budget and against the modules it must never
 * pull in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** What to bundle: a whole public subpath, or only some of its exports. */
export interface SizeEntry {
  /** The subpath, or `subpath#part` for some of its exports: the key of its budget. */
  readonly name: string;
  readonly subpath: string;
  /** The exports an application imports; every export of the subpath when absent. */
  readonly imports?: readonly string[];
}

/**
 * Bundles of some exports only, each with its own budget: what an application that uses only
 * these pays. Verifying signatures needs no YAML reader: only `signMaml` parses the document.
 */
export const namedEntries: readonly SizeEntry[] = [
  {
    name: 'mamlkit/sign#verify',
    subpath: 'mamlkit/sign',
    imports: [
      'createTrustStore',
      'importSigningPublicJwk',
      'verifyMaml',
      'parseDetachedSignature',
      'detachedHasher',
      'verifyDetached',
      'SignError',
    ],
  },
];

/** One measured bundle. */
export interface BundleSize {
  /** The entry's name: a subpath, or `subpath#part` for some of its exports. */
  readonly name: string;
  readonly minified: number;
  readonly gzip: number;
  /** Every file with code in the bundle, relative to the package root. */
  readonly inputs: readonly string[];
}

/** Bundled dependency code an entry must not contain, with the files allowed anyway. */
export interface InputRule {
  /** Path under `node_modules/` (a package or one of its folders) that is forbidden. */
  readonly forbid: string;
  /** Files under `forbid` (paths under `node_modules/`) that are allowed. */
  readonly except?: readonly string[];
}

/**
 * What each entry must not bundle. Policy holds no encryption or signature code: only
 * SHA-256 and HMAC from @noble/hashes (and the files `sha2.js` imports), for cache keys.
 * Documents can be parsed without the post-quantum code, and signatures verified without the YAML
 * reader or the schema.
 */
export const inputRules: Readonly<Record<string, readonly InputRule[]>> = {
  'mamlkit/policy': [
    {
      forbid: '@noble/',
      except: ['sha2.js', '_md.js', '_u64.js', 'hmac.js', 'utils.js'].map((file) => `@noble/hashes/${file}`),
    },
  ],
  'mamlkit/maml': [{ forbid: '@noble/post-quantum/' }],
  'mamlkit/sign#verify': [{ forbid: 'yaml/' }, { forbid: 'valibot/' }],
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

/** The module an application would write to use `entry`: it re-exports what the entry names. */
export function entryModule({ subpath, imports }: SizeEntry): string {
  return imports === undefined
    ? `export * from '${subpath}';`
    : `export { ${imports.join(', ')} } from '${subpath}';`;
}

/** Bundles what `entry` names, resolved through the package's own exports map (dist/). */
export async function measureEntry(root: string, entry: SizeEntry): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entryModule(entry), resolveDir: root, loader: 'js' },
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
    name: entry.name,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    // Every file esbuild read is in `metafile.inputs`, also those whose code was all dropped.
    inputs: Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input),
  };
}

/** What is wrong with a measured bundle: over budget, or containing a forbidden module. */
export function sizeProblems(size: BundleSize, budget: number | undefined): string[] {
  const problems: string[] = [];
  if (budget === undefined) problems.push(`${size.name}: no budget in bench/size-budget.json`);
  else if (size.gzip > budget)
    problems.push(`${size.name}: ${size.gzip} B gzip is over its budget of ${budget} B`);
  const nodeOnly = size.inputs.filter((input) => input === nodeTarget || input.startsWith('node:'));
  if (nodeOnly.length > 0) problems.push(`${size.name}: a browser bundle includes ${nodeOnly.join(', ')}`);
  for (const { forbid, except = [] } of inputRules[size.name] ?? []) {
    const found = size.inputs.filter((input) => {
      const path = dependencyPath(input);
      return path !== undefined && path.startsWith(forbid) && !except.includes(path);
    });
    if (found.length > 0) {
      const allowed = except.length > 0 ? ` (except ${except.join(', ')})` : '';
      problems.push(`${size.name} must not include ${forbid}${allowed}, but bundles ${found.join(', ')}`);
    }
  }
  return problems;
}

/** Budgets in gzipped bytes per entry name, from bench/size-budget.json. */
export type SizeBudgets = Readonly<Record<string, number>>;

/** Measures every public subpath of the package at `root` and every named entry, and reads the budgets. */
export async function measureAll(root: string): Promise<{ sizes: BundleSize[]; budgets: SizeBudgets }> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Parameters<
    typeof subpathsOf
  >[0];
  const budgets = JSON.parse(await readFile(join(root, 'bench/size-budget.json'), 'utf8')) as SizeBudgets;
  const entries = [...subpathsOf(pkg).map((subpath) => ({ name: subpath, subpath })), ...namedEntries];
  const sizes = await Promise.all(entries.map((entry) => measureEntry(root, entry)));
  return { sizes, budgets };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** A markdown table of the sizes, their budgets and how much of each budget is used. */
export function renderSizeTable(sizes: readonly BundleSize[], budgets: SizeBudgets): string {
  const rows = sizes.map((size) => {
    const budget = budgets[size.name];
    const used = budget === undefined ? 'no budget' : `${Math.round((size.gzip / budget) * 100)}%`;
    return `| \`${size.name}\` | ${kib(size.minified)} | ${kib(size.gzip)} | ${budget === undefined ? '' : kib(budget)} | ${used} |`;
  });
  return [
    '| bundle | minified | gzip | budget (gzip) | used |',
    '| :-- | --: | --: | --: | --: |',
    ...rows,
  ].join('\n');
}
