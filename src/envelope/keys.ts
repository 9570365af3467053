import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { native } from '#native';
import { toHex } from '../encoding/base64.js';
import { EnvelopeError } from './errors.js';
import { publicKeyId, symmetricKeyId } from './kdf.js';
import { draw, systemRandom, type RandomSource } from './random.js';

/** Kinds of layer: a 512-bit AES-SIV key, or a post-quantum KEM key pair. */
export type LayerKind = 'aes-siv' | KemKind;

/** Post-quantum KEMs a layer can use: ML-KEM-1024 (FIPS 203) or X-Wing (ML-KEM-768 + X25519). */
export type KemKind = 'ml-kem-1024' | 'x-wing';

/** A symmetric layer: 64 random bytes used as an AES-SIV (RFC 5297, AES-256) key. */
export interface SymmetricLayerKey {
  readonly kind: 'aes-siv';
  /** 16 hex characters identifying the key (see docs/spec/envelope.md, "Key ids"). */
  readonly kid: string;
  readonly key: Uint8Array;
}

/** The public half of a KEM layer: enough to seal, not to open. */
export interface RecipientPublicKey {
  readonly kind: KemKind;
  readonly kid: string;
  readonly publicKey: Uint8Array;
}

/** A KEM key pair: seals with its public key and opens with its secret key. */
export interface RecipientKeyPair extends RecipientPublicKey {
  /** The seed the key pair is derived from (64 bytes for ML-KEM-1024, 32 for X-Wing); what export writes. */
  readonly seed: Uint8Array;
  /** The expanded decapsulation key, derived from `seed`. */
  readonly secretKey: Uint8Array;
}

/** One layer of a keyring. */
export type LayerKey = SymmetricLayerKey | RecipientPublicKey | RecipientKeyPair;

/** Options of the key generators. */
export interface KeyGenOptions {
  /** Random source (default `crypto.getRandomValues`). */
  readonly random?: RandomSource;
}

/** Byte value of each kind in the header. */
export const KIND_IDS: Readonly<Record<LayerKind, number>> = { 'aes-siv': 1, 'ml-kem-1024': 2, 'x-wing': 3 };

/** Kind of a header kind byte, or `undefined` if unknown. */
export function kindOfId(id: number): LayerKind | undefined {
  return id === 1 ? 'aes-siv' : id === 2 ? 'ml-kem-1024' : id === 3 ? 'x-wing' : undefined;
}

/** Length of a symmetric layer key. */
export const LAYER_KEY_BYTES = 64;

/** The noble KEM behind each KEM kind, with its seed length. */
export const KEMS: Readonly<
  Record<KemKind, { readonly kem: typeof ml_kem1024 | typeof ml_kem768_x25519; readonly seedBytes: number }>
> = {
  'ml-kem-1024': { kem: ml_kem1024, seedBytes: 64 },
  'x-wing': { kem: ml_kem768_x25519, seedBytes: 32 },
};

/** Public-key, ciphertext and encapsulation-randomness lengths of a KEM kind. */
export function kemLengths(kind: KemKind): { publicKey: number; cipherText: number; encapsulation: number } {
  const { lengths } = KEMS[kind].kem;
  return {
    publicKey: lengths.publicKey ?? 0,
    cipherText: lengths.cipherText ?? 0,
    encapsulation: lengths.msgRand ?? 0,
  };
}

/** Runs a KEM operation; a key the KEM rejects becomes `ERR_ENVELOPE_KEY_INVALID`. */
function kemCall<T>(kind: KemKind, what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `the ${kind} ${what} is invalid`, { cause: error });
  }
}

/**
 * Encapsulates to a KEM public key, drawing its randomness from `random`. With the system
 * random source it runs natively where the runtime can (`node:crypto` takes no caller
 * randomness); any other source, and any key the native KEM refuses, takes @noble/post-quantum.
 */
export function kemEncapsulate(
  kind: KemKind,
  publicKey: Uint8Array,
  random: RandomSource,
): { cipherText: Uint8Array; sharedSecret: Uint8Array } {
  const fast = random === systemRandom ? native.kem?.get()?.[kind].encapsulate(publicKey) : undefined;
  return (
    fast ??
    kemCall(kind, 'public key', () =>
      KEMS[kind].kem.encapsulate(publicKey, draw(random, kemLengths(kind).encapsulation)),
    )
  );
}

/**
 * Decapsulates a KEM ciphertext with a secret key: natively where the runtime can, else (and
 * for anything the native KEM refuses) @noble/post-quantum, which gives the same shared secret
 * for every ciphertext, malformed ones included (implicit rejection).
 */
export function kemDecapsulate(kind: KemKind, cipherText: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return (
    native.kem?.get()?.[kind].decapsulate(cipherText, secretKey) ??
    kemCall(kind, 'secret key', () => KEMS[kind].kem.decapsulate(cipherText, secretKey))
  );
}

/**
 * Builds a symmetric layer key from its 64 bytes, computing its key id.
 *
 * @example
 * ```ts
 * import { symmetricLayerKey } from 'mamlkit/envelope';
 * const layer = symmetricLayerKey(crypto.getRandomValues(new Uint8Array(64)));
 * ```
 */
