import type { NativeCrypto } from './types.js';

/**
 * No synchronous native crypto: the `default` target of `#native`, which browser bundles get.
 * Every operation takes its WebCrypto or pure-JavaScript path.
 *
 * @example
 * ```ts
 * import { native } from '#native';
 * console.log(native.source); // 'none' in a browser bundle
 * ```
 */
export const native: NativeCrypto = { source: 'none' };

export { mlDsaWebCrypto } from './webcrypto/ml-dsa.js';
export { kemWebCrypto } from './webcrypto/kem.js';
