import { createHmac } from 'node:crypto';
import type { NativeCapability, NativeHashName, NativeHmac } from '../types.js';
import { capability } from '../capability.js';
import { fromHex, plain } from './bytes.js';

/** HMAC through `node:crypto`; the result is a plain `Uint8Array`. */
const hmac: NativeHmac = (hash, key, parts) => {
  const mac = createHmac(hash, key);
  for (const part of parts) mac.update(part);
  return plain(mac.digest());
};

/** RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?". */
const JEFE: Readonly<Record<NativeHashName, string>> = {
  sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  sha512:
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
};

function knownAnswerHolds(): boolean {
  const text = new TextEncoder();
  // Split in two parts, so the probe also checks that parts are concatenated.
  const parts = [text.encode('what do ya '), text.encode('want for nothing?')];
  return (['sha256', 'sha512'] as const).every((hash) => {
    const expected = fromHex(JEFE[hash]);
    const got = hmac(hash, text.encode('Jefe'), parts);
    return got.length === expected.length && got.every((byte, i) => byte === expected[i]);
  });
}

/**
 * HMAC-SHA-256 and HMAC-SHA-512 through `node:crypto` (Node.js, Deno and Bun), checked once
 * against RFC 4231; `undefined` where it is missing or wrong, and then @noble/hashes runs.
 * The envelope's HKDF is built on it: one `node:crypto` HMAC costs a few microseconds, where
 * `hkdfSync` (an extract and an expand per call) measured slower.
 *
 * @example
 * ```ts
 * const mac = hmacHash.get()?.('sha512', macKey, [headerBody, aad]);
 * ```
 */
export const hmacHash: NativeCapability<NativeHmac> = capability(() =>
  knownAnswerHolds() ? hmac : undefined,
);
