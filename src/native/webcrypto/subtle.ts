/**
 * `crypto.subtle` as the WICG "Modern Algorithms in WebCrypto" draft extends it (ML-DSA, ML-KEM,
 * `raw-seed`/`raw-public` keys, `getPublicKey`), typed here because the DOM typings predate it.
 * Browser-safe: no `node:` module.
 */

/** An algorithm argument: a name and, for ML-DSA, a FIPS 204 context; for X25519, the peer's key. */
interface Algorithm {
  readonly name: string;
  readonly context?: Uint8Array;
  readonly public?: CryptoKey;
}

/** Key formats of the draft (`raw-seed`, `raw-public`) and of WebCrypto (`raw`, `pkcs8`, `jwk`). */
type RawFormat = 'raw-seed' | 'raw-public' | 'raw' | 'pkcs8';

/** The subset of `SubtleCrypto` the WebCrypto backend calls. */
export interface ModernSubtle {
  readonly importKey: (
    format: RawFormat,
    keyData: Uint8Array,
    algorithm: Algorithm,
    extractable: boolean,
    usages: readonly string[],
  ) => Promise<CryptoKey>;
  readonly exportKey: {
    (format: 'raw-public' | 'raw', key: CryptoKey): Promise<ArrayBuffer>;
    (format: 'jwk', key: CryptoKey): Promise<{ readonly x?: string }>;
  };
  readonly getPublicKey: (key: CryptoKey, usages: readonly string[]) => Promise<CryptoKey>;
  readonly generateKey: (
    algorithm: Algorithm,
    extractable: boolean,
    usages: readonly string[],
  ) => Promise<CryptoKeyPair>;
  readonly sign: (algorithm: Algorithm, key: CryptoKey, data: Uint8Array) => Promise<ArrayBuffer>;
  readonly verify: (
    algorithm: Algorithm,
    key: CryptoKey,
    signature: Uint8Array,
    data: Uint8Array,
  ) => Promise<boolean>;
  readonly encapsulateBits: (
    algorithm: Algorithm,
    key: CryptoKey,
  ) => Promise<{ readonly sharedKey: ArrayBuffer; readonly ciphertext: ArrayBuffer }>;
  readonly decapsulateBits: (
    algorithm: Algorithm,
    key: CryptoKey,
    ciphertext: Uint8Array,
  ) => Promise<ArrayBuffer>;
  readonly deriveBits: (algorithm: Algorithm, key: CryptoKey, length: number) => Promise<ArrayBuffer>;
  readonly digest: (algorithm: 'SHA-256', data: Uint8Array) => Promise<ArrayBuffer>;
}

/**
 * The runtime's `crypto.subtle`, or `undefined` without one (an insecure browser context, an
 * old runtime). Whether it has the draft's algorithms is for each probe to find out.
 *
 * @example
 * ```ts
 * const subtle = modernSubtle();
 * const key = await subtle?.importKey('raw-seed', seed, { name: 'ML-DSA-87' }, false, ['sign']);
 * ```
 */
export function modernSubtle(): ModernSubtle | undefined {
  const api = (globalThis as { readonly crypto?: { readonly subtle?: unknown } }).crypto?.subtle;
  return api === undefined ? undefined : (api as ModernSubtle);
}

/**
 * Lowercase hex of bytes (for known-answer checks).
 *
 * @example
 * ```ts
 * hex(new Uint8Array([0, 255])); // '00ff'
 * ```
 */
export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A known answer's SHA-256, in hex.
 *
 * @example
 * ```ts
 * await sha256Hex(subtle, publicKey); // 'c7b8fa0a…'
 * ```
 */
export async function sha256Hex(subtle: ModernSubtle, bytes: Uint8Array): Promise<string> {
  return hex(await subtle.digest('SHA-256', bytes));
}
