import { fromBase64, toBase64 } from '../encoding/base64.js';
import { AuditError } from './errors.js';

/** Standard base64 with padding of a signature. */
export const encodeSignature: (bytes: Uint8Array) => string = toBase64;

/**
 * Decodes the canonical base64 of a signature.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` for anything but canonical padded base64.
 */
export function decodeSignature(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new AuditError('ERR_AUDIT_ENTRY_FORMAT', 'sig is not canonical base64');
  return bytes;
}
