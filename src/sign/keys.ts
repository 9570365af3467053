import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from '../encoding/base64.js';
import {
  algorithmInfo,
  DEFAULT_SIGNING_ALGORITHM,
  dsaFor,
  SEED_BYTES,
  type SigningAlgorithm,
} from './algorithms.js';
import { SignError } from './errors.js';
import { formatTimestamp, toEpochSeconds } from './time.js';

/** An ML-DSA public key: what a verifier holds and what a trust store is made of. Plain data. */
export interface SigningPublicKey {
  readonly type: 'public';
  readonly algorithm: SigningAlgorithm;
  /** RFC 7638-style JWK thumbprint of the public key ({@link computeKeyId}). */
  readonly keyId: string;
  /** When the key was made (`2026-01-31T12:00:00Z`), if known; drives {@link keyRotationStatus}. */
  readonly created?: string;
  /** The encoded ML-DSA public key (1312, 1952 or 2592 bytes). */
  readonly publicKey: Uint8Array;
}

/**
 * An ML-DSA secret key: the 32-byte seed it was derived from plus the expanded signing key
 * (kept so that signing does not re-run key generation each time). Plain data; store it as a
 * JWK ({@link exportSigningJwk}), which holds only the seed.
 */
export interface SigningSecretKey {
  readonly type: 'secret';
  readonly algorithm: SigningAlgorithm;
  readonly keyId: string;
  readonly created?: string;
  readonly publicKey: Uint8Array;
  /** The 32-byte FIPS 204 key-generation seed. */
  readonly seed: Uint8Array;
  /** The expanded FIPS 204 signing key. */
  readonly secretKey: Uint8Array;
}

/** A fresh key pair. */
export interface SigningKeyPair {
  readonly publicKey: SigningPublicKey;
  readonly secretKey: SigningSecretKey;
}

/** Options of {@link generateSigningKeyPair}. */
export interface GenerateSigningKeyOptions {
  /** Default `'ML-DSA-87'`. */
  readonly algorithm?: SigningAlgorithm;
  /** 32 bytes to derive the key from (tests, key escrow); default: 32 bytes from `crypto.getRandomValues`. */
  readonly seed?: Uint8Array;
  /** The key's creation time; default: now. */
  readonly created?: Date;
}

/**
 * The key id: base64url(SHA-256(`{"alg":…,"kty":"AKP","pub":…}`)), the RFC 7638 thumbprint of
 * the key's required public JWK members in lexicographic order.
 *
 * @example
 * ```ts
 * import { computeKeyId, generateSigningKeyPair } from 'mamlkit/sign';
 * const { publicKey } = generateSigningKeyPair();
 * computeKeyId(publicKey.algorithm, publicKey.publicKey) === publicKey.keyId; // true
 * ```
 */
export function computeKeyId(algorithm: SigningAlgorithm, publicKey: Uint8Array): string {
  const members = JSON.stringify({ alg: algorithm, kty: 'AKP', pub: toBase64Url(publicKey) });
  return toBase64Url(sha256(new TextEncoder().encode(members)));
}

/** Derives a secret key from its seed (FIPS 204 ML-DSA.KeyGen_internal). */
export function secretKeyFromSeed(
  algorithm: SigningAlgorithm,
  seed: Uint8Array,
  created: string | undefined,
): SigningSecretKey {
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) {
    throw new SignError('ERR_SIGN_KEY_INVALID', `an ML-DSA seed is ${SEED_BYTES} bytes`);
  }
  const own = seed.slice();
  const keys = dsaFor(algorithm).keygen(own);
  const keyId = computeKeyId(algorithm, keys.publicKey);
  const base = {
    type: 'secret',
    algorithm,
    keyId,
    publicKey: keys.publicKey,
    seed: own,
    secretKey: keys.secretKey,
  } as const;
  return created === undefined ? base : { ...base, created };
}

/**
 * The public half of a key (a public key is returned as is).
 *
 * @example
 * ```ts
 * import { generateSigningKeyPair, signingPublicKey } from 'mamlkit/sign';
 * const { secretKey } = generateSigningKeyPair();
 * const shareable = signingPublicKey(secretKey); // no seed, no secret key
 * ```
 */
export function signingPublicKey(key: SigningPublicKey | SigningSecretKey): SigningPublicKey {
  const { algorithm, keyId, created, publicKey } = assertSigningKey(key);
  const base = { type: 'public', algorithm, keyId, publicKey } as const;
  return created === undefined ? base : { ...base, created };
}

/**
 * Generates an ML-DSA key pair (default ML-DSA-87) with its key id and creation time.
 *
 * @throws {SignError} `ERR_SIGN_ALGORITHM` for an unknown algorithm, `ERR_SIGN_KEY_INVALID` for a
 * seed that is not 32 bytes, `ERR_INVALID_ARGUMENT` for an invalid `created`.
 * @example
 * ```ts
 * import { generateSigningKeyPair } from 'mamlkit/sign';
 * const { publicKey, secretKey } = generateSigningKeyPair({ algorithm: 'ML-DSA-65' });
 * console.log(publicKey.keyId, publicKey.created);
 * ```
 */
export function generateSigningKeyPair(options: GenerateSigningKeyOptions = {}): SigningKeyPair {
  const algorithm = algorithmInfo(options.algorithm ?? DEFAULT_SIGNING_ALGORITHM).name;
  const created = formatTimestamp(toEpochSeconds(options.created ?? new Date(), 'created'));
  const seed = options.seed ?? crypto.getRandomValues(new Uint8Array(SEED_BYTES));
  const secretKey = secretKeyFromSeed(algorithm, seed, created);
  return { publicKey: signingPublicKey(secretKey), secretKey };
}

/**
 * Checks a key handed in by a caller and returns it typed: its shape, and that its `keyId` is
 * the thumbprint of its own public key (recomputed here, so no entry point takes a key under
 * another key's id).
 */
export function assertSigningKey(key: unknown): SigningPublicKey | SigningSecretKey {
  const k = key as Partial<Omit<SigningSecretKey, 'type'>> & { type?: unknown };
  const ok =
    typeof k === 'object' &&
    (k as unknown) !== null &&
    (k.type === 'public' || k.type === 'secret') &&
    typeof k.keyId === 'string' &&
    k.publicKey instanceof Uint8Array &&
    k.publicKey.length === algorithmInfo(k.algorithm).publicKeyBytes;
  if (!ok)
    throw new SignError(
      'ERR_SIGN_KEY_INVALID',
      'expected a signing key from generateSigningKeyPair or a JWK import',
    );
  const typed = k as SigningPublicKey | SigningSecretKey;
  if (computeKeyId(typed.algorithm, typed.publicKey) !== typed.keyId) {
    throw new SignError(
      'ERR_SIGN_KEY_INVALID',
      `key id ${typed.keyId} is not the thumbprint of the key's public key: ids are computed, never chosen`,
    );
  }
  return typed;
}

/** Checks that `key` is a usable secret key. */
export function assertSecretKey(key: unknown): SigningSecretKey {
  const k = assertSigningKey(key);
  if (
    k.type !== 'secret' ||
    !(k.seed instanceof Uint8Array) ||
    k.seed.length !== SEED_BYTES ||
    !(k.secretKey instanceof Uint8Array) ||
    k.secretKey.length !== algorithmInfo(k.algorithm).secretKeyBytes
  ) {
    throw new SignError('ERR_SIGN_KEY_INVALID', 'signing needs a secret key (a public key cannot sign)');
  }
  return k;
}
