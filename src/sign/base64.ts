import { SignError } from './errors.js';

const CHUNK = 0x8000;

/** Standard base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** base64url without padding (RFC 4648 §5), as JWK members use it. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const text = encodeBase64(bytes).replaceAll('+', '-').replaceAll('/', '_');
  const pad = text.indexOf('=');
  return pad < 0 ? text : text.slice(0, pad);
}

/**
 * Decodes canonical base64: the one text {@link encodeBase64} produces for the bytes, nothing
 * else (no whitespace, no missing or extra padding, no non-zero spare bits).
 *
 * @throws {SignError} `ERR_SIGN_BASE64` naming `what`.
 */
export function decodeBase64(text: string, what: string): Uint8Array {
  let bytes: Uint8Array | undefined;
  try {
    const binary = atob(text);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  } catch {
    bytes = undefined;
  }
  if (bytes === undefined || encodeBase64(bytes) !== text) {
    throw new SignError('ERR_SIGN_BASE64', `${what} is not canonical base64`);
  }
  return bytes;
}

/**
 * Decodes canonical unpadded base64url (the form {@link encodeBase64Url} produces).
 *
 * @throws {SignError} `ERR_SIGN_BASE64` naming `what`.
 */
export function decodeBase64Url(text: string, what: string): Uint8Array {
  if (!/[+/=]/.test(text)) {
    const standard = text.replaceAll('-', '+').replaceAll('_', '/');
    try {
      return decodeBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4), what);
    } catch {
      // reported below with the base64url wording
    }
  }
  throw new SignError('ERR_SIGN_BASE64', `${what} is not canonical unpadded base64url`);
}
