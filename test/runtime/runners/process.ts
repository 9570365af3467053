import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ProcessRuntime } from '../bundle.js';
import type { RuntimeReport } from '../harness.js';
import { stderrFailure, withFailure } from '../matrix.js';

const run = promisify(execFile);

/** The environment of a runtime under test: the caller's, without options that load code into Node. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Runs `<outDir>/<entry>.js` with `command` (for example `['deno', 'run']`) and reads the
 * report the entry prints as its last line, naming the row `row`. Throws when the runtime
 * cannot start or exits badly; anything printed on stderr fails the row.
 */
export async function runInProcess(
  row: string,
  entry: ProcessRuntime,
  command: readonly [string, ...string[]],
  outDir: string,
  timeoutMs: number,
): Promise<RuntimeReport> {
  const [file, ...args] = command;
  const { stdout, stderr } = await run(file, [...args, `${entry}.js`], {
    cwd: outDir,
    timeout: timeoutMs,
    env: cleanEnv(),
  });
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  const report = { ...(JSON.parse(last) as RuntimeReport), runtime: row };
  const noise = stderrFailure(stderr);
  return noise === undefined ? report : withFailure(report, noise);
}
