/**
 * `npm run bench [-- <name>...]`: runs bench/<name>.bench.ts (every bench file when no name
 * is given), prints a markdown table per group and writes them to bench/.out/<name>.md.
 * `npm run bench` builds first, so bench files measure the built package.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureCase, measureInterleaved, type BenchGroup } from './harness.js';
import { renderGroup } from './report.js';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const outDir = `${benchDir}.out/`;
const suffix = '.bench.ts';

const available = (await readdir(benchDir))
  .filter((f) => f.endsWith(suffix))
  .map((f) => f.slice(0, -suffix.length));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(1);
}

const machine = (): string =>
  `Node.js ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${new Date().toISOString()}, load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`;
await mkdir(outDir, { recursive: true });
for (const name of wanted.length > 0 ? wanted : available) {
  const module = (await import(pathToFileURL(`${benchDir}${name}${suffix}`).href)) as {
    default: () => Promise<BenchGroup[]>;
  };
  const sections = [`## ${name}\n\n${machine()}\n`];
  for (const group of await module.default()) {
    const timings = [];
    if (group.interleave === true) {
      process.stderr.write(`${name} › ${group.title} › ${group.cases.map((c) => c.name).join(' ⇄ ')}\n`);
      timings.push(...(await measureInterleaved(group.cases)));
    } else {
      for (const benchCase of group.cases) {
        process.stderr.write(`${name} › ${group.title} › ${benchCase.name}\n`);
        timings.push(await measureCase(benchCase));
      }
    }
    await group.close?.();
    sections.push(renderGroup(group.title, timings, group.note));
  }
  const markdown = sections.join('\n');
  console.log(markdown);
  await writeFile(`${outDir}${name}.md`, markdown);
}
