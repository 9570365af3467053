/** Why a log did not verify. Stable strings; docs/spec/audit.md says which mutation gives which. */
export type AuditFailureReason =
  /** The entry does not follow the format (a member missing or unknown, a bad type, a string not NFC). */
  | 'AUDIT_MALFORMED'
  /** The entry's content does not match its `hash`: a field was edited. */
  | 'AUDIT_TAMPERED'
  /** The ML-DSA signature does not match the entry, or claims another algorithm than the key's. */
  | 'AUDIT_BAD_SIGNATURE'
  /** The signer's key id is not in the trust store. */
  | 'AUDIT_UNKNOWN_SIGNER'
  /** The signer's key id is revoked in the trust store. */
  | 'AUDIT_REVOKED_SIGNER'
  /** The trust store does not accept the signer's algorithm. */
  | 'AUDIT_ALGORITHM_NOT_ALLOWED'
  /** The signer's key is past its `notAfter` (at `now`, or at the entry's time). */
  | 'AUDIT_SIGNER_EXPIRED'
  /** The entry's time is later than the verification time plus the clock-skew allowance. */
  | 'AUDIT_TIME_IN_FUTURE'
  /** The entry does not link to the one before it: an entry was deleted, or this one was inserted. */
  | 'AUDIT_BROKEN_LINK'
  /** The entry belongs elsewhere in the log: entries were swapped or moved. */
  | 'AUDIT_REORDERED'
  /** The entry links correctly but its `seq` is not one more than the previous one. */
  | 'AUDIT_SEQUENCE_GAP'
  /** The entry's time is earlier than the previous entry's by more than the tolerance. */
  | 'AUDIT_TIME_WENT_BACKWARDS'
  /** The log ends before the expected head or length: entries were cut off the end. */
  | 'AUDIT_TRUNCATED'
  /** The entry at the expected head's `seq` has another hash: the log was rewritten. */
  | 'AUDIT_HEAD_MISMATCH'
  /** The log ends in a torn line (a crash mid-write); every entry before it passed. `mamlkit audit repair` cuts it. */
  | 'AUDIT_TORN_TAIL';

/** The first entry that failed, where, and why. */
export interface AuditFailure {
  /** Index in the array given to `verifyAuditLog` (for `AUDIT_TRUNCATED`: the array length). */
  readonly index: number;
  readonly reason: AuditFailureReason;
  readonly message: string;
  /** For `AUDIT_TORN_TAIL` from a file: the byte offset where the torn tail starts. */
  readonly offset?: number;
}
