import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/sign` (signatures). */
export type SignErrorCode =
  /** An algorithm name is not one of `ML-DSA-44`, `ML-DSA-65`, `ML-DSA-87`. */
  | 'ERR_SIGN_ALGORITHM'
  /** A key is unusable: wrong size for its algorithm, mismatched public and private parts, bad JWK. */
  | 'ERR_SIGN_KEY_INVALID'
  /** A base64 or base64url field is not canonical base64 of the expected alphabet. */
  | 'ERR_SIGN_BASE64'
  /** A signature text or block does not follow its format (field names, order, timestamp, version). */
  | 'ERR_SIGN_FORMAT'
  /** A signature has the wrong number of bytes for its algorithm (for example, it was truncated). */
  | 'ERR_SIGN_SIGNATURE_LENGTH'
  /** A MAML document's signature section breaks its rule (docs/spec/signature.md), or a signature cannot be appended. */
  | 'ERR_SIGN_MAML_SECTION'
  /** A MAML document has no single reading: `parseMaml` throws for it or reports an error (no front matter, a limit, bad YAML). */
  | 'ERR_SIGN_MAML_UNPARSEABLE'
  /** A MAML document holds a carriage return not followed by a line feed (lines end with LF or CRLF only). */
  | 'ERR_SIGN_LINE_ENDING';

/**
 * Error thrown by `mamlkit/sign`. Its `code` is a {@link SignErrorCode} or a common code.
 *
 * @example
 * ```ts
 * import { SignError } from 'mamlkit/sign';
 * if (error instanceof SignError) console.error(error.code, error.message);
 * ```
 */
export class SignError extends MamlkitError<SignErrorCode | CommonErrorCode> {}
