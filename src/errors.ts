import type { AuditErrorCode } from './audit/errors.js';
import type { EnvelopeErrorCode } from './envelope/errors.js';
import type { GateErrorCode } from './gate/errors.js';
import type { MamlErrorCode } from './maml/errors.js';
import type { PolicyErrorCode } from './policy/errors.js';
import type { SignErrorCode } from './sign/errors.js';

/** Error codes shared by every module. */
export type CommonErrorCode =
  /** An argument has the wrong type or shape (a number where bytes were expected, a negative size). */
  | 'ERR_INVALID_ARGUMENT'
  /** An input is larger than a documented limit. */
  | 'ERR_LIMIT_EXCEEDED';

/**
 * Every code a {@link MamlkitError} can carry: the common codes plus each module's own.
 * Codes are stable strings; match on them, not on messages.
 */
export type MamlkitErrorCode =
  | CommonErrorCode
  | MamlErrorCode
  | SignErrorCode
  | EnvelopeErrorCode
  | PolicyErrorCode
  | AuditErrorCode
  | GateErrorCode;

/** Options accepted by every mamlkit error constructor. */
export interface MamlkitErrorOptions {
  /** The underlying error, kept on `error.cause`. */
  readonly cause?: unknown;
}

/**
 * Base class of every error mamlkit throws. Each module narrows `code` in its subclass
 * (`MamlError`, `SignError`, `EnvelopeError`, …), so a `switch (error.code)` is checked
 * by the compiler.
 *
 * @example
 * ```ts
 * import { MamlkitError } from 'mamlkit';
 * try {
 *   parseMaml(text);
 * } catch (error) {
 *   if (error instanceof MamlkitError && error.code === 'ERR_LIMIT_EXCEEDED') {
 *     console.error('document too large:', error.message);
 *   } else throw error;
 * }
 * ```
 */
export class MamlkitError<C extends MamlkitErrorCode = MamlkitErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;

  constructor(code: C, message: string, options?: MamlkitErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * Narrows an unknown value to a {@link MamlkitError}, optionally with a given code.
 *
 * @example
 * ```ts
 * if (isMamlkitError(error, 'ERR_LIMIT_EXCEEDED')) console.error(error.message);
 * ```
 */
export function isMamlkitError<C extends MamlkitErrorCode>(
  value: unknown,
  code?: C,
): value is MamlkitError & { readonly code: C } {
  return value instanceof MamlkitError && (code === undefined || value.code === code);
}
