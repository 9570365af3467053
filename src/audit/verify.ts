import {
  algorithmInfo,
  type SignatureFailure,
  type SignatureFailureCode,
  type SigningPublicKey,
  type TrustStore,
} from '../sign/index.js';
import {
  checkSigner,
  checkSigningTime,
  verificationClock,
  verifyMessage,
  type VerificationClock,
} from '../sign/internal.js';
import { decodeEntry, type DecodedEntry } from './decode.js';
import { AuditError } from './errors.js';
import type { AuditFailure, AuditFailureReason } from './failures.js';
import { checkHead } from './fields.js';
import { checkEntryCount } from './head.js';
import { diagnoseLink } from './link.js';
import { AUDIT_GENESIS_HEAD, type AuditEntry, type AuditHead } from './types.js';
import { hashEntryBytes } from './encode.js';
import { MAX_AUDIT_LINE_CHARS } from './limits.js';
import type { AuditStore } from './store.js';
import { parseStrictJson } from './strict-json.js';

/** How far an entry's time may be earlier than the previous entry's by default: 60 000 ms. */
export const DEFAULT_AUDIT_TIME_TOLERANCE_MS: number = 60_000;

/** Options of {@link verifyAuditLog}. */
export interface VerifyAuditLogOptions {
  /** A head known from elsewhere (anchored): the log must reach it with the same hash. */
  readonly expectedHead?: AuditHead;
  /** A length known from elsewhere: the log must have at least this many entries. */
  readonly expectedLength?: number;
  /** Verify a segment: `entries` continue the log after this (already verified) head. */
  readonly after?: AuditHead;
  /** The time trust-store `notAfter` limits and entry times are judged at; default: now. */
  readonly now?: Date;
  /** How far an entry's `at` may be later than `now`; default 5 minutes (`DEFAULT_CLOCK_SKEW_MS` in `mamlkit/sign`). */
  readonly clockSkewMs?: number;
  /** How far an entry's time may be earlier than its predecessor's; default {@link DEFAULT_AUDIT_TIME_TOLERANCE_MS}. */
  readonly timeToleranceMs?: number;
}

/** The result of {@link verifyAuditLog}. */
export interface AuditVerification {
  readonly valid: boolean;
  /** Entries in the log up to the last good one (with `after`, counted from the log's start). */
  readonly length: number;
  /** The head after the last good entry: anchor it when `valid`. */
  readonly head: AuditHead;
  /** Set exactly when `valid` is false: the first bad entry and why. */
  readonly firstBad?: AuditFailure;
}

/** Checks an entry's ML-DSA signature with a trusted key. */
export type EntrySignatureCheck = (decoded: DecodedEntry, key: SigningPublicKey) => boolean;

const SIGNER_REASONS: Partial<Record<SignatureFailureCode, AuditFailureReason>> = {
  UNKNOWN_KEY: 'AUDIT_UNKNOWN_SIGNER',
  REVOKED_KEY: 'AUDIT_REVOKED_SIGNER',
  ALGORITHM_NOT_ALLOWED: 'AUDIT_ALGORITHM_NOT_ALLOWED',
  KEY_EXPIRED: 'AUDIT_SIGNER_EXPIRED',
  CREATED_IN_FUTURE: 'AUDIT_TIME_IN_FUTURE',
};

/** ML-DSA verification of the entry's to-be-signed bytes under the audit context string. */
export function checkEntrySignature(decoded: DecodedEntry, key: SigningPublicKey): boolean {
  return (
    decoded.signature.length === algorithmInfo(key.algorithm).signatureBytes &&
    verifyMessage('audit', decoded.signature, decoded.tbs, key)
  );
}

interface Settings {
  readonly start: AuditHead;
  readonly headIndex: number | undefined;
  readonly expectedHead: AuditHead | undefined;
  readonly expectedLength: number;
  readonly clock: VerificationClock;
  readonly toleranceMs: number;
}

