import type { NativeCrypto } from './types.js';
import { webCrypto } from './webcrypto/index.js';

/**
 * No synchronous native crypto, only WebCrypto: the `default` target of `#native`, which
 * browser bundles get. Every operation takes its WebCrypto or pure-JavaScript path.
 *
 * @example
 * ```ts
 * import { native } from '#native';
 * console.log(native.source); // 'none' in a browser bundle
 * ```
 */
export const native: NativeCrypto = { source: 'none', webCrypto };
