import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/envelope` (envelope encryption). */
export type EnvelopeErrorCode =
  /** The bytes are not an envelope of this format: bad magic, bad lengths, unknown kind or suite. */
  | 'ERR_ENVELOPE_FORMAT'
  /** The envelope's version byte is not one this release reads. */
  | 'ERR_ENVELOPE_UNSUPPORTED_VERSION'
  /** Authentication failed: a wrong key behind a matching key id, or a modified header or payload. */
  | 'ERR_ENVELOPE_AUTH'
  /** No stanza in the header was made for the layers (kinds and key ids, in order) of the keyring. */
  | 'ERR_ENVELOPE_NO_MATCHING_STANZA'
  /** The envelope ends early: inside its header, inside a chunk or before its final chunk, or its last chunk is damaged (a cut file cannot be told from one whose last chunk was changed). */
  | 'ERR_ENVELOPE_TRUNCATED'
  /** A layer key or keyring is malformed, has the wrong length, or its key id does not match it. */
  | 'ERR_ENVELOPE_KEY_INVALID'
  /** The ASCII armor is malformed: missing markers, bad line lengths, non-canonical base64. */
  | 'ERR_ENVELOPE_ARMOR'
  /** An external layer's wrap callback failed or returned something other than 1 to 4096 bytes. */
  | 'ERR_ENVELOPE_EXTERNAL'
  /** The requested AES-GCM backend is not available in this runtime (no `node:crypto` AES-GCM, or no `crypto.subtle`). */
  | 'ERR_ENVELOPE_BACKEND_UNAVAILABLE'
  /** A trusted signer is required (`trust` was given) and the envelope is not signed. */
  | 'ERR_ENVELOPE_UNSIGNED'
  /** The envelope is signed and no `trust` was given to check it (pass `ignoreSignature` to open it unauthenticated). */
  | 'ERR_ENVELOPE_TRUST_REQUIRED'
  /** The envelope's signer is not accepted by the trust store: unknown, revoked, expired or of a refused algorithm. */
  | 'ERR_ENVELOPE_SIGNER_UNTRUSTED'
  /** The envelope's signature does not verify: the header, the payload or the signature was changed. */
  | 'ERR_ENVELOPE_SIGNATURE'
  /** A signed envelope's header cannot be changed (`rewrap`): its signature covers it; use `reencrypt`. */
  | 'ERR_ENVELOPE_SIGNED';

/** What every `ERR_ENVELOPE_TRUNCATED` message starts with, wherever the input was cut. */
export const ENDS_EARLY = 'the envelope ends early: the file may be truncated or damaged';

/**
 * Error thrown by `mamlkit/envelope`. Its `code` is a {@link EnvelopeErrorCode} or a common code.
 *
 * @example
 * ```ts
 * import { EnvelopeError } from 'mamlkit/envelope';
 * if (error instanceof EnvelopeError) console.error(error.code, error.message);
 * ```
 */
export class EnvelopeError extends MamlkitError<EnvelopeErrorCode | CommonErrorCode> {}