function settings(options: VerifyAuditLogOptions): Settings {
  const start = options.after === undefined ? AUDIT_GENESIS_HEAD : checkHead(options.after, 'after');
  const expectedHead =
    options.expectedHead === undefined ? undefined : checkHead(options.expectedHead, 'expectedHead');
  if (expectedHead !== undefined && expectedHead.seq < start.seq) {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'expectedHead is before the "after" head');
  }
  const expectedLength = options.expectedLength ?? 0;
  const toleranceMs = options.timeToleranceMs ?? DEFAULT_AUDIT_TIME_TOLERANCE_MS;
  if (!Number.isSafeInteger(expectedLength) || expectedLength < 0) {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'expectedLength must be a non-negative integer');
  }
  if (!(toleranceMs >= 0 && toleranceMs <= Number.MAX_SAFE_INTEGER)) {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'timeToleranceMs must be a non-negative number');
  }
  return {
    start,
    headIndex: expectedHead === undefined ? undefined : expectedHead.seq - start.seq - 1,
    expectedHead,
    expectedLength,
    clock: verificationClock(options),
    toleranceMs,
  };
}

function fail(
  head: AuditHead,
  index: number,
  reason: AuditFailureReason,
  message: string,
  offset?: number,
): AuditVerification {
  const firstBad = { index, reason, message, ...(offset === undefined ? {} : { offset }) };
  return { valid: false, length: head.seq + 1, head, firstBad };
}

function signerFailure(
  index: number,
  failure: SignatureFailure,
): { reason: AuditFailureReason; message: string } {
  return {
    reason: SIGNER_REASONS[failure.code] ?? 'AUDIT_BAD_SIGNATURE',
    message: `entry ${index}: ${failure.message}`,
  };
}

/** A line of a stored log that is not JSON: verification reports it as `AUDIT_MALFORMED`. */
class UnreadableLine {
  constructor(readonly message: string) {}
}

/** One entry's own checks: format, hash, signer, signature. */
function checkEntry(
  value: unknown,
  index: number,
  trust: TrustStore,
  clock: VerificationClock,
  checkSignature: EntrySignatureCheck,
): { decoded: DecodedEntry } | { reason: AuditFailureReason; message: string } {
  if (value instanceof UnreadableLine) {
    return { reason: 'AUDIT_MALFORMED', message: `entry ${index}: ${value.message}` };
  }
  let decoded: DecodedEntry;
  try {
    decoded = decodeEntry(value);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    return { reason: 'AUDIT_MALFORMED', message: `entry ${index}: ${error.message}` };
  }
  const { entry } = decoded;
  if (hashEntryBytes(decoded.tbs) !== entry.hash) {
    return {
      reason: 'AUDIT_TAMPERED',
      message: `entry ${index} (seq ${entry.seq}) does not match its hash: it was edited`,
    };
  }
  const claim = { algorithm: entry.alg, keyId: entry.kid, created: Math.floor(decoded.atMs / 1000) };
  const signer = checkSigner(trust, claim);
  if ('failure' in signer) return signerFailure(index, signer.failure);
  if (!checkSignature(decoded, signer.entry.key)) {
    return {
      reason: 'AUDIT_BAD_SIGNATURE',
      message: `entry ${index}: the signature by ${entry.kid} does not match`,
    };
  }
  const late = checkSigningTime(signer.entry, claim, clock);
  if (late !== undefined) return signerFailure(index, late);
  return { decoded };
}

/** Where verification stands: the head after the last good entry and that entry's time. */
interface Chain {
  head: AuditHead;
  lastAtMs: number;
}

/**
 * Entries around the one being checked, for explaining a broken link: `entries[at]` is the
 * entry, the others its neighbours (all of the log, or a few on either side when streaming).
 */
interface Neighbourhood {
  readonly entries: readonly unknown[];
  readonly at: number;
}

/**
 * Checks entry `index` and, when it extends the chain, moves the chain past it. Returns the
 * failed verification otherwise.
 */
