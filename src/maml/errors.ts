import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/maml` (MAML documents). */
export type MamlErrorCode =
  | 'ERR_MAML_PARSE'
  | 'ERR_MAML_INVALID';

/**
 * Error thrown by `mamlkit/maml`. Its `code` is a {@link MamlErrorCode} or a common code.
 *
 * @example
 * ```ts
 * import { MamlError } from 'mamlkit/maml';
 * if (error instanceof MamlError) console.error(error.code, error.message);
 * ```
 */
export class MamlError extends MamlkitError<MamlErrorCode | CommonErrorCode> {}
