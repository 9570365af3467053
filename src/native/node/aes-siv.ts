import { createCipheriv, createDecipheriv, type CipherGCM, type DecipherGCM } from 'node:crypto';
import type { NativeAesSiv, NativeCapability } from '../types.js';
import { capability } from '../capability.js';
import { fromHex, plain } from './bytes.js';

const V_BYTES = 16;

function encrypt(key: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  // OpenSSL's SIV takes the associated data before the plaintext and returns V as the tag.
  const cipher = createCipheriv('aes-256-siv', key, null) as CipherGCM;
  cipher.setAAD(ad);
  const body = cipher.update(plaintext);
  cipher.final();
  const out = new Uint8Array(V_BYTES + body.length);
  out.set(cipher.getAuthTag());
  out.set(body, V_BYTES);
  return out;
}

function decrypt(key: Uint8Array, ad: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
  if (sealed.length < V_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-siv', key, null) as DecipherGCM;
  decipher.setAuthTag(sealed.subarray(0, V_BYTES));
  decipher.setAAD(ad);
  // OpenSSL withholds the plaintext of a V that does not verify, and final() throws.
  const body = decipher.update(sealed.subarray(V_BYTES));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return plain(body);
}

const sequence = (length: number, start: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);

/** Key 00…3f, associated data 64…73, plaintext c8…e7: the V ‖ C that @noble/ciphers `aessiv` gives. */
function knownAnswerHolds(): boolean {
  const [key, ad, plaintext] = [sequence(64, 0), sequence(16, 100), sequence(32, 200)];
  const expected = fromHex(
    '81b7518d86fb068bab1994870ffe5554a8c505b5acbd782b9358a37d011c3f7213af31287c546c26fcb33c2c2677d33d',
  );
  const sealed = encrypt(key, ad, plaintext);
  const tampered = Uint8Array.from(sealed);
  tampered[0] = (tampered[0] ?? 0) ^ 1;
  return (
    sealed.length === expected.length &&
    sealed.every((byte, i) => byte === expected[i]) &&
    decrypt(key, ad, sealed)?.every((byte, i) => byte === plaintext[i]) === true &&
    decrypt(key, ad, tampered) === undefined
  );
}

/**
 * AES-SIV (RFC 5297, AES-256 halves, one associated-data component) through `node:crypto`,
 * which has it on OpenSSL 3 builds with SIV (Node.js 24 and later; not Node.js 20 or 22).
 *
 * @example
 * ```ts
 * const siv = aesSiv.get();
 * const wrapped = siv?.encrypt(layerKey, associatedData, dataKey);
 * ```
 */
export const aesSiv: NativeCapability<NativeAesSiv> = capability(() =>
  knownAnswerHolds() ? { encrypt, decrypt } : undefined,
);
