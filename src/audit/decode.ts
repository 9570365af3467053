import { fromBase64 } from '../encoding/base64.js';
import { encodeEntryFields } from './encode.js';
import {
  checkAction,
  checkAlgorithm,
  checkDetails,
  checkDigest,
  checkKeyId,
  checkMembers,
  checkSeq,
  checkSubject,
  checkText,
  fieldError,
  parseAt,
} from './fields.js';
import type { AuditEntry } from './types.js';

const REQUIRED = [
  'v',
  'seq',
  'at',
  'actor',
  'action',
  'subject',
  'prev',
  'alg',
  'kid',
  'hash',
  'sig',
] as const;

/** Longest `sig` text worth decoding: an ML-DSA-87 signature is 6172 base64 characters. */
const MAX_SIG_CHARS = 8192;

/** A checked entry with what verification needs from it. */
export interface DecodedEntry {
  /** A fresh copy of the entry. */
  readonly entry: AuditEntry;
  /** Its to-be-signed bytes. */
  readonly tbs: Uint8Array;
  /** Its `at` in milliseconds since the epoch. */
  readonly atMs: number;
  readonly signature: Uint8Array;
}

function signatureBytes(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value.length > MAX_SIG_CHARS) {
    throw fieldError('sig', 'must be a base64 ML-DSA signature');
  }
  const bytes = fromBase64(value);
  if (bytes === undefined) throw fieldError('sig', 'is not canonical base64');
  return bytes;
}

/**
 * Checks that `value` is an entry in the format of docs/spec/audit.md (members, types,
 * Unicode, limits) and encodes its to-be-signed bytes. Does not check `hash` or `sig`
 * against the content: that is verification.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` or `ERR_LIMIT_EXCEEDED`.
 */
export function decodeEntry(value: unknown): DecodedEntry {
  const record = checkMembers(value, 'entry', REQUIRED, ['details']);
  if (record.v !== 1) throw fieldError('v', 'must be 1 (the only version of the format)');
  const at = record.at as string;
  const atMs = parseAt(at);
  const fields = {
    v: 1 as const,
    seq: checkSeq(record.seq, 'seq', 0),
    at,
    actor: checkText(record.actor, 'actor'),
    action: checkAction(record.action),
    subject: checkSubject(record.subject),
    ...(Object.hasOwn(record, 'details') ? { details: checkDetails(record.details) } : {}),
    prev: checkDigest(record.prev, 'prev'),
    alg: checkAlgorithm(record.alg),
    kid: checkKeyId(record.kid),
  };
  const hash = checkDigest(record.hash, 'hash');
  const signature = signatureBytes(record.sig);
  return {
    entry: { ...fields, hash, sig: record.sig as string },
    tbs: encodeEntryFields(fields),
    atMs,
    signature,
  };
}
