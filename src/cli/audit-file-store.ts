import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AUDIT_GENESIS_HEAD,
  AuditConflictError,
  AuditError,
  formatAuditLine,
  MAX_AUDIT_LINE_CHARS,
  parseAuditLine,
  type AuditEntry,
  type AuditHead,
  type AuditStore,
} from 'mamlkit/audit';
import { withFileLock, type FileLockOptions } from './audit-lock.js';

/** Most bytes one line can take: every UTF-16 code unit of the longest line as 3 UTF-8 bytes. */
const MAX_LINE_BYTES = 3 * MAX_AUDIT_LINE_CHARS;
const LF = 0x0a;
const CR = 0x0d;
const DECODER = new TextDecoder('utf-8', { fatal: true });
const ENCODER = new TextEncoder();

/** The end of a log file: its head, and what the next append must do. */
export interface FileTail {
  /** The file's size in bytes. */
  readonly size: number;
  /** The head: the last complete line's entry, or the genesis head for an empty file. */
  readonly head: AuditHead;
  /** The last entry has no line break after it (a file written by hand): the next append adds one. */
  readonly unterminated: boolean;
  /** Where a torn last line starts, when there is one (the bytes from here on are not an entry). */
  readonly tornAt?: number;
}

function decodeLine(bytes: Uint8Array): string {
  const end = bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  try {
    return DECODER.decode(bytes.subarray(0, end));
  } catch {
    throw new AuditError('ERR_AUDIT_LOG_SYNTAX', 'a line is not UTF-8');
  }
}

/** True when `bytes` (no line break after them) are a whole entry rather than a torn one. */
function isWholeLine(bytes: Uint8Array): boolean {
  try {
    parseAuditLine(decodeLine(bytes));
    return true;
  } catch (error) {
    if (error instanceof AuditError && error.code === 'ERR_AUDIT_LOG_SYNTAX') return false;
    throw error;
  }
}

function tornTailError(offset: number): AuditError {
  return new AuditError(
    'ERR_AUDIT_TORN_TAIL',
    `torn tail after byte ${offset}: the last line was cut off by a crash (run 'mamlkit audit repair')`,
    { offset },
  );
}

function lineTooLong(): AuditError {
  return new AuditError('ERR_LIMIT_EXCEEDED', `a line is longer than ${MAX_LINE_BYTES} bytes`);
}

/**
 * Reads the end of an open log file: at most one line's worth of bytes, so the cost does not
 * depend on the log's length. A last line without a line break is the torn tail of a crashed
 * write unless it is a whole entry (which only a hand-written file has).
 */
export async function readTail(handle: FileHandle): Promise<FileTail> {
  return tailBefore(handle, (await handle.stat()).size);
}

/** {@link readTail} of the file's first `size` bytes. */
async function tailBefore(handle: FileHandle, size: number): Promise<FileTail> {
  if (size === 0) return { size, head: AUDIT_GENESIS_HEAD, unterminated: false };
  const length = Math.min(size, MAX_LINE_BYTES + 2);
  const start = size - length;
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, start);
  if (bytesRead !== length) throw new AuditError('ERR_AUDIT_LOG_SYNTAX', 'the log changed while it was read');
  const terminated = bytes[length - 1] === LF;
  const body = terminated ? bytes.subarray(0, length - 1) : bytes;
  const lastBreak = body.lastIndexOf(LF);
  if (lastBreak === -1 && start > 0) throw lineTooLong();
  const line = body.subarray(lastBreak + 1);
  if (!terminated && !isWholeLine(line)) {
    const tornAt = start + lastBreak + 1;
    if (tornAt === 0) return { size, head: AUDIT_GENESIS_HEAD, unterminated: false, tornAt };
    return { ...(await tailBefore(handle, tornAt)), size, tornAt };
  }
  const { seq, hash } = parseAuditLine(decodeLine(line));
  return { size, head: { seq, hash }, unterminated: !terminated };
}

/** The tail an append goes on: refused when it is torn. */
async function settledTail(handle: FileHandle): Promise<FileTail> {
  const end = await readTail(handle);
  if (end.tornAt !== undefined) throw tornTailError(end.tornAt);
  return end;
}

/**
 * Compare-and-append: appends the entry's line after `end` with one write, then makes it durable
 * (fsync); refuses with {@link AuditConflictError} when the entry does not follow `end`'s head.
 */
async function writeEntry(handle: FileHandle, path: string, end: FileTail, entry: AuditEntry): Promise<void> {
  if (end.head.hash !== entry.prev || end.head.seq !== entry.seq - 1) {
    throw new AuditConflictError(
      end.head,
      `the log's head is seq ${end.head.seq}, not the entry's previous (seq ${entry.seq - 1}): another writer appended first`,
    );
  }
  const line = ENCODER.encode(`${formatAuditLine(entry)}\n`);
  await appendOnce(handle, end.unterminated ? new Uint8Array([LF, ...line]) : line);
  await handle.sync();
  if (end.size === 0) await syncDirectory(path);
}

