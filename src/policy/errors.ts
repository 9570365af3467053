import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/policy` (provider policies). */
export type PolicyErrorCode =
  /** The provider is not one of the policy's providers. */
  | 'ERR_POLICY_UNKNOWN_PROVIDER'
  /** The endpoint is not in the provider's table. */
  | 'ERR_POLICY_UNKNOWN_ENDPOINT'
  /** The model is not in the provider's table (and the caller did not allow unknown models). */
  | 'ERR_POLICY_UNKNOWN_MODEL'
  /** The Azure Quantum target is not in the table. */
  | 'ERR_POLICY_UNKNOWN_TARGET'
  /** A limit table passed to `definePolicy` does not match the schema. */
  | 'ERR_POLICY_INVALID_TABLE'
  /** A limiter cost is larger than the limit itself, so it could never be admitted. */
  | 'ERR_POLICY_COST_OVER_CAPACITY'
  /** The Redis client rejected a shared limiter script (connection, server or script error). */
  | 'ERR_POLICY_SHARED_EVAL'
  /** The Redis client returned something the shared limiter script does not reply. */
  | 'ERR_POLICY_SHARED_REPLY'
  /** A shared limiter key holds state for other limits than the caller's. */
  | 'ERR_POLICY_SHARED_LIMITS_MISMATCH';

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
