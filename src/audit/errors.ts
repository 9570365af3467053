import { MamlkitError, type CommonErrorCode, type MamlkitErrorOptions } from '../errors.js';

/** Codes of errors thrown by `mamlkit/audit` (audit trail). */
export type AuditErrorCode =
  /** An entry, or the input to create one, does not follow docs/spec/audit.md (field, type, Unicode form). */
  | 'ERR_AUDIT_ENTRY_FORMAT'
  /** A JSON Lines line is empty or not JSON (the error's `line` says which). */
  | 'ERR_AUDIT_LOG_SYNTAX'
  /** A MAML document has no usable `id`, or an entry is about another document. */
  | 'ERR_AUDIT_SUBJECT';

/** Options of {@link AuditError}: the common ones plus the 1-based line of a JSON Lines log. */
export interface AuditErrorOptions extends MamlkitErrorOptions {
  readonly line?: number;
}

/**
 * Error thrown by `mamlkit/audit`. Its `code` is a {@link AuditErrorCode} or a common code;
 * errors about one line of a JSON Lines log carry its 1-based `line`.
 *
 * @example
 * ```ts
 * import { AuditError, parseAuditLog } from 'mamlkit/audit';
 * try {
 *   parseAuditLog(text);
 * } catch (error) {
 *   if (error instanceof AuditError) console.error(error.code, error.line, error.message);
 * }
 * ```
 */
export class AuditError extends MamlkitError<AuditErrorCode | CommonErrorCode> {
  /** The 1-based line of the JSON Lines log the error is about, when there is one. */
  readonly line?: number;

  constructor(code: AuditErrorCode | CommonErrorCode, message: string, options: AuditErrorOptions = {}) {
    super(code, message, options);
    if (options.line !== undefined) this.line = options.line;
  }
}
