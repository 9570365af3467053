import { randomBytes } from 'node:crypto';
import { createReadStream, unlinkSync } from 'node:fs';
import { chmod, link, lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError, EXIT_REJECTED, EXIT_USAGE, outputError, systemErrorReason } from './errors.js';

/** `-` names standard input or output. */
export const STDIO = '-';

/** Mode of files holding secrets (keys, opened plaintext): readable and writable by the owner only. */
export const SECRET_MODE = 0o600;
/** Mode of other new files, before the umask. */
const PUBLIC_MODE = 0o666;

/** Bytes per read from a file. */
const READ_CHUNK = 1024 * 1024;

/** The role of a positional file argument in messages (`input file 'x.md'`). */
export const INPUT_FILE = 'input file';
/** The role of an output path chosen by the command, not by `--out` (`output file 'x.mkenv'`). */
export const OUTPUT_FILE = 'output file';

/**
 * How a path is named in messages, with where it came from: the option that gave it
 * (`--keyring k.jwk`) or its role (`input file 'x.md'`); standard input is named as such.
 *
 * @example
 * ```ts
 * sourceName('--keyring', 'k.jwk'); // "--keyring k.jwk"
 * sourceName(INPUT_FILE, 'x.md'); // "input file 'x.md'"
 * ```
 */
export function sourceName(source: string, path: string): string {
  if (path === STDIO) return `${source} (standard input)`;
  return source.startsWith('-') ? `${source} ${path}` : `${source} '${path}'`;
}

/**
 * A system error (`EISDIR`, `ENOENT`…) met while reading or writing `path` as a one-line
 * `ERR_IO` error naming the path and its source; any other error is returned as it is.
 *
 * @example
 * ```ts
 * ioError(eisdir, '--keyring', 'k.jwk').message; // "--keyring k.jwk: is a directory"
 * ```
 */
export function ioError(error: unknown, source: string, path: string): unknown {
  const reason = systemErrorReason(error);
  if (reason === undefined) return error;
  return new CliError('ERR_IO', `${sourceName(source, path)}: ${reason}`, EXIT_USAGE, { cause: error });
}

/**
 * Runs a file operation on `path`, naming `path` and `source` in its system errors ({@link ioError}).
 *
 * @example
 * ```ts
 * await namingErrors('audit log', log, () => appendAudit(fileAuditStore(log), entry, key));
 * ```
 */
export async function namingErrors<T>(source: string, path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw ioError(error, source, path);
  }
}

/** Chunks of `chunks`, with their system errors naming `path` and `source`. */
async function* namedChunks(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  path: string,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (error) {
    throw ioError(error, source, path);
  }
}

/**
 * The bytes of a file, or of standard input for `-`, as chunks; `end` is the last byte offset to
 * read. Read errors name the path and `source`.
 */
export function byteSource(
  path: string,
  source: string,
  range: { readonly start?: number; readonly end?: number } = {},
): AsyncIterable<Uint8Array> {
  const chunks =
    path === STDIO ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK, ...range });
  return namedChunks(chunks, source, path);
}

/**
 * Feeds every byte of a file (or of standard input for `-`) to a running hash, one chunk at a
 * time: memory stays constant whatever the size. Read errors name the path and `source`.
 */
export async function hashInput<H extends { readonly update: (bytes: Uint8Array) => unknown }>(
  path: string,
  source: string,
  hasher: H,
): Promise<H> {
  for await (const chunk of byteSource(path, source)) hasher.update(chunk);
  return hasher;
}