function extendChain(
  chain: Chain,
  index: number,
  around: Neighbourhood,
  s: Settings,
  trust: TrustStore,
  checkSignature: EntrySignatureCheck,
): AuditVerification | undefined {
  const checked = checkEntry(around.entries[around.at], index, trust, s.clock, checkSignature);
  if ('reason' in checked) return fail(chain.head, index, checked.reason, checked.message);
  const { entry, atMs } = checked.decoded;
  if (entry.prev !== chain.head.hash) {
    const base = index - around.at;
    const failure = diagnoseLink(around.entries, around.at, chain.head.hash, base);
    const good =
      failure.index < index ? previousHead(around.entries, failure.index - base, s.start) : chain.head;
    return fail(good, failure.index, failure.reason, failure.message);
  }
  if (entry.seq !== chain.head.seq + 1) {
    return fail(
      chain.head,
      index,
      'AUDIT_SEQUENCE_GAP',
      `entry ${index} has seq ${entry.seq}, expected ${chain.head.seq + 1}`,
    );
  }
  if (atMs < chain.lastAtMs - s.toleranceMs) {
    return fail(
      chain.head,
      index,
      'AUDIT_TIME_WENT_BACKWARDS',
      `entry ${index} (${entry.at}) is more than ${s.toleranceMs} ms earlier than the entry before it`,
    );
  }
  if (index === s.headIndex && entry.hash !== s.expectedHead?.hash) {
    return fail(
      chain.head,
      index,
      'AUDIT_HEAD_MISMATCH',
      `entry ${index} (seq ${entry.seq}) is not the expected head ${s.expectedHead?.hash ?? ''}: the log was rewritten`,
    );
  }
  chain.head = { seq: entry.seq, hash: entry.hash };
  chain.lastAtMs = atMs;
  return undefined;
}

/** {@link verifyAuditLog} with the signature check passed in. */
export function verifyAuditLogWith(
  entries: readonly AuditEntry[],
  trust: TrustStore,
  options: VerifyAuditLogOptions,
  checkSignature: EntrySignatureCheck,
): AuditVerification {
  const list = checkEntryCount(entries);
  const s = settings(options);
  const chain: Chain = { head: s.start, lastAtMs: Number.NEGATIVE_INFINITY };
  for (let index = 0; index < list.length; index++) {
    const failed = extendChain(chain, index, { entries: list, at: index }, s, trust, checkSignature);
    if (failed !== undefined) return failed;
  }
  return finish(chain.head, list.length, s);
}

/** The head just before `index` (entries before it passed every check). */
function previousHead(entries: readonly unknown[], index: number, start: AuditHead): AuditHead {
  const entry = entries[index - 1] as AuditEntry | undefined;
  return entry === undefined ? start : { seq: entry.seq, hash: entry.hash };
}

/** The checks against a known head or length once every entry passed. */
function finish(head: AuditHead, count: number, s: Settings): AuditVerification {
  if (s.headIndex === -1 && s.start.hash !== s.expectedHead?.hash) {
    return fail(head, 0, 'AUDIT_HEAD_MISMATCH', 'the "after" head is not the expected head');
  }
  const short = (s.headIndex ?? -1) >= count || s.expectedLength > head.seq + 1;
  if (short) {
    const want = Math.max(s.expectedLength, (s.expectedHead?.seq ?? -1) + 1);
    return fail(
      head,
      count,
      'AUDIT_TRUNCATED',
      `the log has ${head.seq + 1} entries; at least ${want} were expected`,
    );
  }
  return { valid: true, length: head.seq + 1, head };
}

/**
 * Verifies a log: every entry's format, hash, signer (with the trust store's rules:
 * revocation, algorithms, `notAfter`) and ML-DSA signature, the chain of `prev` links, the
 * sequence numbers, that time does not go backwards by more than the tolerance and, when
 * `expectedHead` or `expectedLength` is given, that nothing was cut off the end. Stops at the
 * first bad entry and says where and why (`firstBad`); never throws for a bad log.
 *
 * @throws {AuditError} `ERR_LIMIT_EXCEEDED` above {@link MAX_AUDIT_ENTRIES} entries,
 * `ERR_INVALID_ARGUMENT` for bad options. {@link SignError} `ERR_INVALID_ARGUMENT` for a
 * value that is not a trust store or an invalid `now`.
 * @example
 * ```ts
 * import { parseAuditLog, verifyAuditLog } from 'mamlkit/audit';
 * const result = verifyAuditLog(parseAuditLog(text), trust, { expectedHead: anchoredHead });
 * if (!result.valid) console.error(result.firstBad?.index, result.firstBad?.reason, result.firstBad?.message);
 * ```
 */
