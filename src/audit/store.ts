import type { SigningSecretKey } from '../sign/index.js';
import { createAuditEntry, type AuditEntryInput, type CreateAuditEntryOptions } from './create.js';
import { AuditConflictError, AuditError } from './errors.js';
import type { AuditEntry, AuditHead } from './types.js';

/**
 * Where a log lives, as compare-and-append on its head: a file (the `mamlkit` command line's
 * file store), Redis ({@link createRedisAuditStore}) or anything else that can hold an ordered
 * list of lines and swap its head atomically (docs/spec/audit.md, "Stores").
 *
 * @example
 * ```ts
 * import { createRedisAuditStore, type AuditStore } from 'mamlkit/audit';
 * const store: AuditStore = createRedisAuditStore(evalScript, { name: 'prod' });
 * const head = await store.head(); // AUDIT_GENESIS_HEAD for an empty log
 * ```
 */
export interface AuditStore {
  /** The head of the log now: its last entry's `seq` and `hash`, `AUDIT_GENESIS_HEAD` when empty. */
  head(): Promise<AuditHead>;
  /**
   * Appends `entry` if and only if the log's head is still the entry's `prev` (and `seq - 1`).
   * Resolves once the entry is durable in the store (acknowledged); rejects with
   * {@link AuditConflictError} carrying the current head when another writer got there first.
   */
  append(entry: AuditEntry): Promise<void>;
  /**
   * The stored lines (JSON Lines, without line breaks) from the first entry on, read in bounded
   * pages, so that a reader holds one page at a time whatever the log's length. A store that
   * finds a torn last line (a crash mid-write) ends the iteration with `ERR_AUDIT_TORN_TAIL`.
   */
  lines(): AsyncIterable<string>;
  /**
   * Optional, for a store that serialises its writers itself (a lock): creates the entry with
   * `create` on the head it holds, inside that lock, and appends it. No signature is then wasted
   * on a lost race; {@link appendAudit} uses it when it is there.
   */
  appendNext?(create: (head: AuditHead) => AuditEntry): Promise<AuditEntry>;
}

/** Options of {@link appendAudit}. */
export interface AppendAuditOptions extends CreateAuditEntryOptions {
  /** Attempts before giving up with `ERR_AUDIT_CONTENDED`; default {@link DEFAULT_AUDIT_APPEND_ATTEMPTS}. */
  readonly maxAttempts?: number;
  /**
   * Called after a lost race, before the next attempt (attempt numbers from 1): wait here (a
   * random delay spreads contending writers out). The library itself never waits.
   */
  readonly beforeRetry?: (attempt: number, head: AuditHead) => Promise<void> | void;
  /**
   * Stamps each entry when it is created (every attempt, inside a store's lock) instead of
   * using `input.at`, so that a writer that waited never writes a time earlier than the entries
   * appended meanwhile. Pass `() => new Date()`.
   */
  readonly clock?: () => Date;
}

/** Attempts {@link appendAudit} makes by default: 64. */
export const DEFAULT_AUDIT_APPEND_ATTEMPTS: number = 64;

function attemptsOption(options: AppendAuditOptions): number {
  const attempts = options.maxAttempts ?? DEFAULT_AUDIT_APPEND_ATTEMPTS;
  if (!Number.isSafeInteger(attempts) || attempts < 1) {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'maxAttempts must be a positive integer');
  }
  return attempts;
}

/**
 * Creates, signs and appends the entry that follows the store's head. A store with
 * `appendNext` creates it under its own lock; otherwise, when another writer appended first (the store refuses with {@link AuditConflictError}), the entry is created
 * again on the new head and appended again, up to `maxAttempts` times. Resolves with the
 * entry once the store acknowledged it: its `seq` and `hash` are the log's new head.
 *
 * @throws {AuditError} `ERR_AUDIT_CONTENDED` after `maxAttempts` lost races; what
 * {@link createAuditEntry} throws for bad input; what the store throws (I/O, a torn tail).
 * @example
 * ```ts
 * import { appendAudit, auditSubject, createRedisAuditStore } from 'mamlkit/audit';
 * const store = createRedisAuditStore(evalScript, { name: 'prod' });
 * const entry = await appendAudit(
 *   store,
 *   { actor: 'gateway://prod', action: 'EXECUTE', subject: auditSubject(id, text), at: new Date() },
 *   secretKey,
 *   { beforeRetry: () => new Promise((r) => setTimeout(r, Math.random() * 5)) },
 * );
 * ```
 */
export async function appendAudit(
  store: AuditStore,
  input: AuditEntryInput,
  secretKey: SigningSecretKey,
  options: AppendAuditOptions = {},
): Promise<AuditEntry> {
  const attempts = attemptsOption(options);
  const create = { deterministic: options.deterministic === true };
  const { clock } = options;
  const make = (head: AuditHead): AuditEntry =>
    createAuditEntry(head, clock === undefined ? input : { ...input, at: clock() }, secretKey, create);
  if (store.appendNext !== undefined) return store.appendNext(make);
  let head = await store.head();
  for (let attempt = 1; ; attempt++) {
    const entry = make(head);
    try {
      await store.append(entry);
      return entry;
    } catch (error) {
      if (!(error instanceof AuditConflictError)) throw error;
      if (attempt >= attempts) {
        throw new AuditError(
          'ERR_AUDIT_CONTENDED',
          `gave up after ${attempts} attempts: other writers kept moving the head (now seq ${error.head.seq})`,
          { cause: error },
        );
      }
      head = error.head;
      await options.beforeRetry?.(attempt, head);
    }
  }
}
