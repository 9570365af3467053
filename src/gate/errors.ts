import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/gate` (execution gate). */
export type GateErrorCode =
  /** The options of `authorizeExecution` are wrong (no trust store or a malformed one, a principal that is not a string, a bad `now`). */
  'ERR_GATE_OPTIONS';

/**
 * Error thrown by `mamlkit/gate`. Its `code` is a {@link GateErrorCode} or a common code.
 * The gate throws only for bad options; a bad document is a refusal with reasons.
 *
 * @example
 * ```ts
 * import { GateError } from 'mamlkit/gate';
 * if (error instanceof GateError) console.error(error.code, error.message);
 * ```
 */
export class GateError extends MamlkitError<GateErrorCode | CommonErrorCode> {}
