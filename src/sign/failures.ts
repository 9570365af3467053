import type { SignError } from './errors.js';

/** Why a signature (or a document's set of signatures) did not verify. Stable strings. */
export type SignatureFailureCode =
  /** The document carries no signature. */
  | 'UNSIGNED'
  /** The signature text, block or `## Signatures` section does not follow the format. */
  | 'MALFORMED'
  /** The key id is not in the trust store. */
  | 'UNKNOWN_KEY'
  /** The key id is on the trust store's revocation list. */
  | 'REVOKED_KEY'
  /** The trust store does not accept the signature's algorithm. */
  | 'ALGORITHM_NOT_ALLOWED'
  /** The trusted key's `notAfter` has passed (at `now` or at the signature's creation time). */
  | 'KEY_EXPIRED'
  /** The signature claims a creation time later than the verification time plus the clock-skew allowance. */
  | 'CREATED_IN_FUTURE'
  /** The ML-DSA check failed: the content, the signature or its fields were changed. */
  | 'BAD_SIGNATURE'
  /** Fewer distinct trusted keys signed than the caller's `threshold`. */
  | 'NOT_ENOUGH_SIGNATURES';

/** A failed check: a stable code, a readable message and, for `MALFORMED`, the typed parse error. */
export interface SignatureFailure {
  readonly code: SignatureFailureCode;
  readonly message: string;
  readonly error?: SignError;
}

/** Builds a {@link SignatureFailure}. */
export function failure(code: SignatureFailureCode, message: string, error?: SignError): SignatureFailure {
  return error === undefined ? { code, message } : { code, message, error };
}
