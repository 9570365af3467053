import { AuditError } from './errors.js';

const CHUNK = 0x2000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64 = /^[\d+/a-z]*={0,2}$/i;

/**
 * True for canonical padded base64 (RFC 4648 §4): the one text each byte string has, so the
 * unused bits of the last character before padding are zero.
 */
function isCanonical(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const spare = pad === 2 ? 0x0f : pad === 1 ? 0x03 : 0;
  return (ALPHABET.indexOf(text.charAt(text.length - 1 - pad)) & spare) === 0;
}

/** Standard base64 with padding of a signature. */
export function encodeSignature(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

/**
 * Decodes the canonical base64 of a signature.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` for anything but canonical padded base64.
 */
export function decodeSignature(text: string): Uint8Array {
  if (!isCanonical(text)) throw new AuditError('ERR_AUDIT_ENTRY_FORMAT', 'sig is not canonical base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
