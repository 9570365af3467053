/**
 * `npm run test:runtimes [-- --only <runtime>[,<runtime>…]]`: runs the conformance suite against
 * dist/ on every pinned Node.js line (scripts/node-lines.ts, installed first when missing), in
 * Deno, Bun and headless Chromium, two runtimes at a time. Prints one line per runtime with the
 * version it reports, the time and a total, and exits non-zero on any failure, on a runtime that
 * cannot start, on a Node.js binary that is not the pinned version, and on anything a runtime
 * prints on stderr (a warning the library caused fails its row).
 */
import { fileURLToPath } from 'node:url';
import { ensureNodeLines, NODE_LINES, nodeLines, type NodeLine } from '../../scripts/node-lines.js';
import { bundleSuite } from './bundle.js';
import type { RuntimeReport } from './harness.js';
import { backendFailure, runRows, selectedRows, summary, withFailure, type MatrixRow } from './matrix.js';
import { runInChromium } from './runners/chromium.js';
import { runInProcess } from './runners/process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = fileURLToPath(new URL('./.out/', import.meta.url));
const bin = (name: string): string => `${root}node_modules/.bin/${name}`;
const timeoutMs = 120_000;
/** Two cores: two runtimes at a time keeps the machine busy without starving either. */
const concurrency = 2;

/** Runs the suite on one pinned Node.js line and checks the binary is the pinned version. */
async function nodeRow(line: NodeLine, binary: string): Promise<RuntimeReport> {
  const report = await runInProcess(`node${line}`, 'node', [binary], outDir, timeoutMs);
  const expected = `v${NODE_LINES[line]}`;
  return report.version === expected
    ? report
    : withFailure(report, {
        name: 'version',
        error: `expected ${expected}, got ${report.version ?? 'none'}`,
      });
}

const others: readonly MatrixRow[] = [
  {
    name: 'deno',
    run: () =>
      runInProcess(
        'deno',
        'deno',
        // The `node` condition gives yaml's Node build, which reads these two variables (as it
        // does for any Deno program using the npm package); nothing else is allowed.
        [
          bin('deno'),
          'run',
          '--no-prompt',
          '--no-config',
          '--no-lock',
          '--no-remote',
          '--cached-only',
          '--allow-env=LOG_TOKENS,LOG_STREAM',
        ],
        outDir,
        timeoutMs,
      ),
  },
  { name: 'bun', run: () => runInProcess('bun', 'bun', [bin('bun'), 'run'], outDir, timeoutMs) },
  { name: 'chromium', run: () => runInChromium(outDir, timeoutMs) },
];

const names = [...nodeLines().map((line) => `node${line}`), ...others.map((row) => row.name)];
const wanted = ((): string[] => {
  try {
    return selectedRows(process.argv.slice(2), names);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
})();
const lines = nodeLines().filter((line) => wanted.includes(`node${line}`));
const binaries = await ensureNodeLines(lines);
const rows: MatrixRow[] = [
  ...lines.map((line) => ({
    name: `node${line}`,
    run: () => nodeRow(line, binaries.get(line) as string),
  })),
  ...others.filter((row) => wanted.includes(row.name)),
];

const started = performance.now();
await bundleSuite(root, outDir, ['node', 'deno', 'bun']);
// Each row must select the backends its runtime offers (a lost native path fails the row).
const reports = (await runRows(rows, concurrency)).map((report) => {
  const failure = backendFailure(report);
  return failure === undefined ? report : withFailure(report, failure);
});
console.log(summary(reports, (performance.now() - started) / 1000, Math.min(concurrency, rows.length)));
process.exitCode = reports.some((report) => report.failed > 0) ? 1 : 0;