export function verifyAuditLog(
  entries: readonly AuditEntry[],
  trust: TrustStore,
  options: VerifyAuditLogOptions = {},
): AuditVerification {
  return verifyAuditLogWith(entries, trust, options, checkEntrySignature);
}

/** Reads a stored line as a JSON value for verification; a line that is not JSON is kept as unreadable. */
function lineValue(line: string): unknown {
  try {
    return parseStrictJson(line.length > MAX_AUDIT_LINE_CHARS ? '' : line);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    return new UnreadableLine(
      line.length > MAX_AUDIT_LINE_CHARS
        ? `is longer than ${MAX_AUDIT_LINE_CHARS} characters`
        : error.message,
    );
  }
}

/** How many entries before the one being checked a streaming verification keeps for diagnosis. */
const LOOK_BEHIND = 2;

/**
 * Verifies the log a store holds, as {@link verifyAuditLog} does, reading it line by line: it
 * keeps the entry being checked, the two before it and the one after it, so memory stays the
 * same whatever the log's length, and there is no limit on the number of entries. A broken link
 * is explained from those neighbours only (`verifyAuditLog` looks at the whole array). A store
 * that reports a torn last line gives `AUDIT_TORN_TAIL` at the index after the last entry,
 * with the byte `offset` where the torn tail starts; every entry before it was verified.
 *
 * @throws {AuditError} `ERR_INVALID_ARGUMENT` for bad options; the store's own errors (I/O).
 * @example
 * ```ts
 * import { createRedisAuditStore, verifyAudit } from 'mamlkit/audit';
 * const result = await verifyAudit(createRedisAuditStore(evalScript, { name: 'prod' }), trust);
 * if (!result.valid) console.error(result.firstBad?.index, result.firstBad?.reason);
 * ```
 */
export function verifyAudit(
  store: Pick<AuditStore, 'lines'>,
  trust: TrustStore,
  options: VerifyAuditLogOptions = {},
): Promise<AuditVerification> {
  return verifyAuditWith(store, trust, options, checkEntrySignature);
}

/** {@link verifyAudit} with the signature check passed in. */
export async function verifyAuditWith(
  store: Pick<AuditStore, 'lines'>,
  trust: TrustStore,
  options: VerifyAuditLogOptions,
  checkSignature: EntrySignatureCheck,
): Promise<AuditVerification> {
  const s = settings(options);
  const chain: Chain = { head: s.start, lastAtMs: Number.NEGATIVE_INFINITY };
  const window: unknown[] = [];
  let index = 0;
  const check = (): AuditVerification | undefined => {
    const at = Math.min(index, LOOK_BEHIND);
    const failed = extendChain(chain, index, { entries: window, at }, s, trust, checkSignature);
    index++;
    if (window.length > LOOK_BEHIND + 1) window.shift();
    return failed;
  };
  try {
    for await (const line of store.lines()) {
      window.push(lineValue(line));
      if (window.length > Math.min(index, LOOK_BEHIND) + 1) {
        const failed = check();
        if (failed !== undefined) return failed;
      }
    }
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    const failed = window.length > Math.min(index, LOOK_BEHIND) ? check() : undefined;
    if (failed !== undefined) return failed;
    const reason = error.code === 'ERR_AUDIT_TORN_TAIL' ? 'AUDIT_TORN_TAIL' : 'AUDIT_MALFORMED';
    return fail(chain.head, index, reason, error.message, error.offset);
  }
  if (window.length > Math.min(index, LOOK_BEHIND)) {
    const failed = check();
    if (failed !== undefined) return failed;
  }
  return finish(chain.head, index, s);
}
