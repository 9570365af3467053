import { fromBase64, fromBase64Url } from '../encoding/base64.js';
import { SignError } from './errors.js';

/**
 * Decodes canonical base64: the one text `toBase64` produces for the bytes, nothing
 * else (no whitespace, no missing or extra padding, no non-zero spare bits).
 *
 * @throws {SignError} `ERR_SIGN_BASE64` naming `what`.
 */
export function decodeBase64(text: string, what: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new SignError('ERR_SIGN_BASE64', `${what} is not canonical base64`);
  return bytes;
}

/**
 * Decodes canonical unpadded base64url (the form `toBase64Url` produces).
 *
 * @throws {SignError} `ERR_SIGN_BASE64` naming `what`.
 */
export function decodeBase64Url(text: string, what: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (bytes === undefined)
    throw new SignError('ERR_SIGN_BASE64', `${what} is not canonical unpadded base64url`);
  return bytes;
}
