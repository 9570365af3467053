import { isSigningAlgorithm, type SigningAlgorithm } from '../sign/index.js';
import { utf8ByteLength } from '../encoding/utf8.js';
import { auditCanonicalJson, checkUnicode, type AuditJson } from './canonical-json.js';
import { AuditError } from './errors.js';
import { MAX_AUDIT_DETAILS_BYTES, MAX_AUDIT_DETAILS_DEPTH, MAX_AUDIT_TEXT_CHARS } from './limits.js';
import { AUDIT_GENESIS_HASH, type AuditHead, type AuditSubject } from './types.js';

const DIGEST = /^sha256:[\da-f]{64}$/;
const ACTION = /^[A-Z][\dA-Z_-]{0,63}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEY_ID = /^[\w-]{1,128}$/;
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: none may appear in a History line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** Builds the format error for a field. */
export function fieldError(field: string, what: string): AuditError {
  return new AuditError('ERR_AUDIT_ENTRY_FORMAT', `${field} ${what}`);
}

/** A non-empty single-line NFC string of at most {@link MAX_AUDIT_TEXT_CHARS} (actor, subject id). */
export function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw fieldError(field, 'must be a non-empty string');
  if (value.length > MAX_AUDIT_TEXT_CHARS) {
    throw new AuditError('ERR_LIMIT_EXCEEDED', `${field} is longer than ${MAX_AUDIT_TEXT_CHARS} characters`);
  }
  if (CONTROL.test(value)) throw fieldError(field, 'must not hold control characters or line breaks');
  return checkUnicode(value, field);
}

/** `CREATE`, `EXECUTE`, …: a capital letter, then up to 63 capitals, digits, `_` or `-`. */
export function checkAction(value: unknown): string {
  if (typeof value !== 'string' || !ACTION.test(value)) {
    throw fieldError(
      'action',
      'must be a verb like EXECUTE: a capital letter, then capitals, digits, "_" or "-"',
    );
  }
  return value;
}

/** `sha256:` and 64 lower-case hex digits. */
export function checkDigest(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DIGEST.test(value)) {
    throw fieldError(field, 'must be "sha256:" and 64 lower-case hex digits');
  }
  return value;
}

/** A sequence number: a safe integer, at least `min`. */
export function checkSeq(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw fieldError(field, `must be an integer of at least ${min}`);
  }
  return value;
}

/** Milliseconds since the epoch of a canonical `at` (`2026-11-21T10:00:00.000Z`). */
export function parseAt(value: unknown): number {
  const ms = typeof value === 'string' && TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== value) {
    throw fieldError('at', 'must be an RFC 3339 UTC time with milliseconds, like 2026-11-21T10:00:00.000Z');
  }
  return ms;
}

/** The canonical `at` of a `Date` in years 0000 to 9999. */
export function formatAt(value: unknown): string {
  const text = value instanceof Date && Number.isFinite(value.getTime()) ? value.toISOString() : '';
  if (!TIMESTAMP.test(text)) throw fieldError('at', 'must be a valid Date between years 0 and 9999');
  return text;
}

/** A supported ML-DSA algorithm name. */
export function checkAlgorithm(value: unknown): SigningAlgorithm {
  if (!isSigningAlgorithm(value)) throw fieldError('alg', 'must be ML-DSA-44, ML-DSA-65 or ML-DSA-87');
  return value;
}

/** A key id: 1 to 128 base64url characters. */
export function checkKeyId(value: unknown): string {
  if (typeof value !== 'string' || !KEY_ID.test(value)) throw fieldError('kid', 'must be a base64url key id');
  return value;
}

/** Checks an object has exactly the `required` members plus any of `optional`. */
export function checkMembers(
  value: unknown,
  field: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fieldError(field, 'must be an object');
  }
  const record = value as Record<string, unknown>;
  for (const key of required) {
    if (!Object.hasOwn(record, key)) throw fieldError(field, `has no "${key}" member`);
  }
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw fieldError(field, `has an unknown member "${key}" (it would not be signed)`);
    }
  }
  return record;
}

/** A subject: exactly `{ id, digest }`. */
export function checkSubject(value: unknown): AuditSubject {
  const record = checkMembers(value, 'subject', ['id', 'digest']);
  return { id: checkText(record.id, 'subject.id'), digest: checkDigest(record.digest, 'subject.digest') };
}

/**
 * Checks `details` against the JSON rules and limits; returns it unchanged.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT`, or `ERR_LIMIT_EXCEEDED` above
 * {@link MAX_AUDIT_DETAILS_BYTES} or {@link MAX_AUDIT_DETAILS_DEPTH}.
 */
export function checkDetails(value: unknown): AuditJson {
  const text = auditCanonicalJson(value, 'details', {
    maxChars: MAX_AUDIT_DETAILS_BYTES,
    maxDepth: MAX_AUDIT_DETAILS_DEPTH,
  });
  if (utf8ByteLength(text) > MAX_AUDIT_DETAILS_BYTES) {
    throw new AuditError(
      'ERR_LIMIT_EXCEEDED',
      `details is larger than ${MAX_AUDIT_DETAILS_BYTES} bytes as JSON`,
    );
  }
  return value as AuditJson;
}

/**
 * A head: `{ seq, hash }` with `seq` ≥ -1 (an entry also qualifies); `seq` -1 only with the
 * genesis hash.
 *
 * @throws {AuditError} `ERR_INVALID_ARGUMENT`.
 */
export function checkHead(value: unknown, what: string): AuditHead {
  const head = value as Partial<Record<keyof AuditHead, unknown>> | null;
  const ok =
    typeof head === 'object' &&
    head !== null &&
    typeof head.seq === 'number' &&
    Number.isSafeInteger(head.seq) &&
    head.seq >= -1 &&
    head.seq < Number.MAX_SAFE_INTEGER &&
    typeof head.hash === 'string' &&
    DIGEST.test(head.hash) &&
    (head.seq !== -1 || head.hash === AUDIT_GENESIS_HASH);
  if (!ok) {
    throw new AuditError(
      'ERR_INVALID_ARGUMENT',
      `${what} must be an audit head { seq, hash } (or an entry); the empty log's head is AUDIT_GENESIS_HEAD`,
    );
  }
  return { seq: head.seq as number, hash: head.hash as string };
}
