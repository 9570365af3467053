/**
 * `npm run bench [-- <name>...] [--node <line>] [--chromium]`: runs bench/<name>.bench.ts (every
 * bench file when no name is given), prints a markdown table per group and writes them to
 * bench/.out/<name>.md. `--node 26` runs the same benches on that pinned Node.js line
 * (scripts/node-lines.ts, installed first when missing) by starting this script again under it;
 * bench/.out/<name>.node26.md then holds its tables. `--chromium` runs the benches that need no
 * Node.js module (all of them when no name is given) in headless Chromium instead
 * (bench/chromium.ts), into bench/.out/<name>.chromium.md. `npm run bench` builds first, so
 * bench files measure the built package.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNodeLines, NODE_LINES, parseNodeLine, type NodeLine } from '../scripts/node-lines.js';
import { BROWSER_BENCHES, measureInChromium } from './chromium.js';
import { measureGroup, type BenchGroup } from './harness.js';
import { renderGroup } from './report.js';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const outDir = `${benchDir}.out/`;
const suffix = '.bench.ts';

/** The bench names, the `--node` line and `--chromium` of the command line. */
function parseArguments(argv: readonly string[]): { names: string[]; line?: NodeLine; chromium: boolean } {
  const names: string[] = [];
  let line: NodeLine | undefined;
  let chromium = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--chromium') {
      chromium = true;
    } else if (arg === '--node' || arg.startsWith('--node=')) {
      line = parseNodeLine((arg === '--node' ? argv[++i] : arg.slice(7)) ?? '');
    } else {
      names.push(arg);
    }
  }
  return line === undefined ? { names, chromium } : { names, line, chromium };
}

const { names: wanted, line, chromium } = parseArguments(process.argv.slice(2));
if (line !== undefined && process.version !== `v${NODE_LINES[line]}`) {
  const binary = (await ensureNodeLines([line])).get(line) as string;
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(binary, ['--expose-gc', '--import', 'tsx', script, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const available = (await readdir(benchDir))
  .filter((f) => f.endsWith(suffix))
  .map((f) => f.slice(0, -suffix.length));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(1);
}

const runtime = `node ${process.version}`;
const machine = (): string =>
  `Node.js ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${new Date().toISOString()}, load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`;

await mkdir(outDir, { recursive: true });
if (chromium) {
  const names = wanted.length > 0 ? wanted : BROWSER_BENCHES;
  const nodeOnly = names.filter((name) => !BROWSER_BENCHES.includes(name));
  if (nodeOnly.length > 0) {
    console.error(`${nodeOnly.join(', ')} need Node.js; in Chromium: ${BROWSER_BENCHES.join(', ')}`);
    process.exit(1);
  }
  const started = new Date().toISOString();
  const { version, benches } = await measureInChromium(benchDir, names);
  const browser = `chromium ${version}`;
  for (const [name, groups] of benches) {
    const header = `## ${name}\n\nChromium ${version} (headless), ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, started ${started}, load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}\n`;
    const tables = groups.map((group) =>
      renderGroup(group.title, group.timings, group.note, {
        statistic: group.interleaved ? 'best' : 'median',
        runtime: browser,
      }),
    );
    const markdown = [header, ...tables].join('\n');
    console.log(markdown);
    await writeFile(`${outDir}${name}.chromium.md`, markdown);
  }
  process.exit(0);
}
for (const name of wanted.length > 0 ? wanted : available) {
  const module = (await import(pathToFileURL(`${benchDir}${name}${suffix}`).href)) as {
    default: () => Promise<BenchGroup[]>;
  };
  const sections = [`## ${name}\n\n${machine()}\n`];
  for (const group of await module.default()) {
    const timings = await measureGroup(group, (benchCase) => {
      process.stderr.write(`${name} › ${group.title} › ${benchCase.name}\n`);
    });
    const statistic = group.interleaved === true ? 'best' : 'median';
    await group.close?.();
    sections.push(renderGroup(group.title, timings, group.note, { statistic, runtime }));
  }
  const markdown = sections.join('\n');
  console.log(markdown);
  await writeFile(`${outDir}${name}${line === undefined ? '' : `.node${line}`}.md`, markdown);
}
