/**
 * `npm run test:package`: the packaging gates, run against the built dist/.
 * - publint --strict and attw (ESM-only profile) on the packed tarball;
 * - jsr.json in step with package.json, and `deno publish --dry-run` (Deno type-checks
 *   every JSR export and looks for slow types) without network;
 * - no library file in dist/ (everything but dist/cli/ and dist/native/node.js, the `node`
 *   target of `#native`) imports Node modules or uses Node globals, and none reaches that
 *   target but through `#native`;
 * - each subpath, and each named import of `namedEntries` (`mamlkit/sign#verify`), bundled for
 *   browsers, fits its gzip budget and leaves out what it must.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { measureAll, renderSizeTable, sizeProblems } from './bundle-size.js';
import { scanDistFile } from './dist-scan.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = (name: string): string => join(root, 'node_modules/.bin', name);
const readJson = async <T>(path: string): Promise<T> =>
  JSON.parse(await readFile(join(root, path), 'utf8')) as T;

interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
}
const pkg = await readJson<PackageJson>('package.json');

/** Runs a tool; returns its output as the problem when it fails. */
async function tool(file: string, args: readonly string[]): Promise<string[]> {
  try {
    await promisify(execFile)(file, args, {
      cwd: root,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    return [];
  } catch (error) {
    const {
      stdout = '',
      stderr = '',
      message,
    } = error as { stdout?: string; stderr?: string; message: string };
    return [`${message.split('\n')[0] ?? ''}\n${stdout}${stderr}`.trim()];
  }
}

async function checkJsr(): Promise<string[]> {
  const jsr = await readJson<{ version: string; exports: Record<string, string> }>('jsr.json');
  const problems: string[] = [];
  if (jsr.version !== pkg.version)
    problems.push(`jsr.json version ${jsr.version} differs from package.json ${pkg.version}`);
  const subpaths = (keys: string[]): string => keys.filter((key) => key !== './package.json').join(', ');
  if (subpaths(Object.keys(jsr.exports)) !== subpaths(Object.keys(pkg.exports))) {
    problems.push('jsr.json exports differ from the package.json exports');
  }
  const publish = ['publish', '--dry-run', '--allow-dirty', '--quiet', '--config', 'jsr.json'];
  const offline = ['--sloppy-imports', '--node-modules-dir=manual', '--no-remote'];
  return [...problems, ...(await tool(bin('deno'), [...publish, ...offline]))];
}

/** The `node` target of `#native`: the one library file allowed to import `node:crypto`. */
const nodeTarget = 'native/node.js';

async function checkDist(): Promise<string[]> {
  const files = (await readdir(join(root, 'dist'), { recursive: true }))
    .filter((file) => file.endsWith('.js') && !file.startsWith('cli/') && file !== nodeTarget)
    .sort();
  if (files.length === 0) return ['dist/ has no JavaScript: run `npm run build` first'];
  const dependencies = Object.keys(pkg.dependencies);
  const problems: string[] = [];
  for (const file of files) {
    const code = await readFile(join(root, 'dist', file), 'utf8');
    for (const finding of scanDistFile(code, dependencies))
      problems.push(`dist/${file}:${finding.line}: ${finding.message}`);
    if (code.includes(nodeTarget))
      problems.push(`dist/${file} names ${nodeTarget}: reach it through '#native'`);
  }
  return problems;
}

async function checkSizes(): Promise<string[]> {
  const { sizes, budgets } = await measureAll(root);
  console.log(`${renderSizeTable(sizes, budgets)}\n`);
  return sizes.flatMap((size) => sizeProblems(size, budgets[size.name]));
}

const gates: readonly [string, () => Promise<string[]>][] = [
  ['publint --strict', () => tool(bin('publint'), ['--strict'])],
  ['attw --pack (esm-only)', () => tool(bin('attw'), ['--pack', '.', '--profile', 'esm-only'])],
  ['jsr.json and deno publish --dry-run', checkJsr],
  ['dist/ uses no Node APIs', checkDist],
  ['bundle size per subpath and named import', checkSizes],
];

let failed = 0;
for (const [name, check] of gates) {
  const problems = await check().catch((error: unknown) => [
    error instanceof Error ? error.message : String(error),
  ]);
  console.log(`${problems.length === 0 ? '✓' : '✗'} ${name}`);
  for (const problem of problems) console.log(`  ${problem.replaceAll('\n', '\n  ')}`);
  if (problems.length > 0) failed++;
}
console.log(`package: ${gates.length - failed} gates passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
