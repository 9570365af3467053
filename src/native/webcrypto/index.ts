import type { NativeWebCrypto } from '../types.js';
import { kemWebCrypto } from './kem.js';
import { mlDsaWebCrypto } from './ml-dsa.js';

/**
 * WebCrypto's post-quantum algorithms, offered by both targets of `#native` (library code with
 * no `node:` import: it runs in browsers too). The library consults it in its asynchronous
 * entry points, and only where the synchronous `node:crypto` capability is absent.
 *
 * @example
 * ```ts
 * import { native } from '#native';
 * const mlDsa = await native.webCrypto?.mlDsa.get(); // Bun, Chromium; undefined in Deno (no context)
 * ```
 */
export const webCrypto: NativeWebCrypto = { mlDsa: mlDsaWebCrypto, kem: kemWebCrypto };
