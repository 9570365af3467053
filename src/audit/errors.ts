import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/audit` (audit trail). */
export type AuditErrorCode =
  | 'ERR_AUDIT_FORMAT';

/**
 * Error thrown by `mamlkit/audit`. Its `code` is a {@link AuditErrorCode} or a common code.
 *
 * @example
 * ```ts
 * import { AuditError } from 'mamlkit/audit';
 * if (error instanceof AuditError) console.error(error.code, error.message);
 * ```
 */
export class AuditError extends MamlkitError<AuditErrorCode | CommonErrorCode> {}
