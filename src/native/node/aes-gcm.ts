import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { NativeAesGcm, NativeCapability } from '../types.js';
import { capability } from '../capability.js';
import { fromHex, plain } from './bytes.js';

const TAG_BYTES = 16;

function sealInto(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  out: Uint8Array,
  offset: number,
): void {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = cipher.update(plaintext);
  cipher.final();
  out.set(body, offset);
  out.set(cipher.getAuthTag(), offset + body.length);
}

function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
  if (sealed.length < TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return plain(body);
}

/** NIST GCM test case 14: a 256-bit zero key, a zero nonce, 16 zero bytes. */
function knownAnswerHolds(): boolean {
  const zeros = new Uint8Array(32);
  const nonce = zeros.subarray(0, 12);
  const expected = 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919';
  const sealed = new Uint8Array(32);
  sealInto(zeros, nonce, zeros.subarray(0, 16), sealed, 0);
  const tampered = Uint8Array.from(sealed);
  tampered[31] = (tampered[31] ?? 0) ^ 1;
  return (
    sealed.every((byte, i) => byte === fromHex(expected)[i]) &&
    open(zeros, nonce, sealed)?.every((byte) => byte === 0) === true &&
    open(zeros, nonce, tampered) === undefined
  );
}

/**
 * AES-256-GCM through `node:crypto`: synchronous, one cipher object per chunk, no buffer
 * beyond the output. `undefined` when the runtime's module lacks it or fails the known answer.
 *
 * @example
 * ```ts
 * const gcm = aesGcm.get();
 * gcm?.sealInto(key, nonce, chunk, out, offset);
 * ```
 */
export const aesGcm: NativeCapability<NativeAesGcm> = capability(() =>
  knownAnswerHolds() ? { sealInto, open } : undefined,
);
