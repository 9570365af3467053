import { singleUseHash } from '../encoding/single-use-hash.js';
import { SignError } from './errors.js';
import { assertSecretKey, type SigningSecretKey } from './keys.js';
import { encodeToBeSigned, signMessage } from './primitives.js';
import { runningSha512 } from './sha512.js';
import {
  checkComment,
  formatSignatureLines,
  parseSignatureLines,
  type SignatureRecord,
} from './signature-text.js';
import {
  checkRecord,
  malformed,
  verificationClock,
  type SignatureCheck,
  type VerifyOptions,
} from './check.js';
import type { SigningAlgorithm } from './algorithms.js';
import { formatTimestamp, toEpochSeconds } from './time.js';
import type { TrustStore } from './trust.js';

/**
 * Longest detached signature text {@link parseDetachedSignature} reads: 16 KiB.
 *
 * @example
 * ```ts
 * import { MAX_SIGNATURE_TEXT_CHARS } from 'mamlkit/sign';
 * const text = await response.text();
 * if (text.length > MAX_SIGNATURE_TEXT_CHARS) throw new Error('not a signature');
 * ```
 */
export const MAX_SIGNATURE_TEXT_CHARS: number = 16 * 1024;

/** Options of {@link signDetached}. */
export interface SignDetachedOptions {
  /** Unsigned, informational one-line comment (anyone can change it). */
  readonly comment?: string;
  /** Signed one-line comment (for example a file name and version): covered by the signature. */
  readonly trustedComment?: string;
  /** Signature creation time; default: now. */
  readonly created?: Date;
  /** Deterministic ML-DSA instead of hedged: only for reproducible test vectors. */
  readonly deterministic?: boolean;
}

/** A parsed detached signature. */
export interface DetachedSignature {
  readonly algorithm: SigningAlgorithm;
  readonly keyId: string;
  readonly created: string;
  readonly comment: string;
  readonly trustedComment: string;
  readonly signature: Uint8Array;
}

/** The result of {@link verifyDetached}. */
export interface DetachedVerification extends SignatureCheck {
  /** The signed comment, present once the signature parsed (trust it only when `valid`). */
  readonly trustedComment?: string;
}

/**
 * The SHA-512 of a detached signature's content: what a signature covers in place of the
 * content itself (docs/spec/signature.md, "Detached signatures"). {@link detachedHasher} makes
 * one from content read in chunks; {@link signDetached} and {@link verifyDetached} take it
 * instead of the content.
 */
export interface DetachedDigest {
  /** The 64-byte SHA-512 of the content. */
  readonly sha512: Uint8Array;
}

/** A running hash of detached content: {@link detachedHasher}. */
export interface DetachedHasher {
  /** Adds the next bytes of the content; returns the hasher. */
  readonly update: (bytes: Uint8Array) => DetachedHasher;
  /** The digest of everything added; the hasher cannot be used afterwards. */
  readonly digest: () => DetachedDigest;
}

const SHA512_BYTES = 64;

/**
 * A running SHA-512 for content too large to hold in memory: feed it the content in chunks of
 * any size, then sign or verify its {@link DetachedDigest}. The digest is the same however the
 * content is split. Runs on `node:crypto` where the runtime has it, @noble/hashes elsewhere.
 *
 * @throws {SignError} `ERR_INVALID_ARGUMENT` (from `update` or `digest`) for a chunk that is not
 * a `Uint8Array`, or any use after `digest`.
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { detachedHasher, signDetached } from 'mamlkit/sign';
 * const hasher = detachedHasher();
 * for await (const chunk of createReadStream('model.bin')) hasher.update(chunk);
 * const sig = signDetached(hasher.digest(), secretKey, { trustedComment: 'model.bin' });
 * ```
 */
export function detachedHasher(): DetachedHasher {
  const hash = singleUseHash(
    runningSha512(),
    'detached hasher',
    'its digest',
    (message) => new SignError('ERR_INVALID_ARGUMENT', message),
  );
  const hasher: DetachedHasher = {
    update(bytes) {
      hash.update(bytes);
      return hasher;
    },
    digest: () => ({ sha512: hash.finish() }),
  };
  return hasher;
}

/** What detached signatures cover: in-memory content, or the digest of content hashed elsewhere. */
export type DetachedContent = Uint8Array | string | DetachedDigest;

