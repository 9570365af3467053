import { readStrictJson } from '../encoding/strict-json.js';
import { AuditError } from './errors.js';

/**
 * Reads one JSON text strictly ({@link readStrictJson}): a duplicate member name at any depth or
 * a lone surrogate is an error.
 *
 * @throws {AuditError} `ERR_AUDIT_LOG_SYNTAX` naming the column, `ERR_LIMIT_EXCEEDED` past 64 levels.
 */
export function parseStrictJson(text: string): unknown {
  return readStrictJson(
    text,
    (problem, message) =>
      new AuditError(problem === 'depth' ? 'ERR_LIMIT_EXCEEDED' : 'ERR_AUDIT_LOG_SYNTAX', message),
  );
}
