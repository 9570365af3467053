import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SigningSecretKey } from '../sign/index.js';
import { assertSecretKey, signMessage } from '../sign/internal.js';
import { toBase64 } from '../encoding/base64.js';
import { singleUseHash } from '../encoding/single-use-hash.js';
import type { AuditJson } from './canonical-json.js';
import { AuditError } from './errors.js';
import { encodeEntryFields, hashEntryBytes } from './encode.js';
import {
  checkAction,
  checkDetails,
  checkHead,
  checkKeyId,
  checkSubject,
  checkText,
  formatAt,
} from './fields.js';
import {
  AUDIT_GENESIS_HEAD,
  type AuditAction,
  type AuditEntry,
  type AuditHead,
  type AuditSubject,
} from './types.js';

/** What happened, as given to {@link createAuditEntry}. */
export interface AuditEntryInput {
  /** Who did it (for example `agent://builder`): one line, NFC, at most 1024 characters. */
  readonly actor: string;
  /** An {@link AuditAction} or a caller-defined verb such as `APPROVE`. */
  readonly action: AuditAction | (string & {});
  /** The document: see {@link auditSubject}. */
  readonly subject: AuditSubject;
  /** When it happened; written with millisecond precision. */
  readonly at: Date;
  /** Optional JSON: NFC strings, finite numbers, at most 16 KiB and 16 levels. */
  readonly details?: AuditJson;
}

/** Options of {@link createAuditEntry}. */
export interface CreateAuditEntryOptions {
  /** Deterministic ML-DSA instead of hedged: only for reproducible test vectors. */
  readonly deterministic?: boolean;
}

/** A running digest of a subject's content: {@link auditSubjectHasher}. */
export interface AuditSubjectHasher {
  /** Adds the next bytes of the content; returns the hasher. */
  readonly update: (bytes: Uint8Array) => AuditSubjectHasher;
  /** The subject: the id and the SHA-256 of everything added; the hasher cannot be used afterwards. */
  readonly subject: () => AuditSubject;
}

/**
 * The subject of an entry about content too large to hold in memory: feed the content in
 * chunks of any size, then take the subject. Gives what {@link auditSubject} gives for the
 * whole content, however it is split.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` for an id that is empty, multi-line or not NFC;
 * `ERR_INVALID_ARGUMENT` (from `update` or `subject`) for a chunk that is not a `Uint8Array`,
 * or any use after `subject`.
 * @example
 * ```ts
 * import { auditSubjectHasher } from 'mamlkit/audit';
 * const hasher = auditSubjectHasher('scan-2026-02.tiff');
 * for await (const chunk of file.stream()) hasher.update(chunk); // a File or Blob, in any runtime
 * const subject = hasher.subject(); // { id: 'scan-2026-02.tiff', digest: 'sha256:…' }
 * ```
 */
export function auditSubjectHasher(id: string): AuditSubjectHasher {
  const checkedId = checkText(id, 'subject.id');
  const hash = singleUseHash(
    sha256.create(),
    'subject hasher',
    'its subject',
    (message) => new AuditError('ERR_INVALID_ARGUMENT', message),
  );
  const hasher: AuditSubjectHasher = {
    update(bytes) {
      hash.update(bytes);
      return hasher;
    },
    subject: () => ({ id: checkedId, digest: `sha256:${bytesToHex(hash.finish())}` }),
  };
  return hasher;
}

/**
 * The subject of an entry: a document id and the SHA-256 digest of the document's bytes
 * (a string is digested as its UTF-8). For content read in chunks, see {@link auditSubjectHasher}.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` for an id that is empty, multi-line or not NFC,
 * `ERR_INVALID_ARGUMENT` for content that is neither bytes nor a string.
 * @example
 * ```ts
 * import { auditSubject } from 'mamlkit/audit';
 * auditSubject('urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f', mamlText);
 * // { id: 'urn:uuid:4f9b…', digest: 'sha256:…' }
 * ```
 */
export function auditSubject(id: string, content: Uint8Array | string): AuditSubject {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  if (!(bytes instanceof Uint8Array))
    throw new AuditError('ERR_INVALID_ARGUMENT', 'content must be bytes or a string');
  return auditSubjectHasher(id).update(bytes).subject();
}

/**
 * Creates and signs the entry that follows `previous` (an entry, a head from
 * {@link auditHead}, or `null` for the first entry of a log). The entry's `prev` is the
 * previous hash, its `seq` one more; it is hashed and ML-DSA-signed over its canonical
 * encoding with the audit context string (docs/spec/audit.md). Signing is hedged unless
 * `deterministic` is set.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` or `ERR_LIMIT_EXCEEDED` for a bad field (an
 * actor that is not NFC, details with a non-finite number, …), `ERR_INVALID_ARGUMENT` for a
 * bad `previous`. {@link SignError} `ERR_SIGN_KEY_INVALID` for a key that cannot sign.
 * @example
 * ```ts
 * import { auditSubject, createAuditEntry } from 'mamlkit/audit';
 * const first = createAuditEntry(
 *   null,
 *   { actor: 'agent://builder', action: 'CREATE', subject: auditSubject(id, text), at: new Date() },
 *   secretKey,
 * );
 * const next = createAuditEntry(first, { ...input, action: 'EXECUTE' }, secretKey);
 * ```
 */
export function createAuditEntry(
  previous: AuditHead | null,
  input: AuditEntryInput,
  secretKey: SigningSecretKey,
  options: CreateAuditEntryOptions = {},
): AuditEntry {
  const head = checkHead(previous ?? AUDIT_GENESIS_HEAD, 'previous');
  if (typeof input !== 'object' || (input as unknown) === null) {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'input must be { actor, action, subject, at, details? }');
  }
  const key = assertSecretKey(secretKey);
  const fields = {
    v: 1 as const,
    seq: head.seq + 1,
    at: formatAt(input.at),
    actor: checkText(input.actor, 'actor'),
    action: checkAction(input.action),
    subject: checkSubject(input.subject),
    ...(input.details === undefined ? {} : { details: checkDetails(input.details) }),
    prev: head.hash,
    alg: key.algorithm,
    kid: checkKeyId(key.keyId),
  };
  const tbs = encodeEntryFields(fields);
  const signature = signMessage('audit', tbs, key, { deterministic: options.deterministic === true });
  return { ...fields, hash: hashEntryBytes(tbs), sig: toBase64(signature) };
}
