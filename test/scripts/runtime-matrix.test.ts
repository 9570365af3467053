import { describe, expect, it } from 'vitest';
import { nodeLines, NODE_LINES, parseNodeLine } from '../../scripts/node-lines.js';
import type { RuntimeReport } from '../runtime/harness.js';
import {
  backendFailure,
  didNotRun,
  EXPECTED_BACKENDS,
  runRows,
  selectedRows,
  stderrFailure,
  summary,
} from '../runtime/matrix.js';

const names = ['node20', 'node26', 'deno', 'bun', 'chromium'];
const report = (runtime: string, failed = 0): RuntimeReport => ({
  runtime,
  version: 'v1',
  passed: 3,
  failed,
  failures: Array.from({ length: failed }, () => ({ name: 'case', error: 'broke' })),
});

describe('runtime matrix rows', () => {
  it('every pinned Node.js line is a row, oldest first, with an exact version', () => {
    expect(nodeLines()).toEqual([20, 22, 24, 26]);
    for (const line of nodeLines()) expect(NODE_LINES[line]).toMatch(new RegExp(`^${line}\\.\\d+\\.\\d+$`));
  });

  it('--only picks rows by name, comma-separated or repeated, in matrix order', () => {
    expect(selectedRows([], names)).toEqual(names);
    expect(selectedRows(['--only', 'node26'], names)).toEqual(['node26']);
    expect(selectedRows(['--only', 'deno,node20'], names)).toEqual(['node20', 'deno']);
    expect(selectedRows(['--only=bun', '--only', 'chromium'], names)).toEqual(['bun', 'chromium']);
  });

  it('an unknown row or a stray argument is an error that names the rows', () => {
    expect(() => selectedRows(['--only', 'node18'], names)).toThrow(
      /unknown runtime node18; the rows are node20/,
    );
    expect(() => selectedRows(['--only'], names)).toThrow(/use --only <runtime>/);
    expect(() => selectedRows(['node26'], names)).toThrow(/unexpected argument node26/);
  });

  it('parseNodeLine reads 26, node26 and v26, and rejects lines that are not pinned', () => {
    expect(parseNodeLine('26')).toBe(26);
    expect(parseNodeLine('node22')).toBe(22);
    expect(parseNodeLine('v20')).toBe(20);
    expect(() => parseNodeLine('18')).toThrow(/pinned lines are 20, 22, 24, 26/);
    expect(() => parseNodeLine('26.12.1')).toThrow(/unknown Node.js line/);
  });
});

describe('runtime matrix checks', () => {
  it("a warning on stderr fails the row (Node.js 24's ExperimentalWarning for WebCrypto ML-DSA)", () => {
    const stderr =
      '(node:21005) ExperimentalWarning: The ML-DSA-87 Web Crypto API algorithm is an experimental feature and might change at any time\n(Use `node --trace-warnings ...` to show where the warning was created)\n';
    const failure = stderrFailure(stderr);
    expect(failure?.name).toBe('stderr is empty');
    expect(failure?.error).toContain('ExperimentalWarning: The ML-DSA-87 Web Crypto API');
    expect(stderrFailure('')).toBeUndefined();
    expect(stderrFailure('\n  \n')).toBeUndefined();
    expect(stderrFailure('a\nb\nc\nd\ne\nf\ng\n')?.error).toBe('a ⏎ b ⏎ c ⏎ d ⏎ e ⏎ … (7 lines)');
  });

  it('a row that throws counts as one failure; reports keep row order at any concurrency', async () => {
    const rows = ['a', 'b', 'c'].map((name, i) => ({
      name,
      run: async (): Promise<RuntimeReport> => {
        await new Promise((resolve) => setTimeout(resolve, (3 - i) * 5));
        if (name === 'b') throw new Error('spawn ENOENT');
        return report(name);
      },
    }));
    for (const concurrency of [1, 2, 5]) {
      const reports = await runRows(rows, concurrency);
      expect(reports.map((r) => r.runtime)).toEqual(['a', 'b', 'c']);
      expect(reports[1]).toEqual(didNotRun('b', new Error('spawn ENOENT')));
      expect(reports[1]?.failed).toBe(1);
    }
  });

  it('the summary ends with the total line and lists each failure under its runtime', () => {
    expect(summary([report('node26'), report('deno', 1)], 12.34, 2)).toBe(
      [
        'node26 v1: 3 passed, 0 failed',
        'deno v1: 3 passed, 1 failed',
        '  ✗ case: broke',
        '2 runtimes, 2 at a time, in 12.3 s',
        'runtimes: 6 passed, 1 failed',
      ].join('\n'),
    );
  });

  it('issue 17: a row whose runtime selected other backends than pinned fails, naming each operation', () => {
    const noble = { mlDsa: 'noble', 'ml-kem-1024': 'noble', 'x-wing': 'noble' } as const;
    expect(backendFailure({ ...report('deno'), backends: EXPECTED_BACKENDS.deno ?? noble })).toBeUndefined();
    expect(backendFailure({ ...report('deno'), backends: noble })).toEqual({
      name: 'backends',
      error: 'ml-kem-1024 ran on noble, expected webcrypto; x-wing ran on noble, expected webcrypto',
    });
    expect(
      backendFailure({ ...report('node24'), backends: { ...noble, mlDsa: 'webcrypto' } })?.error,
    ).toContain('mlDsa ran on webcrypto, expected node:crypto');
    expect(backendFailure(report('chromium'))).toEqual({
      name: 'backends',
      error: 'the suite reported no backends',
    });
    expect(backendFailure(report('elsewhere'))).toBeUndefined();
  });

  it('the summary shows the backends a row selected', () => {
    const backends = { mlDsa: 'noble', 'ml-kem-1024': 'webcrypto', 'x-wing': 'webcrypto' } as const;
    expect(summary([{ ...report('deno'), backends }], 1, 1).split('\n')[0]).toBe(
      'deno v1: 3 passed, 0 failed (ML-DSA noble, ML-KEM-1024 webcrypto, X-Wing webcrypto)',
    );
  });
});
