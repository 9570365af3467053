/**
 * Strict base64, base64url and hex codecs shared by every module (internal: not a subpath).
 * Decoders accept exactly one text form per byte string and return `undefined` for anything
 * else; each module turns that into its own typed error.
 */
const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(alphabet: string): Int16Array {
  const out = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) out[alphabet.charCodeAt(i)] = i;
  return out;
}

const STANDARD_TABLE = /* @__PURE__ */ table(STANDARD);
const URL_TABLE = /* @__PURE__ */ table(URL_SAFE);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const left = bytes.length - i;
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
    out += left > 1 ? alphabet.charAt((n >> 6) & 63) : pad ? '=' : '';
    out += left > 2 ? alphabet.charAt(n & 63) : pad ? '=' : '';
  }
  return out;
}

/**
 * Strict decoder: only alphabet characters, the exact padding (or none for base64url),
 * and zero unused bits, so every byte string has exactly one accepted text form.
 * Returns `undefined` for anything else.
 */
function decode(text: string, lookup: Int16Array, pad: boolean): Uint8Array | undefined {
  let body = text;
  if (pad) {
    if (text.length % 4 !== 0) return undefined;
    body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  }
  if (body.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const v = code < 128 ? (lookup[code] ?? -1) : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/** Strict standard base64 with padding; `undefined` if not canonical. */
export function fromBase64(text: string): Uint8Array | undefined {
  return decode(text, STANDARD_TABLE, true);
}

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

/** Strict base64url without padding; `undefined` if not canonical. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  return decode(text, URL_TABLE, false);
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