export function symmetricLayerKey(key: Uint8Array): SymmetricLayerKey {
  if (!(key instanceof Uint8Array) || key.length !== LAYER_KEY_BYTES) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `a layer key is ${LAYER_KEY_BYTES} bytes`);
  }
  const copy = Uint8Array.from(key);
  return { kind: 'aes-siv', kid: toHex(symmetricKeyId(copy)), key: copy };
}

/**
 * Generates a symmetric layer key: 64 random bytes (a 512-bit AES-SIV key) with its key id.
 *
 * @example
 * ```ts
 * import { generateLayerKey } from 'mamlkit/envelope';
 * const layer = generateLayerKey();
 * console.log(layer.kind, layer.kid); // 'aes-siv' '3f9c…'
 * ```
 */
export function generateLayerKey(options: KeyGenOptions = {}): SymmetricLayerKey {
  return symmetricLayerKey(draw(options.random ?? systemRandom, LAYER_KEY_BYTES));
}

/**
 * Builds a KEM key pair from its seed (64 bytes for ML-KEM-1024, 32 for X-Wing).
 *
 * @example
 * ```ts
 * import { recipientKeyPairFromSeed } from 'mamlkit/envelope';
 * const pair = recipientKeyPairFromSeed('x-wing', crypto.getRandomValues(new Uint8Array(32)));
 * ```
 */
export function recipientKeyPairFromSeed(kind: KemKind, seed: Uint8Array): RecipientKeyPair {
  const entry = KEMS[kind] as (typeof KEMS)[KemKind] | undefined;
  if (entry === undefined) throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `unknown KEM kind ${kind}`);
  if (!(seed instanceof Uint8Array) || seed.length !== entry.seedBytes) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `a ${kind} seed is ${entry.seedBytes} bytes`);
  }
  const copy = Uint8Array.from(seed);
  const { publicKey, secretKey } = native.kem?.get()?.[kind].keygen?.(copy) ?? entry.kem.keygen(copy);
  return { kind, kid: toHex(publicKeyId(KIND_IDS[kind], publicKey)), publicKey, seed: copy, secretKey };
}

/**
 * Generates a post-quantum KEM key pair usable as a layer: ML-KEM-1024 (default, NIST
 * category 5) or X-Wing (ML-KEM-768 + X25519 hybrid).
 *
 * @example
 * ```ts
 * import { generateRecipientKeyPair } from 'mamlkit/envelope';
 * const pair = generateRecipientKeyPair({ kem: 'x-wing' });
 * ```
 */
export function generateRecipientKeyPair(
  options: KeyGenOptions & { readonly kem?: KemKind } = {},
): RecipientKeyPair {
  const kind = options.kem ?? 'ml-kem-1024';
  const entry = KEMS[kind] as (typeof KEMS)[KemKind] | undefined;
  if (entry === undefined) throw new EnvelopeError('ERR_INVALID_ARGUMENT', `unknown KEM kind ${kind}`);
  return recipientKeyPairFromSeed(kind, draw(options.random ?? systemRandom, entry.seedBytes));
}

/**
 * Builds the public half of a KEM layer from its public key bytes. The key is checked now, by
 * one trial encapsulation (FIPS 203's encapsulation-key check, which @noble/post-quantum runs
 * inside encapsulate), so a bad key fails here rather than at the first seal.
 *
 * @throws {EnvelopeError} `ERR_ENVELOPE_KEY_INVALID` for an unknown kind, a wrong length or a
 * key the KEM rejects.
 *
 * @example
 * ```ts
 * import { recipientPublicKey } from 'mamlkit/envelope';
 * const layer = recipientPublicKey('ml-kem-1024', publicKeyBytes);
 * ```
 */
export function recipientPublicKey(kind: KemKind, publicKey: Uint8Array): RecipientPublicKey {
  const entry = KEMS[kind] as (typeof KEMS)[KemKind] | undefined;
  if (entry === undefined) throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `unknown KEM kind ${kind}`);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== kemLengths(kind).publicKey) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_KEY_INVALID',
      `a ${kind} public key is ${kemLengths(kind).publicKey} bytes`,
    );
  }
  const copy = Uint8Array.from(publicKey);
  kemEncapsulate(kind, copy, (n) => new Uint8Array(n)); // rejects invalid keys now, on the reference path
  return { kind, kid: toHex(publicKeyId(KIND_IDS[kind], copy)), publicKey: copy };
}

/**
 * The part of a layer needed to seal: KEM key pairs lose their secret half; symmetric keys stay.
 *
 * @example
 * ```ts
 * import { generateRecipientKeyPair, sealingLayer } from 'mamlkit/envelope';
 * const publicOnly = sealingLayer(generateRecipientKeyPair());
 * ```
 */
export function sealingLayer(layer: LayerKey): LayerKey {
  return layer.kind === 'aes-siv' ? layer : { kind: layer.kind, kid: layer.kid, publicKey: layer.publicKey };
}
