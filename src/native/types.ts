import type { SigningAlgorithm } from '../sign/index.js';

/**
 * What a runtime's synchronous native crypto offers mamlkit (WebCrypto's post-quantum
 * algorithms, asynchronous, are the separate exports `mlDsaWebCrypto` and `kemWebCrypto` of
 * both targets, so a bundle holds only those it uses). `#native` resolves, through package.json
 * `imports` conditions, to `src/native/node/index.ts` (the `node` condition: Node.js, Deno,
 * Bun) or to `src/native/default.ts` (everything else, browser bundles included). Each
 * capability is probed once, on first use, by a known-answer check of the exact operation
 * mamlkit needs; `undefined` means "use the pure-JavaScript path".
 *
 * Files behind `#native` import nothing from the library but types, so the library's classes
 * and constants exist once however the package is bundled.
 */
export interface NativeCrypto {
  /** Where the synchronous native primitives come from (`'node:crypto'`), or `'none'`. */
  readonly source: 'node:crypto' | 'none';
  /** ML-DSA-44/65/87 signing and verification with a FIPS 204 context string. */
  readonly mlDsa?: NativeCapability<NativeMlDsa>;
  /** Synchronous AES-256-GCM, or `undefined` where the runtime lacks it. */
  readonly aesGcm?: NativeCapability<NativeAesGcm>;
  /** AES-SIV (RFC 5297) with a 64-byte key, or `undefined` where the runtime lacks it. */
  readonly aesSiv?: NativeCapability<NativeAesSiv>;
  /** The KEMs of the envelope's layers. */
  readonly kem?: NativeCapability<NativeKems>;
  /** A fresh running SHA-512 (the signed envelope's digest). */
  readonly sha512?: NativeCapability<() => NativeDigest>;
  /** HMAC-SHA-256 and HMAC-SHA-512 (the envelope's key ids, HKDF and header MAC). */
  readonly hmac?: NativeCapability<NativeHmac>;
}

/**
 * One native capability. `#native` is a private import of the package (package.json `imports`),
 * so `enable` reaches mamlkit's own tests and benchmarks, never an application.
 */
export interface NativeCapability<T> {
  /** The capability, or `undefined` when the runtime lacks it (probed on the first call) or it is switched off. */
  readonly get: () => T | undefined;
  /** Switches the capability on (the default) or off for the whole process, to compare it with the pure-JavaScript path. */
  readonly enable: (on: boolean) => void;
}

/** A capability probed asynchronously: `get()` answers a promise (or `undefined` when switched off). */
export type NativeAsyncCapability<T> = NativeCapability<Promise<T | undefined>>;

/**
 * The KEM kinds whose every operation passed WebCrypto's probe (a runtime may have ML-KEM but
 * not X25519).
 */
export type NativeKemsAsync = Partial<Record<NativeKemKind, NativeKemAsync>>;

/**
 * {@link NativeMlDsa} with promises. A rejection means the runtime could not answer: the
 * caller then runs the pure-JavaScript reference.
 */
export interface NativeMlDsaAsync {
  /** A hedged signature, or `undefined` when `key.seed` does not derive `key.publicKey`. */
  readonly sign: (
    key: NativeMlDsaKey & { readonly seed: Uint8Array },
    message: Uint8Array,
    context: Uint8Array,
  ) => Promise<Uint8Array | undefined>;
  /** True when `signature` is `key`'s signature of `message` under `context`; false for any other bytes. */
  readonly verify: (
    key: NativeMlDsaKey,
    signature: Uint8Array,
    message: Uint8Array,
    context: Uint8Array,
  ) => Promise<boolean>;
}

/**
 * A KEM through WebCrypto, keyed by the stored seed (ML-KEM-1024: the 64-byte d ‖ z; X-Wing:
 * the 32-byte seed). `undefined` (or a rejection) means the runtime cannot answer for these
 * bytes (a wrong length, a public key that fails FIPS 203's modulus check, a low-order X25519
 * point): the caller then runs the pure-JavaScript reference, which gives the answer or the error.
 */
