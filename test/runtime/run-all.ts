/**
 * `npm run test:runtimes`: runs the conformance suite against dist/ in Node, Deno, Bun and
 * headless Chromium, prints one line per runtime and a total, and exits non-zero on any
 * failure or on a runtime that cannot start.
 */
import { fileURLToPath } from 'node:url';
import { bundleSuite, type ProcessRuntime } from './bundle.js';
import type { RuntimeReport } from './harness.js';
import { runInChromium } from './runners/chromium.js';
import { runInProcess } from './runners/process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = fileURLToPath(new URL('./.out/', import.meta.url));
const bin = (name: string): string => `${root}node_modules/.bin/${name}`;
const timeoutMs = 60_000;

/** How each command-line runtime runs a file. Deno gets no permissions at all. */
const commands: Record<ProcessRuntime, readonly [string, ...string[]]> = {
  node: [process.execPath],
  deno: [bin('deno'), 'run', '--no-prompt', '--no-config', '--no-lock', '--no-remote', '--cached-only'],
  bun: [bin('bun'), 'run'],
};

const runtimes: readonly (readonly [string, () => Promise<RuntimeReport>])[] = [
  ...Object.entries(commands).map(
    ([name, command]) => [name, () => runInProcess(name, command, outDir, timeoutMs)] as const,
  ),
  ['chromium', () => runInChromium(outDir, timeoutMs)],
];

/** A runtime that could not start counts as one failure. */
function didNotRun(runtime: string, error: unknown): RuntimeReport {
  const message = error instanceof Error ? error.message : String(error);
  return {
    runtime,
    passed: 0,
    failed: 1,
    failures: [{ name: 'runtime did not run', error: message.trim() }],
  };
}

await bundleSuite(root, outDir, Object.keys(commands) as ProcessRuntime[]);
const reports = await Promise.all(
  runtimes.map(([name, run]) => run().catch((error: unknown) => didNotRun(name, error))),
);

let passed = 0;
let failed = 0;
for (const report of reports) {
  console.log(`${report.runtime}: ${report.passed} passed, ${report.failed} failed`);
  for (const failure of report.failures) console.log(`  ✗ ${failure.name}: ${failure.error}`);
  passed += report.passed;
  failed += report.failed;
}
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
