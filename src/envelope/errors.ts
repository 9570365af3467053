import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/envelope` (envelope encryption). */
export type EnvelopeErrorCode =
  | 'ERR_ENVELOPE_FORMAT'
  | 'ERR_ENVELOPE_AUTH';

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