export interface NativeKemAsync {
  readonly encapsulate: (
    publicKey: Uint8Array,
  ) => Promise<{ cipherText: Uint8Array; sharedSecret: Uint8Array } | undefined>;
  readonly decapsulate: (cipherText: Uint8Array, seed: Uint8Array) => Promise<Uint8Array | undefined>;
}

/** The parts of a key the native ML-DSA reads. */
export interface NativeMlDsaKey {
  readonly algorithm: SigningAlgorithm;
  /** The encoded public key. */
  readonly publicKey: Uint8Array;
}

/**
 * Pure ML-DSA (FIPS 204 sections 5.2 and 5.3) with a context string, hedged: the same
 * signatures `@noble/post-quantum` makes and accepts. Imported keys are cached per key array
 * (and used only while its bytes are unchanged).
 */
export interface NativeMlDsa {
  /**
   * A hedged signature, or `undefined` when `key.seed` does not derive `key.publicKey`.
   * `message` and `context` are signed as given; the result is a plain `Uint8Array`.
   */
  readonly sign: (
    key: NativeMlDsaKey & { readonly seed: Uint8Array },
    message: Uint8Array,
    context: Uint8Array,
  ) => Uint8Array | undefined;
  /** True when `signature` is `key`'s signature of `message` under `context`; false for any other bytes. */
  readonly verify: (
    key: NativeMlDsaKey,
    signature: Uint8Array,
    message: Uint8Array,
    context: Uint8Array,
  ) => boolean;
}

/** AES-256-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext. */
export interface NativeAesGcm {
  /** Encrypts `plaintext`, writing ciphertext ‖ tag into `out` from `offset`. */
  readonly sealInto: (
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    out: Uint8Array,
    offset: number,
  ) => void;
  /** The plaintext of ciphertext ‖ tag, or `undefined` when the tag does not verify. */
  readonly open: (key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array) => Uint8Array | undefined;
}

/** AES-SIV with one associated-data component; the output is V ‖ C (RFC 5297). */
export interface NativeAesSiv {
  readonly encrypt: (key: Uint8Array, ad: Uint8Array, plaintext: Uint8Array) => Uint8Array;
  /** The plaintext, or `undefined` when V does not verify. */
  readonly decrypt: (key: Uint8Array, ad: Uint8Array, sealed: Uint8Array) => Uint8Array | undefined;
}

/** The KEMs of the envelope's layers: ML-KEM-1024 (FIPS 203) and X-Wing (ML-KEM-768 + X25519). */
export type NativeKemKind = 'ml-kem-1024' | 'x-wing';

/** One native implementation per KEM kind. */
export type NativeKems = Readonly<Record<NativeKemKind, NativeKem>>;

/**
 * A KEM with the key formats of `@noble/post-quantum` (ML-KEM-1024: the 3168-byte expanded
 * decapsulation key; X-Wing: the 32-byte seed). Every operation returns `undefined` when it
 * cannot answer (a key or ciphertext the runtime refuses): the caller then runs the
 * pure-JavaScript reference, which gives the answer or the error. Encapsulation draws from the
 * system random source.
 */
export interface NativeKem {
  /** The key pair of a seed, as `keygen(seed)` of `@noble/post-quantum` gives it (X-Wing only). */
  readonly keygen?: (seed: Uint8Array) => { publicKey: Uint8Array; secretKey: Uint8Array } | undefined;
  readonly encapsulate: (
    publicKey: Uint8Array,
  ) => { cipherText: Uint8Array; sharedSecret: Uint8Array } | undefined;
  readonly decapsulate: (cipherText: Uint8Array, secretKey: Uint8Array) => Uint8Array | undefined;
}

/** A running hash: `update` as often as needed, then `digest` once. */
export interface NativeDigest {
  readonly update: (bytes: Uint8Array) => NativeDigest;
  readonly digest: () => Uint8Array;
}

/** The hashes an HMAC runs on. */
export type NativeHashName = 'sha256' | 'sha512';

/** HMAC (RFC 2104) under `key` of the concatenation of `parts`; a plain `Uint8Array`. */
export type NativeHmac = (hash: NativeHashName, key: Uint8Array, parts: readonly Uint8Array[]) => Uint8Array;
