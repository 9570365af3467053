import { randomBytes } from 'node:crypto';
import { createReadStream, unlinkSync } from 'node:fs';
import { chmod, link, lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError, EXIT_REJECTED, outputError } from './errors.js';

/** `-` names standard input or output. */
export const STDIO = '-';

/** Mode of files holding secrets (keys, opened plaintext): readable and writable by the owner only. */
export const SECRET_MODE = 0o600;
/** Mode of other new files, before the umask. */
const PUBLIC_MODE = 0o666;

/** Bytes per read from a file. */
const READ_CHUNK = 1024 * 1024;

/** The bytes of a file, or of standard input for `-`, as chunks; `end` is the last byte offset to read. */
export function byteSource(
  path: string,
  range: { readonly start?: number; readonly end?: number } = {},
): AsyncIterable<Uint8Array> {
  if (path === STDIO) return process.stdin;
  return createReadStream(path, { highWaterMark: READ_CHUNK, ...range });
}

/**
 * Feeds every byte of a file (or of standard input for `-`) to a running hash, one chunk at a
 * time: memory stays constant whatever the size.
 */
export async function hashInput<H extends { readonly update: (bytes: Uint8Array) => unknown }>(
  path: string,
  hasher: H,
): Promise<H> {
  for await (const chunk of byteSource(path)) hasher.update(chunk);
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
export function readInput(path: string, maxBytes: number): Promise<Uint8Array> {
  return readAll(byteSource(path, { end: maxBytes }), maxBytes);
}

/** Decodes UTF-8 text, refusing invalid bytes. */
export function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError('ERR_ENCODING', `${displayName(path)} is not UTF-8 text`, EXIT_REJECTED);
  }
}

/** Reads a UTF-8 text file (or standard input) of at most `maxBytes` (one more byte is read so the library can report its limit). */
export async function readText(path: string, maxBytes: number): Promise<string> {
  return decodeText(await readInput(path, maxBytes), path);
}

/**
 * Reads a file (or standard input) of at most `maxBytes`, refusing larger inputs: for limits of
 * the command line itself, where no library call would report the extra byte.
 */
export async function readLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  const bytes = await readInput(path, maxBytes);
  if (bytes.length > maxBytes) {
    throw new CliError(
      'ERR_LIMIT_EXCEEDED',
      `${displayName(path)} is larger than ${maxBytes} bytes`,
      EXIT_REJECTED,
    );
  }
  return bytes;
}

/** Reads UTF-8 text of at most `maxBytes`, refusing larger inputs (see {@link readLimited}). */
export async function readLimitedText(path: string, maxBytes: number): Promise<string> {
  return decodeText(await readLimited(path, maxBytes), path);
}

/** How a path is named in messages. */
export function displayName(path: string): string {
  return path === STDIO ? '<stdin>' : path;
}

/** The size of a regular file, or `undefined` for standard input and other streams. */
export async function fileSize(path: string): Promise<number | undefined> {
  if (path === STDIO) return undefined;
  const info = await stat(path);
  return info.isFile() ? info.size : undefined;
}

/** Whether something exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
}

/** Refuses to go on when `path` exists and `force` is not set (checked again when the file is put in place). */
export async function refuseOverwrite(path: string, force: boolean): Promise<void> {
  if (path !== STDIO && !force && (await exists(path))) throw existsError(path);
}

function existsError(path: string): CliError {
  return new CliError('ERR_EXISTS', `${path} already exists; pass --force to replace it`);
}

/** How {@link writeAtomically} creates its file. */
export interface AtomicWriteOptions {
  /** Replace an existing file; without it an existing file is an error, even one created meanwhile. */
  readonly force: boolean;
  /** Mode of the new file (default {@link PUBLIC_MODE}, less the umask). */
  readonly mode?: number;
  /** Give the new file the mode of the file it replaces (for in-place edits). */
  readonly keepMode?: boolean;
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
 * mode of the one it replaces, from the start.
 */
export async function writeAtomically(
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
    else await placeNew(temporary, target);
    placed = true;
  } finally {
    if (!placed) await unlink(temporary).catch(() => undefined);
    untrack();
  }
}

/** Puts `temporary` at `path` only if nothing is there (a hard link fails when the name exists). */
async function placeNew(temporary: string, path: string): Promise<void> {
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') throw existsError(path);
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
