import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/policy` (provider policies). */
export type PolicyErrorCode =
  | 'ERR_POLICY_UNKNOWN';

/**
 * Error thrown by `mamlkit/policy`. Its `code` is a {@link PolicyErrorCode} or a common code.
 *
 * @example
 * ```ts
 * import { PolicyError } from 'mamlkit/policy';
 * if (error instanceof PolicyError) console.error(error.code, error.message);
 * ```
 */
export class PolicyError extends MamlkitError<PolicyErrorCode | CommonErrorCode> {}
