import { inspect } from 'node:util';
import { MamlkitError } from 'mamlkit';

/** Exit status: success. */
export const EXIT_OK = 0;
/** Exit status: the input was checked and rejected (diagnostics, bad signature, refused gate, tampered envelope). */
export const EXIT_REJECTED = 1;
/** Exit status: usage or I/O error (bad options, unreadable file, refusing to overwrite). */
export const EXIT_USAGE = 2;
/** Exit status: standard output was closed by its reader (EPIPE), as if killed by SIGPIPE (128 + 13). */
export const EXIT_OUTPUT_CLOSED = 141;

/** An error of the command line itself: a stable code, one line of message, an exit status. */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode: number = EXIT_USAGE, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
    this.name = 'CliError';
  }
}

/** A usage error (exit status 2). */
export function usageError(message: string): CliError {
  return new CliError('ERR_USAGE', message);
}

/**
 * Runs `step`, turning a library error into a usage error (exit status 2) that names `source`:
 * for inputs the command was given to work with (key files, provider names), not the data it judges.
 */
export function asUsageError<T>(source: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof MamlkitError) {
      const { code, message } = error as MamlkitError;
      throw new CliError(code, source === '' ? message : `${source}: ${message}`, EXIT_USAGE, {
        cause: error,
      });
    }
    throw error;
  }
}

interface SystemError {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly message: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as Partial<SystemError>).syscall === 'string';
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
  EPIPE: 'the output was closed',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EDQUOT: 'disk quota exceeded',
};

/**
 * The error of a failed write to standard output: its reader closed it (EPIPE, exit status 141,
 * reported by no message) or it failed otherwise (`ERR_IO: standard output: …`, exit status 2).
 *
 * @example
 * outputError(Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC', syscall: 'write' })).message;
 * // 'standard output: no space left on device'
 */
export function outputError(error: unknown): CliError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EPIPE') {
    return new CliError('ERR_OUTPUT_CLOSED', 'standard output was closed', EXIT_OUTPUT_CLOSED, {
      cause: error,
    });
  }
  const reason = (typeof code === 'string' ? FS_REASONS[code] : undefined) ?? (error as Error).message;
  return new CliError('ERR_IO', `standard output: ${reason}`, EXIT_USAGE, { cause: error });
}

/** Why a system call failed, in words (`is a directory`), or `undefined` for anything but a system error. */
export function systemErrorReason(error: unknown): string | undefined {
  return isSystemError(error) ? (FS_REASONS[error.code] ?? error.message) : undefined;
}

/** The one line, the exit status and the stack (for `--debug`) describing a thrown value. */
export function describeError(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) return { line: `${error.code}: ${error.message}`, exitCode: error.exitCode };
  if (error instanceof MamlkitError) {
    const { code, message } = error as MamlkitError;
    return { line: `${code}: ${message}`, exitCode: EXIT_REJECTED };
  }
  if (isSystemError(error)) {
    const where = error.path ?? error.syscall;
    return { line: `ERR_IO: ${where}: ${systemErrorReason(error) ?? ''}`, exitCode: EXIT_USAGE };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return { line: `ERR_USAGE: ${(error as Error).message}`, exitCode: EXIT_USAGE };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `ERR_INTERNAL: ${message} (run again with --debug to see where)`, exitCode: EXIT_USAGE };
}

/** The stack of an error and of its causes, for `--debug`. */
export function errorStack(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && parts.length < 8;) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : inspect(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}
