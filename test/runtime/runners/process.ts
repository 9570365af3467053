import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RuntimeReport } from '../harness.js';

const run = promisify(execFile);

/**
 * Runs `<outDir>/<runtime>.js` with `command` (for example `['deno', 'run']`) and reads the
 * report the entry prints as its last line. Throws when the runtime cannot start or exits badly.
 */
export async function runInProcess(
  runtime: string,
  command: readonly [string, ...string[]],
  outDir: string,
  timeoutMs: number,
): Promise<RuntimeReport> {
  const [file, ...args] = command;
  const { stdout } = await run(file, [...args, `${runtime}.js`], {
    cwd: outDir,
    timeout: timeoutMs,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  });
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return JSON.parse(last) as RuntimeReport;
}
