import { unicodeProblem, writeCanonicalJson } from '../encoding/canonical-json.js';
import { AuditError } from './errors.js';

/** A JSON value as the audit format allows it in `details`. */
export type AuditJson = null | boolean | number | string | readonly AuditJson[] | AuditJsonObject;

/** A JSON object in `details`. */
export interface AuditJsonObject {
  readonly [key: string]: AuditJson;
}

/** Limits on one canonical JSON value. */
export interface CanonicalLimits {
  /** Most UTF-16 code units of output before giving up (the byte limit is checked by the caller). */
  readonly maxChars: number;
  /** Deepest nesting of arrays and objects; the value itself is level 1. */
  readonly maxDepth: number;
}

function formatError(path: string, what: string): AuditError {
  return new AuditError('ERR_AUDIT_ENTRY_FORMAT', `${path} ${what}`);
}

/**
 * Checks that a string is well formed and in Unicode Normalization Form C. The audit format
 * rejects other strings rather than normalising them, so that the signed bytes are always
 * the caller's own (docs/spec/audit.md, "Strings").
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` naming `path`.
 */
export function checkUnicode(text: string, path: string): string {
  const problem = unicodeProblem(text, true);
  if (problem !== undefined) throw formatError(path, problem);
  return text;
}

/**
 * Writes a value as RFC 8785 (JCS) canonical JSON under the audit format's rules: the shared
 * writer (src/encoding/canonical-json.ts) refusing `undefined`, sparse arrays and strings
 * (values and keys) that are not NFC, besides what JSON cannot carry exactly.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` naming the path of the bad value,
 * `ERR_LIMIT_EXCEEDED` when the output or the nesting outgrows `limits`.
 */
export function auditCanonicalJson(value: unknown, path: string, limits: CanonicalLimits): string {
  return writeCanonicalJson(value, path, {
    ...limits,
    undefinedValues: 'refuse',
    requireNfc: true,
    fail: (problem, message) =>
      new AuditError(problem === 'limit' ? 'ERR_LIMIT_EXCEEDED' : 'ERR_AUDIT_ENTRY_FORMAT', message),
  });
}