/** Collects at most `maxBytes + 1` bytes of a source: one byte more than a limit lets the library report the limit. */
export async function readAll(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source) {
    const part = chunk.subarray(0, Math.max(0, maxBytes + 1 - length));
    parts.push(part);
    length += part.length;
    if (length > maxBytes) break;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** Reads a file (or standard input for `-`), at most `maxBytes + 1` bytes (see {@link readAll}). */
export function readInput(path: string, maxBytes: number, source: string): Promise<Uint8Array> {
  return readAll(byteSource(path, source, { end: maxBytes }), maxBytes);
}

/** Decodes UTF-8 text, refusing invalid bytes. */
export function decodeText(bytes: Uint8Array, path: string, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError('ERR_ENCODING', `${sourceName(source, path)} is not UTF-8 text`, EXIT_REJECTED);
  }
}

/** Reads a UTF-8 text file (or standard input) of at most `maxBytes` (one more byte is read so the library can report its limit). */
export async function readText(path: string, maxBytes: number, source: string): Promise<string> {
  return decodeText(await readInput(path, maxBytes, source), path, source);
}

/**
 * Reads a file (or standard input) of at most `maxBytes`, refusing larger inputs: for limits of
 * the command line itself, where no library call would report the extra byte.
 */
export async function readLimited(path: string, maxBytes: number, source: string): Promise<Uint8Array> {
  const bytes = await readInput(path, maxBytes, source);
  if (bytes.length > maxBytes) {
    throw new CliError(
      'ERR_LIMIT_EXCEEDED',
      `${sourceName(source, path)} is larger than ${maxBytes} bytes`,
      EXIT_REJECTED,
    );
  }
  return bytes;
}

/** Reads UTF-8 text of at most `maxBytes`, refusing larger inputs (see {@link readLimited}). */
export async function readLimitedText(path: string, maxBytes: number, source: string): Promise<string> {
  return decodeText(await readLimited(path, maxBytes, source), path, source);
}

/** How a path is named in messages. */
export function displayName(path: string): string {
  return path === STDIO ? '<stdin>' : path;
}

/** The size of a regular file, or `undefined` for standard input and other streams. */
export async function fileSize(path: string, source: string): Promise<number | undefined> {
  if (path === STDIO) return undefined;
  const info = await namingErrors(source, path, () => stat(path));
  return info.isFile() ? info.size : undefined;
}

/** What is at `path` (not following a last symbolic link), or `undefined` when nothing is. */
async function entryAt(path: string, source: string): Promise<'directory' | 'other' | undefined> {
  try {
    return (await lstat(path)).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw ioError(error, source, path);
  }
}

/**
 * Refuses an output path that is a directory (or is written as one, `dir/`), and one that exists
 * when `force` is not set (checked again when the file is put in place).
 */
export async function refuseOverwrite(path: string, force: boolean, source: string): Promise<void> {
  if (path === STDIO) return;
  const entry = await entryAt(path, source);
  if (entry === 'directory' || path.endsWith('/')) {
    const what = entry === 'directory' ? 'is a directory' : 'names a directory';
    throw new CliError('ERR_IO', `${sourceName(source, path)}: ${what}; name a file to write`);
  }
  if (entry !== undefined && !force) throw existsError(path, source);
}

function existsError(path: string, source: string): CliError {
  return new CliError('ERR_EXISTS', `${sourceName(source, path)} already exists; pass --force to replace it`);
}

/** How {@link writeAtomically} creates its file. */
export interface AtomicWriteOptions {
  /** Replace an existing file; without it an existing file is an error, even one created meanwhile. */
  readonly force: boolean;
  /** Mode of the new file (default {@link PUBLIC_MODE}, less the umask). */
  readonly mode?: number;
  /** Give the new file the mode of the file it replaces (for in-place edits). */
  readonly keepMode?: boolean;
  /** Where the path came from (`--out`, {@link OUTPUT_FILE}), named in errors instead of the temporary file. */
  readonly source: string;
}

/** Cleanup steps of what this run created and has not yet put in place, by the file they remove. */
const cleanups = new Map<string, () => void>();

