import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/sign` (signatures). */
export type SignErrorCode =
  | 'ERR_SIGN_KEY_INVALID'
  | 'ERR_SIGN_FORMAT';

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
