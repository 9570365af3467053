import type { NativeCrypto } from '../types.js';
import { mlDsa } from './ml-dsa.js';
import { sha512Hash } from './sha512.js';
import { aesGcm } from './aes-gcm.js';
import { aesSiv } from './aes-siv.js';
import { kem } from './kem.js';
import { hmacHash } from './hmac.js';

/**
 * `node:crypto`: the `node` target of `#native` (Node.js, Deno and Bun all provide the module;
 * each capability is probed before it is used, since their coverage differs).
 *
 * @example
 * ```ts
 * import { native } from '#native';
 * console.log(native.source); // 'node:crypto' in Node.js, Deno and Bun
 * ```
 */
export const native: NativeCrypto = {
  source: 'node:crypto',
  mlDsa,
  aesGcm,
  aesSiv,
  kem,
  sha512: sha512Hash,
  hmac: hmacHash,
};

// WebCrypto's post-quantum algorithms, as in the `default` target (see src/native/default.ts).
export { mlDsaWebCrypto } from '../webcrypto/ml-dsa.js';
export { kemWebCrypto } from '../webcrypto/kem.js';