/**
 * Registers a synchronous step that removes `path` (a temporary file, a lock file) should the
 * run end before it is done with it: {@link removeTemporaries} runs every step still registered
 * when a signal or an unexpected error ends the process. Returns the function that unregisters it.
 *
 * @example
 * const done = trackTemporary('.out.1a2b.tmp');
 * // … write and rename the file …
 * done();
 */
export function trackTemporary(
  path: string,
  remove: () => void = () => {
    unlinkSync(path);
  },
): () => void {
  cleanups.set(path, remove);
  return () => {
    cleanups.delete(path);
  };
}

/**
 * Removes every temporary file and lock still registered by {@link trackTemporary}
 * (synchronously: it runs in signal handlers just before the process exits).
 *
 * @example
 * process.on('SIGTERM', () => {
 *   removeTemporaries();
 *   process.exit(143);
 * });
 */
export function removeTemporaries(): void {
  for (const [path, remove] of cleanups) {
    try {
      remove();
    } catch {
      // already gone
    }
    cleanups.delete(path);
  }
}

/**
 * The file an in-place write replaces: `path` itself, or for a symbolic link the real file it
 * points to (so the link stays a link and its target gets the new content).
 */
async function realTarget(path: string): Promise<string> {
  const info = await lstat(path).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  });
  return info?.isSymbolicLink() === true ? realpath(path) : path;
}

/**
 * Writes a file through a temporary file next to it, which becomes `path` only after `write`
 * succeeded: a failure, a signal or an unexpected error leaves no partial file behind. Replacing
 * a symbolic link (`force`) writes to the file it points to; `keepMode` gives the new file the
 * mode of the one it replaces, from the start. System errors name `path` and its source, never
 * the temporary file.
 */
export function writeAtomically(
  path: string,
  options: AtomicWriteOptions,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  return namingErrors(options.source, path, () => writeThroughTemporary(path, options, write));
}

async function writeThroughTemporary(
  path: string,
  options: AtomicWriteOptions,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const target = options.force ? await realTarget(path) : path;
  const mode = options.keepMode === true ? (await stat(target)).mode & 0o7777 : undefined;
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const untrack = trackTemporary(temporary);
  let placed = false;
  try {
    const handle = await open(temporary, 'wx', mode ?? options.mode ?? PUBLIC_MODE);
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temporary, mode);
    if (options.force) await rename(temporary, target);
    else await placeNew(temporary, target, options.source);
    placed = true;
  } finally {
    if (!placed) await unlink(temporary).catch(() => undefined);
    untrack();
  }
}

/** Puts `temporary` at `path` only if nothing is there (a hard link fails when the name exists). */
async function placeNew(temporary: string, path: string, source: string): Promise<void> {
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') throw existsError(path, source);
    throw error;
  }
  await unlink(temporary);
}

/** Writes all of `bytes` at the handle's position. */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Refuses to write a binary envelope to standard output when it is a terminal, where it would
 * garble the screen and be lost: `--out -` belongs in a pipe or a redirection.
 *
 * @example
 * ```ts
 * refuseBinaryToTerminal(out, 'pass --armor for text, or --out FILE');
 * ```
 */
export function refuseBinaryToTerminal(path: string, instead: string): void {
  if (path === STDIO && process.stdout.isTTY) {
    throw new CliError(
      'ERR_USAGE',
      `the output is a binary envelope and standard output is a terminal: ${instead} (or redirect it: > FILE)`,
    );
  }
}

/** Writes bytes to standard output, waiting until they are handed over. */
export function writeStdout(bytes: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(outputError(error));
    };
    try {
      process.stdout.write(bytes, (error) => {
        if (error === null || error === undefined) resolve();
        else fail(error);
      });
    } catch (error) {
      fail(error);
    }
  });
}

/** Writes a whole output: standard output for `-`, else a file through {@link writeAtomically}. */
export async function writeOutput(
  path: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions,
): Promise<void> {
  if (path === STDIO) return writeStdout(data);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  await writeAtomically(path, options, (handle) => writeAll(handle, bytes));
}