/** Options of {@link fileAuditStore}. */
export type FileAuditStoreOptions = FileLockOptions;

/** A file log: an {@link AuditStore} and the repair of a torn tail. */
export interface FileAuditStore extends AuditStore {
  /** Where a torn last line starts, if the log has one. */
  tornTail(): Promise<number | undefined>;
  /** Cuts the log at `offset` if it still has a torn tail starting there; true when it did. */
  repair(offset: number): Promise<boolean>;
}

/** Writes all of `bytes` with one write call at the end of the file (O_APPEND). */
async function appendOnce(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
  if (bytesWritten !== bytes.length) {
    throw new AuditError('ERR_AUDIT_TORN_TAIL', `only ${bytesWritten} of ${bytes.length} bytes were written`);
  }
}

/** Makes a new file's directory entry durable. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function withLog<T>(path: string, flags: string, step: (handle: FileHandle) => Promise<T>): Promise<T> {
  const handle = await open(path, flags);
  try {
    return await step(handle);
  } finally {
    await handle.close();
  }
}

/**
 * Splits a file's first `size` bytes into lines, one chunk in memory at a time. A last line
 * without a line break that is not a whole entry ends the iteration with `ERR_AUDIT_TORN_TAIL`.
 */
async function* fileLines(path: string, size: number): AsyncGenerator<string> {
  if (size === 0) return;
  let pending: Uint8Array = new Uint8Array(0);
  let offset = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: size - 1, highWaterMark: 64 * 1024 })) {
    let data = chunk as Uint8Array;
    if (pending.length > 0) {
      const joined = new Uint8Array(pending.length + data.length);
      joined.set(pending);
      joined.set(data, pending.length);
      data = joined;
    }
    let start = 0;
    for (let end = data.indexOf(LF); end !== -1; end = data.indexOf(LF, start)) {
      yield decodeLine(data.subarray(start, end));
      offset += end + 1 - start;
      start = end + 1;
    }
    pending = data.slice(start);
    if (pending.length > MAX_LINE_BYTES) throw lineTooLong();
  }
  if (pending.length === 0) return;
  if (!isWholeLine(pending)) throw tornTailError(offset);
  yield decodeLine(pending);
}

/**
 * The `mamlkit` command line's {@link AuditStore}: a JSON Lines file. An append takes the lock
 * file `PATH.lock` (O_EXCL, stale-lock detection), reads only the tail to find the head, and
 * writes the line with one write call followed by an fsync, so its cost does not depend on the
 * log's length and an acknowledged entry survives a crash. A torn last line (a crash mid-write)
 * stops appends until {@link FileAuditStore.repair} cuts it.
 */
export function fileAuditStore(path: string, options: FileAuditStoreOptions = {}): FileAuditStore {
  const lockPath = `${path}.lock`;
  const locked = <T>(step: () => Promise<T>): Promise<T> => withFileLock(lockPath, step, options);
  const tail = (): Promise<FileTail | undefined> =>
    withLog(path, 'r', readTail).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
  return {
    async head() {
      // Without the lock first; a tail that looks torn may be a write in progress, so look again under it.
      const seen = await tail();
      const settled = seen?.tornAt === undefined ? seen : await locked(tail);
      if (settled?.tornAt !== undefined) throw tornTailError(settled.tornAt);
      return settled?.head ?? AUDIT_GENESIS_HEAD;
    },
    async append(entry: AuditEntry) {
      await locked(() =>
        withLog(path, 'a+', async (handle) => {
          await writeEntry(handle, path, await settledTail(handle), entry);
        }),
      );
    },
    appendNext(create: (head: AuditHead) => AuditEntry) {
      return locked(() =>
        withLog(path, 'a+', async (handle) => {
          const end = await settledTail(handle);
          const entry = create(end.head);
          await writeEntry(handle, path, end, entry);
          return entry;
        }),
      );
    },
    async *lines() {
      // The size under the lock: every write before it is complete.
      const size = await locked(async () => (await tail())?.size ?? 0);
      yield* fileLines(path, size);
    },
    async tornTail() {
      return (await locked(tail))?.tornAt;
    },
    async repair(offset: number) {
      return locked(() =>
        withLog(path, 'r+', async (handle) => {
          if ((await readTail(handle)).tornAt !== offset) return false;
          await handle.truncate(offset);
          await handle.sync();
          return true;
        }),
      );
    },
  };
}
