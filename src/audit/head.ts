import { AuditError } from './errors.js';
import { checkHead } from './fields.js';
import { MAX_AUDIT_ENTRIES } from './limits.js';
import { AUDIT_GENESIS_HEAD, type AuditEntry, type AuditHead } from './types.js';

/**
 * The head of a log: `{ seq, hash }` of its last entry, {@link AUDIT_GENESIS_HEAD} for an
 * empty log. It does not verify anything (use the `head` of {@link verifyAuditLog} for a
 * verified one); it is what an appender keeps between appends and what gets anchored.
 *
 * @throws {AuditError} `ERR_INVALID_ARGUMENT` when `entries` is not an array or its last
 * element has no valid `seq` and `hash`.
 * @example
 * ```ts
 * import { auditHead, createAuditEntry } from 'mamlkit/audit';
 * let head = auditHead(entries); // { seq: 41, hash: 'sha256:…' }
 * const entry = createAuditEntry(head, input, secretKey);
 * head = auditHead([entry]); // store it (Redis, a Durable Object, a file) for the next append
 * ```
 */
export function auditHead(entries: readonly AuditEntry[]): AuditHead {
  if (!Array.isArray(entries)) throw new AuditError('ERR_INVALID_ARGUMENT', 'entries must be an array');
  const last: unknown = entries[entries.length - 1];
  return last === undefined ? AUDIT_GENESIS_HEAD : checkHead(last, 'the last entry');
}

/** Throws unless `entries` is an array of at most {@link MAX_AUDIT_ENTRIES} elements. */
export function checkEntryCount(entries: unknown): readonly unknown[] {
  if (!Array.isArray(entries)) throw new AuditError('ERR_INVALID_ARGUMENT', 'entries must be an array');
  if (entries.length > MAX_AUDIT_ENTRIES) {
    throw new AuditError(
      'ERR_LIMIT_EXCEEDED',
      `at most ${MAX_AUDIT_ENTRIES} entries per call: verify longer logs in segments (option "after")`,
    );
  }
  return entries as readonly unknown[];
}
