/**
 * Which backend the library selects for each post-quantum operation of its asynchronous entry
 * points, read from `#native` in the same order the library reads it: the synchronous
 * `node:crypto` capability first, WebCrypto only where that is absent (so Node.js 24 never
 * probes WebCrypto's ML-DSA or ML-KEM, whose first use would warn).
 */
import { kemWebCrypto, mlDsaWebCrypto, native } from '#native';
import type { Backend, Backends } from './harness.js';

/** The backend of each operation in this runtime. */
export async function selectedBackends(): Promise<Backends> {
  const mlDsa: Backend =
    native.mlDsa?.get() !== undefined
      ? 'node:crypto'
      : (await mlDsaWebCrypto.get()) !== undefined
        ? 'webcrypto'
        : 'noble';
  const syncKem = native.kem?.get();
  const webKem = syncKem === undefined ? await kemWebCrypto.get() : undefined;
  const kem = (kind: 'ml-kem-1024' | 'x-wing'): Backend =>
    syncKem?.[kind] !== undefined ? 'node:crypto' : webKem?.[kind] !== undefined ? 'webcrypto' : 'noble';
  return { mlDsa, 'ml-kem-1024': kem('ml-kem-1024'), 'x-wing': kem('x-wing') };
}
