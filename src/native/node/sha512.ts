import { createHash } from 'node:crypto';
import type { NativeCapability, NativeDigest } from '../types.js';
import { capability } from '../capability.js';
import { fromHex } from './bytes.js';

/** A running SHA-512 through `node:crypto`; results are plain `Uint8Array`s. */
function sha512(): NativeDigest {
  const hash = createHash('sha512');
  const digest: NativeDigest = {
    update(bytes) {
      hash.update(bytes);
      return digest;
    },
    digest: () => Uint8Array.from(hash.digest()),
  };
  return digest;
}

/** FIPS 180-4's SHA-512 example: the digest of "abc". */
const ABC =
  'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';

/**
 * SHA-512 through `node:crypto` (Node.js, Deno and Bun), checked once against the FIPS 180-4
 * example; `undefined` where it is missing or wrong, and then @noble/hashes runs.
 *
 * @example
 * ```ts
 * const digest = sha512Hash.get()?.().update(header).update(chunk).digest();
 * ```
 */
export const sha512Hash: NativeCapability<() => NativeDigest> = capability(() => {
  const known = fromHex(ABC);
  const got = sha512().update(new TextEncoder().encode('abc')).digest();
  return got.length === known.length && got.every((byte, i) => byte === known[i]) ? sha512 : undefined;
});
