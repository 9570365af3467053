import { MamlkitError, type CommonErrorCode, type MamlkitErrorOptions } from '../errors.js';
import type { AuditHead } from './types.js';

/** Codes of errors thrown by `mamlkit/audit` (audit trail). */
export type AuditErrorCode =
  /** An entry, or the input to create one, does not follow docs/spec/audit.md (field, type, Unicode form). */
  | 'ERR_AUDIT_ENTRY_FORMAT'
  /** A JSON Lines line is empty or not JSON (the error's `line` says which). */
  | 'ERR_AUDIT_LOG_SYNTAX'
  /** A MAML document has no usable `id`, or an entry is about another document. */
  | 'ERR_AUDIT_SUBJECT'
  /** Compare-and-append lost: the log's head is no longer the entry's `prev` ({@link AuditConflictError}). */
  | 'ERR_AUDIT_CONFLICT'
  /** `appendAudit` lost the race on every attempt it was allowed. */
  | 'ERR_AUDIT_CONTENDED'
  /** The log ends in a torn line (a crash mid-write): the error's `offset` is where it starts. */
  | 'ERR_AUDIT_TORN_TAIL';

/** Options of {@link AuditError}: the common ones plus the 1-based line of a JSON Lines log. */
export interface AuditErrorOptions extends MamlkitErrorOptions {
  readonly line?: number;
  /** Byte offset in a log file (for `ERR_AUDIT_TORN_TAIL`: where the torn tail starts). */
  readonly offset?: number;
}

/**
 * Error thrown by `mamlkit/audit`. Its `code` is a {@link AuditErrorCode} or a common code;
 * errors about one line of a JSON Lines log carry its 1-based `line`.
 *
 * @example
 * ```ts
 * import { AuditError, parseAuditLog } from 'mamlkit/audit';
 * try {
 *   parseAuditLog(text);
 * } catch (error) {
 *   if (error instanceof AuditError) console.error(error.code, error.line, error.message);
 * }
 * ```
 */
export class AuditError extends MamlkitError<AuditErrorCode | CommonErrorCode> {
  /** The 1-based line of the JSON Lines log the error is about, when there is one. */
  readonly line?: number;
  /** The byte offset in a log file the error is about, when there is one. */
  readonly offset?: number;

  constructor(code: AuditErrorCode | CommonErrorCode, message: string, options: AuditErrorOptions = {}) {
    super(code, message, options);
    if (options.line !== undefined) this.line = options.line;
    if (options.offset !== undefined) this.offset = options.offset;
  }
}

/**
 * Compare-and-append lost the race (`ERR_AUDIT_CONFLICT`): another writer moved the log's head
 * since the entry was created, so the entry's `prev` is no longer the head. `head` is the head
 * the store holds now: create the entry again on it (`appendAudit` does).
 *
 * @example
 * ```ts
 * import { AuditConflictError, createAuditEntry } from 'mamlkit/audit';
 * try {
 *   await store.append(entry);
 * } catch (error) {
 *   if (!(error instanceof AuditConflictError)) throw error;
 *   await store.append(createAuditEntry(error.head, input, secretKey));
 * }
 * ```
 */
export class AuditConflictError extends AuditError {
  /** The store's head when the append was refused. */
  readonly head: AuditHead;

  constructor(head: AuditHead, message: string) {
    super('ERR_AUDIT_CONFLICT', message);
    this.head = head;
  }
}
