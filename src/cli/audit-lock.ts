import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, EXIT_USAGE } from './errors.js';
import { trackTemporary } from './io.js';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock older than this is stale whoever holds it (a reused pid, another host); default 30 s. */
  readonly staleMs?: number;
  /** How long to wait for the lock before giving up; default 60 s. */
  readonly waitMs?: number;
}

/** What a lock file holds: who took it and when. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly time: number;
  readonly nonce: string;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_WAIT_MS = 60_000;

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** True when process `pid` runs on this host (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrorCode(error, 'ESRCH');
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    const ok =
      Number.isSafeInteger(value.pid) &&
      typeof value.host === 'string' &&
      Number.isFinite(value.time) &&
      typeof value.nonce === 'string';
    return ok ? (value as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a lock file is stale: its owner is a dead process on this host, or it is older than
 * `staleMs`. A file without a readable owner (its creator died before writing it) is judged by
 * its modification time.
 */
async function isStale(path: string, text: string, staleMs: number): Promise<boolean> {
  const owner = parseOwner(text);
  if (owner === undefined) {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > staleMs;
  }
  if (owner.host === hostname() && !isRunning(owner.pid)) return true;
  return Date.now() - owner.time > staleMs;
}

/**
 * Removes a stale lock, but only the one that was judged: under a second, short-lived lock
 * (`.break`), the lock file must still hold `seen`, so a waiter that judged an old lock never
 * removes the fresh lock another waiter took meanwhile.
 */
async function breakStaleLock(path: string, seen: string, staleMs: number): Promise<void> {
  const breaker = `${path}.break`;
  let handle;
  try {
    handle = await open(breaker, 'wx');
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) throw error;
    const info = await stat(breaker).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > staleMs)
      await unlink(breaker).catch(() => undefined);
    return;
  }
  const untrack = trackTemporary(breaker);
  try {
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === seen) await unlink(path).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(breaker).catch(() => undefined);
    untrack();
  }
}

/** A held lock: the owner text it holds and the function that stops tracking it for removal. */
interface HeldLock {
  readonly text: string;
  readonly untrack: () => void;
}

/**
 * Tries once to create the lock file exclusively (O_EXCL). When it did, the lock is tracked as a
 * temporary of the run: a signal or a crash removes it, if it still holds this owner (or nothing
 * yet, when the owner was not written).
 */
async function tryLock(path: string): Promise<HeldLock | undefined> {
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    time: Date.now(),
    nonce: randomBytes(12).toString('hex'),
  };
  const text = JSON.stringify(owner);
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return undefined;
    throw error;
  }
  const untrack = trackTemporary(path, () => {
    const now = readFileSync(path, 'utf8');
    if (now === text || now === '') unlinkSync(path);
  });
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return { text, untrack };
}

/**
 * Runs `step` holding the lock file `path` (created with O_EXCL, holding the owner's pid, host
 * and time). A stale lock (dead owner on this host, or older than `staleMs`) is removed; a live
 * one is waited for, with short random pauses, up to `waitMs`. The lock is removed afterwards
 * unless someone judged it stale and took over meanwhile.
 */
export async function withFileLock<T>(
  path: string,
  step: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  let mine: HeldLock | undefined;
  for (let pause = 1; (mine = await tryLock(path)) === undefined; pause = Math.min(pause * 2, 32)) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined && (await isStale(path, text, staleMs))) {
      await breakStaleLock(path, text, staleMs);
      continue;
    }
    if (Date.now() > deadline) {
      const owner = text === undefined ? undefined : parseOwner(text);
      const who = owner === undefined ? '' : ` by pid ${owner.pid} on ${owner.host}`;
      throw new CliError('ERR_LOCKED', `${path} is held${who}: gave up waiting`, EXIT_USAGE);
    }
    await sleep(Math.random() * pause);
  }
  try {
    return await step();
  } finally {
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === mine.text) await unlink(path).catch(() => undefined);
    mine.untrack();
  }
}