/** The SHA-512 a detached signature covers: of the bytes, of a string's UTF-8, or a digest as given. */
function contentDigest(content: DetachedContent): Uint8Array {
  if (typeof content === 'string')
    return detachedHasher().update(new TextEncoder().encode(content)).digest().sha512;
  if (content instanceof Uint8Array) return detachedHasher().update(content).digest().sha512;
  const digest = typeof content === 'object' && (content as unknown) !== null ? content.sha512 : undefined;
  if (digest instanceof Uint8Array && digest.length === SHA512_BYTES) return digest;
  throw new SignError(
    'ERR_INVALID_ARGUMENT',
    'expected bytes, a string, or a detached digest ({ sha512 } of 64 bytes from detachedHasher)',
  );
}

/**
 * Signs content of any size and returns the detached signature text (docs/spec/signature.md,
 * "Detached signatures"). The content is bytes, a string (signed as its UTF-8), or the
 * {@link DetachedDigest} of content read in chunks with {@link detachedHasher}; the signature
 * is the same for all three.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` for a public key, `ERR_LIMIT_EXCEEDED` for a
 * comment over 1024 characters, `ERR_INVALID_ARGUMENT` for a comment with a line break or
 * content of another type.
 * @example
 * ```ts
 * import { signDetached } from 'mamlkit/sign';
 * const sig = signDetached(bytes, secretKey, { trustedComment: 'release 1.2.0', comment: 'by CI' });
 * ```
 */
export function signDetached(
  content: DetachedContent,
  secretKey: SigningSecretKey,
  options: SignDetachedOptions = {},
): string {
  const key = assertSecretKey(secretKey);
  const digest = contentDigest(content);
  const fields = {
    algorithm: key.algorithm,
    keyId: key.keyId,
    created: toEpochSeconds(options.created ?? new Date(), 'created'),
    comment: checkComment(options.comment ?? '', 'comment'),
    trustedComment: checkComment(options.trustedComment ?? '', 'trustedComment'),
  };
  const tbs = encodeToBeSigned({ ...fields, content: digest });
  const signature = signMessage('detached', tbs, key, { deterministic: options.deterministic === true });
  return formatSignatureLines('detached', { ...fields, signature }).join('\n') + '\n';
}

function parseRecord(text: string): SignatureRecord {
  if (typeof text !== 'string') throw new SignError('ERR_INVALID_ARGUMENT', 'a detached signature is text');
  if (text.length > MAX_SIGNATURE_TEXT_CHARS) {
    throw new SignError(
      'ERR_LIMIT_EXCEEDED',
      `a detached signature is at most ${MAX_SIGNATURE_TEXT_CHARS} characters`,
    );
  }
  const normalised = text.replace(/\r\n?/g, '\n');
  const body = normalised.endsWith('\n') ? normalised.slice(0, -1) : normalised;
  return parseSignatureLines('detached', body.split('\n'));
}

/**
 * Parses a detached signature text without verifying it. Line endings may be LF or CRLF; one
 * final line break is optional.
 *
 * @throws {SignError} `ERR_SIGN_FORMAT`, `ERR_SIGN_ALGORITHM`, `ERR_SIGN_BASE64`,
 * `ERR_SIGN_SIGNATURE_LENGTH`, `ERR_LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { parseDetachedSignature } from 'mamlkit/sign';
 * const { keyId, trustedComment } = parseDetachedSignature(sigText);
 * ```
 */
export function parseDetachedSignature(text: string): DetachedSignature {
  const record = parseRecord(text);
  return { ...record, created: formatTimestamp(record.created) };
}

/**
 * Verifies a detached signature over content against a trust store. The content is bytes, a
 * string (its UTF-8), or the {@link DetachedDigest} of content read in chunks with
 * {@link detachedHasher}. Never throws for a bad or malformed signature: `valid` is false and
 * `reason` says why (`MALFORMED` carries the typed {@link SignError}).
 *
 * @throws {SignError} `ERR_INVALID_ARGUMENT` for content of another type, a value that is not a
 * trust store or an invalid `now`.
 * @example
 * ```ts
 * import { verifyDetached } from 'mamlkit/sign';
 * const result = verifyDetached(bytes, sigText, trust);
 * if (!result.valid) throw new Error(result.reason?.message);
 * ```
 */
export function verifyDetached(
  content: DetachedContent,
  signatureText: string,
  trust: TrustStore,
  options: VerifyOptions = {},
): DetachedVerification {
  const digest = contentDigest(content);
  const clock = verificationClock(options);
  let record: SignatureRecord;
  try {
    record = parseRecord(signatureText);
  } catch (error) {
    return malformed(error);
  }
  return { ...checkRecord('detached', record, digest, trust, clock), trustedComment: record.trustedComment };
}
