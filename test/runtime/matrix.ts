/**
 * The pure parts of the runtime matrix (`npm run test:runtimes`): choosing rows from the
 * command line, judging what a runtime printed on stderr, running rows a few at a time and
 * printing the summary. Unit-tested in test/scripts/runtime-matrix.test.ts.
 */
import type { Backends, RuntimeReport } from './harness.js';

/** One row of the matrix: a runtime name (`node26`, `deno`, …) and how to run the suite in it. */
export interface MatrixRow {
  readonly name: string;
  readonly run: () => Promise<RuntimeReport>;
}

/**
 * The row names given with `--only` (`--only node26`, `--only node20,deno`, or the flag
 * repeated); an empty list means every row. An unknown name is an error that lists the rows.
 *
 * @example
 * ```ts
 * selectedRows(['--only', 'node26,deno'], ['node26', 'deno', 'bun']); // ['node26', 'deno']
 * ```
 */
export function selectedRows(argv: readonly string[], names: readonly string[]): string[] {
  const wanted: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg === '--only' ? argv[++i] : arg.startsWith('--only=') ? arg.slice(7) : undefined;
    if (value === undefined || value === '')
      throw new Error(`unexpected argument ${arg}: use --only <runtime>`);
    wanted.push(...value.split(',').filter((name) => name !== ''));
  }
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown runtime ${unknown.join(', ')}; the rows are ${names.join(', ')}`);
  }
  return wanted.length === 0 ? [...names] : names.filter((name) => wanted.includes(name));
}

/**
 * The failure a row gets for what its runtime printed on stderr. The entry prints its report on
 * stdout only, so anything on stderr (a deprecation or `ExperimentalWarning`, an uncaught
 * rejection) came from the runtime or the library while running the suite: the row fails.
 *
 * @example
 * ```ts
 * stderrFailure('(node:7) ExperimentalWarning: …\n'); // { name: 'stderr is empty', error: '(node:7) …' }
 * stderrFailure(''); // undefined
 * ```
 */
export function stderrFailure(stderr: string): { name: string; error: string } | undefined {
  const lines = stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, 5).join(' ⏎ ');
  return {
    name: 'stderr is empty',
    error: lines.length > 5 ? `${shown} ⏎ … (${lines.length} lines)` : shown,
  };
}

/**
 * A report plus one failure, for a check the runner makes around the suite (stderr, version).
 *
 * @example
 * ```ts
 * withFailure(report, { name: 'version', error: 'expected v26.12.1, got v20.20.2' });
 * ```
 */
export function withFailure(
  report: RuntimeReport,
  failure: { readonly name: string; readonly error: string },
): RuntimeReport {
  return { ...report, failed: report.failed + 1, failures: [...report.failures, failure] };
}

const NOBLE: Backends = { mlDsa: 'noble', 'ml-kem-1024': 'noble', 'x-wing': 'noble' };
const NODE_CRYPTO: Backends = { mlDsa: 'node:crypto', 'ml-kem-1024': 'node:crypto', 'x-wing': 'node:crypto' };
const WEBCRYPTO: Backends = { mlDsa: 'webcrypto', 'ml-kem-1024': 'webcrypto', 'x-wing': 'webcrypto' };

/**
 * The backends each row must select (the library feature-detects them; this pins what the
 * pinned runtimes offer): Node.js 24 and 26 `node:crypto` (never WebCrypto, whose first use
 * warns on 24); Deno WebCrypto's ML-KEM and X25519 but no ML-DSA (it refuses a context); Bun
 * WebCrypto throughout (its `node:crypto` ML-DSA refuses a context); Chromium WebCrypto.
 */
export const EXPECTED_BACKENDS: Readonly<Record<string, Backends>> = {
  node20: NOBLE,
  node22: NOBLE,
  node24: NODE_CRYPTO,
  node26: NODE_CRYPTO,
  deno: { ...WEBCRYPTO, mlDsa: 'noble' },
  bun: WEBCRYPTO,
  chromium: WEBCRYPTO,
};

/**
 * The failure a row gets when its runtime selected other backends than {@link EXPECTED_BACKENDS}
 * says (a native path lost, or one taken where it must not be).
 *
 * @example
 * ```ts
 * backendFailure({ ...report, runtime: 'deno', backends: NOBLE }); // { name: 'backends', error: 'ml-kem-1024 …' }
 * ```
 */
export function backendFailure(report: RuntimeReport): { name: string; error: string } | undefined {
  const expected = EXPECTED_BACKENDS[report.runtime];
  if (expected === undefined) return undefined;
  const { backends } = report;
  if (backends === undefined) return { name: 'backends', error: 'the suite reported no backends' };
  const wrong = (Object.keys(expected) as (keyof Backends)[])
    .filter((operation) => backends[operation] !== expected[operation])
    .map((operation) => `${operation} ran on ${backends[operation]}, expected ${expected[operation]}`);
  return wrong.length === 0 ? undefined : { name: 'backends', error: wrong.join('; ') };
}

/**
 * A runtime that could not start (missing binary, crash, timeout) counts as one failure.
 *
 * @example
 * ```ts
 * didNotRun('bun', new Error('spawn ENOENT')).failed; // 1
 * ```
 */
export function didNotRun(runtime: string, error: unknown): RuntimeReport {
  const message = error instanceof Error ? error.message : String(error);
  return {
    runtime,
    passed: 0,
    failed: 1,
    failures: [{ name: 'runtime did not run', error: message.trim() }],
  };
}

/**
 * Runs every row, at most `concurrency` at a time, and returns the reports in row order. A row
 * that throws becomes a {@link didNotRun} report; this never rejects.
 *
 * @example
 * ```ts
 * const reports = await runRows(rows, 2);
 * ```
 */
export async function runRows(rows: readonly MatrixRow[], concurrency: number): Promise<RuntimeReport[]> {
  const reports: RuntimeReport[] = new Array<RuntimeReport>(rows.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const index = next++;
      const row = rows[index] as MatrixRow;
      reports[index] = await row.run().catch((error: unknown) => didNotRun(row.name, error));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, rows.length)) }, worker));
  return reports;
}

/**
 * The printed summary: one line per runtime with its version, each failure under it, the
 * wall-clock time, and the total as the last line.
 *
 * @example
 * ```ts
 * summary([{ runtime: 'node26', version: 'v26.12.1', passed: 50, failed: 0, failures: [] }], 12.3, 2);
 * // 'node26 v26.12.1: 50 passed, 0 failed\n1 runtime, 2 at a time, in 12.3 s\nruntimes: 50 passed, 0 failed'
 * ```
 */
export function summary(reports: readonly RuntimeReport[], seconds: number, concurrency: number): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const report of reports) {
    const version = report.version === undefined ? '' : ` ${report.version}`;
    const backends =
      report.backends === undefined
        ? ''
        : ` (ML-DSA ${report.backends.mlDsa}, ML-KEM-1024 ${report.backends['ml-kem-1024']}, X-Wing ${report.backends['x-wing']})`;
    lines.push(`${report.runtime}${version}: ${report.passed} passed, ${report.failed} failed${backends}`);
    for (const failure of report.failures) lines.push(`  ✗ ${failure.name}: ${failure.error}`);
    passed += report.passed;
    failed += report.failed;
  }
  const count = `${reports.length} runtime${reports.length === 1 ? '' : 's'}`;
  lines.push(`${count}, ${concurrency} at a time, in ${seconds.toFixed(1)} s`);
  lines.push(`runtimes: ${passed} passed, ${failed} failed`);
  return lines.join('\n');
}
