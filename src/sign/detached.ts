import { SignError } from './errors.js';
import { assertSecretKey, type SigningSecretKey } from './keys.js';
import { encodeToBeSigned, signMessage } from './primitives.js';
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
 * Largest input {@link signDetached} and {@link verifyDetached} accept: 64 MiB.
 *
 * @example
 * ```ts
 * import { MAX_DETACHED_BYTES } from 'mamlkit/sign';
 * if (file.size > MAX_DETACHED_BYTES) throw new Error('sign a digest manifest instead');
 * ```
 */
export const MAX_DETACHED_BYTES: number = 64 * 1024 * 1024;

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

function contentBytes(bytes: Uint8Array | string): Uint8Array {
  const content = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  if (!(content instanceof Uint8Array))
    throw new SignError('ERR_INVALID_ARGUMENT', 'expected bytes or a string');
  if (content.length > MAX_DETACHED_BYTES) {
    throw new SignError(
      'ERR_LIMIT_EXCEEDED',
      `detached signatures cover at most ${MAX_DETACHED_BYTES} bytes`,
    );
  }
  return content;
}

/**
 * Signs bytes (a string is signed as its UTF-8) and returns the detached signature text
 * (docs/spec/signature.md, "Detached signatures").
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` for a public key, `ERR_LIMIT_EXCEEDED` above
 * {@link MAX_DETACHED_BYTES} or for a comment over 1024 characters, `ERR_INVALID_ARGUMENT` for
 * a comment with a line break.
 * @example
 * ```ts
 * import { signDetached } from 'mamlkit/sign';
 * const sig = signDetached(bytes, secretKey, { trustedComment: 'release 1.2.0', comment: 'by CI' });
 * ```
 */
export function signDetached(
  bytes: Uint8Array | string,
  secretKey: SigningSecretKey,
  options: SignDetachedOptions = {},
): string {
  const key = assertSecretKey(secretKey);
  const content = contentBytes(bytes);
  const fields = {
    algorithm: key.algorithm,
    keyId: key.keyId,
    created: toEpochSeconds(options.created ?? new Date(), 'created'),
    comment: checkComment(options.comment ?? '', 'comment'),
    trustedComment: checkComment(options.trustedComment ?? '', 'trustedComment'),
  };
  const tbs = encodeToBeSigned({ ...fields, content });
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
 * Verifies a detached signature over `bytes` against a trust store. Never throws for a bad or
 * malformed signature: `valid` is false and `reason` says why (`MALFORMED` carries the typed
 * {@link SignError}).
 *
 * @throws {SignError} `ERR_LIMIT_EXCEEDED` above {@link MAX_DETACHED_BYTES}, `ERR_INVALID_ARGUMENT`
 * for a value that is not a trust store or an invalid `now`.
 * @example
 * ```ts
 * import { verifyDetached } from 'mamlkit/sign';
 * const result = verifyDetached(bytes, sigText, trust);
 * if (!result.valid) throw new Error(result.reason?.message);
 * ```
 */
export function verifyDetached(
  bytes: Uint8Array | string,
  signatureText: string,
  trust: TrustStore,
  options: VerifyOptions = {},
): DetachedVerification {
  const content = contentBytes(bytes);
  const clock = verificationClock(options);
  let record: SignatureRecord;
  try {
    record = parseRecord(signatureText);
  } catch (error) {
    return malformed(error);
  }
  return { ...checkRecord('detached', record, content, trust, clock), trustedComment: record.trustedComment };
}
