import { constants } from 'node:os';
import { describeError, errorStack, EXIT_OUTPUT_CLOSED, outputError } from './errors.js';
import { removeTemporaries } from './io.js';

/** The signals that end a run: a closed terminal or dropped session, Ctrl-C, `kill`. */
const ENDING_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;

let reported = false;

/** Writes to standard error, ignoring a standard error that is gone (a closed terminal). */
function writeStderr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // nowhere left to report to
  }
}

/**
 * Reports why a run failed, once per run: one line on standard error (with the stack for
 * `--debug`), nothing at all when standard output was closed by its reader. Returns the exit status.
 *
 * @example
 * process.exitCode = reportFailure(new CliError('ERR_USAGE', 'seal needs --keyring'), false); // 2
 */
export function reportFailure(error: unknown, debug: boolean): number {
  const { line, exitCode } = describeError(error);
  if (reported || exitCode === EXIT_OUTPUT_CLOSED) return exitCode;
  reported = true;
  writeStderr(`mamlkit: ${line}\n`);
  if (debug) writeStderr(`${errorStack(error)}\n`);
  return exitCode;
}

/** Removes this run's temporaries, then ends the process with `status`. */
function endNow(status: number): never {
  removeTemporaries();
  process.exit(status);
}

/**
 * Makes every way a run can end leave nothing behind: SIGHUP, SIGINT and SIGTERM remove the
 * temporary files and locks of the run and exit with 128 + the signal's number; an error on
 * standard output (the reader closed it: status 141, no message; a full disk: one line, status 2)
 * and an uncaught exception or unhandled rejection (one line, status 2) do the same.
 *
 * @example
 * installExitHandlers(process.argv.includes('--debug'));
 */
export function installExitHandlers(debug: boolean): void {
  for (const signal of ENDING_SIGNALS) {
    process.on(signal, () => {
      writeStderr(`\nmamlkit: interrupted (${signal}); no partial output was kept\n`);
      endNow(128 + constants.signals[signal]);
    });
  }
  process.stdout.on('error', (error) => endNow(reportFailure(outputError(error), debug)));
  process.stderr.on('error', () => undefined);
  const crash = (error: unknown): never => endNow(reportFailure(error, debug));
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
