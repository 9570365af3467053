import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { kemWebCrypto, native } from '#native';
import { toHex } from '../../encoding/base64.js';
import { EnvelopeError } from '../errors.js';
import { deriveKemLayerKey, publicKeyId } from '../kdf.js';
import { draw, systemRandom, type RandomSource } from '../random.js';
import { equalBytes, keyCache } from '../../native/capability.js';
import type { NativeKemAsync } from '../../native/types.js';
import { TwoWayStep } from '../steps.js';
import type { LayerDescriptor, LayerSecret } from './descriptor.js';

/** Post-quantum KEMs a layer can use: ML-KEM-1024 (FIPS 203) or X-Wing (ML-KEM-768 + X25519). */
export type KemKind = 'ml-kem-1024' | 'x-wing';

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

/** A KEM layer: its public half, or the whole key pair. */
export type KemLayerKey = RecipientPublicKey | RecipientKeyPair;

/** Options of the key generators. */
export interface KeyGenOptions {
  /** Random source (default `crypto.getRandomValues`). */
  readonly random?: RandomSource;
}

/** The noble KEM behind each KEM kind, with its seed length and kind byte. */
export const KEMS: Readonly<
  Record<
    KemKind,
    {
      readonly kem: typeof ml_kem1024 | typeof ml_kem768_x25519;
      readonly seedBytes: number;
      readonly id: number;
    }
  >
> = {
  'ml-kem-1024': { kem: ml_kem1024, seedBytes: 64, id: 2 },
  'x-wing': { kem: ml_kem768_x25519, seedBytes: 32, id: 3 },
};

/**
 * Key ids by public key array, per kind: every seal and open checks each layer's key id, and a
 * hit costs a byte comparison instead of a SHA-256 of the public key.
 */
const KEY_IDS = /* @__PURE__ */ Object.fromEntries(
  (Object.keys(KEMS) as KemKind[]).map((kind) => [
    kind,
    keyCache((publicKey) => toHex(publicKeyId(KEMS[kind].id, publicKey))),
  ]),
) as Readonly<Record<KemKind, (publicKey: Uint8Array) => string>>;

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

/** WebCrypto's KEM of a kind, for asynchronous calls where the synchronous native KEM is absent. */
async function webCryptoKem(kind: KemKind): Promise<NativeKemAsync | undefined> {
  return native.kem?.get() === undefined ? (await kemWebCrypto.get())?.[kind] : undefined;
}

/**
 * {@link kemEncapsulate} for asynchronous callers: with the system random source it also runs
 * on WebCrypto where the runtime has the KEM and `#native` has no synchronous one (Deno, Bun,
 * browsers); anything WebCrypto cannot answer is {@link kemEncapsulate}.
 */
export async function kemEncapsulateAsync(
  kind: KemKind,
  publicKey: Uint8Array,
  random: RandomSource,
): Promise<{ cipherText: Uint8Array; sharedSecret: Uint8Array }> {
  const web = random === systemRandom ? await webCryptoKem(kind) : undefined;
  const fast = await web?.encapsulate(publicKey).catch(() => undefined);
  return fast ?? kemEncapsulate(kind, publicKey, random);
}

/**
 * The seeds {@link recipientKeyPairFromSeed} expanded, by secret key array: WebCrypto takes a
 * seed, the reference the expanded key, so a seed is used only for the secret key it was seen
 * to derive (a hand-built pair whose seed and secret key disagree keeps the reference path).
 */
const expandedFrom = new WeakMap<Uint8Array, { readonly seed: Uint8Array; readonly secretKey: Uint8Array }>();

/** The seed WebCrypto decapsulates with: X-Wing's secret key is its seed; ML-KEM-1024's, the seed it derives from. */
function webCryptoSeed(kind: KemKind, pair: RecipientKeyPair): Uint8Array | undefined {
  if (kind === 'x-wing') return pair.secretKey;
  const seen = expandedFrom.get(pair.secretKey);
  return seen !== undefined &&
    equalBytes(seen.secretKey, pair.secretKey) &&
    pair.seed instanceof Uint8Array &&
    equalBytes(seen.seed, pair.seed)
    ? seen.seed
    : undefined;
}

/**
 * {@link kemDecapsulate} for asynchronous callers: also on WebCrypto, from the stored seed,
 * where the runtime has the KEM and `#native` has no synchronous one. Every ciphertext gets the
 * reference's shared secret, malformed ones included (implicit rejection); anything WebCrypto
 * cannot answer is {@link kemDecapsulate}.
 */
export async function kemDecapsulateAsync(
  kind: KemKind,
  cipherText: Uint8Array,
  pair: RecipientKeyPair,
): Promise<Uint8Array> {
  const web = await webCryptoKem(kind);
  const seed = web === undefined ? undefined : webCryptoSeed(kind, pair);
  const fast =
    seed === undefined ? undefined : await web?.decapsulate(cipherText, seed).catch(() => undefined);
  return fast ?? kemDecapsulate(kind, cipherText, pair.secretKey);
}

/** The KEM entry of a kind, refusing unknown kinds. */
function kemEntry(kind: KemKind, code: 'ERR_ENVELOPE_KEY_INVALID' | 'ERR_INVALID_ARGUMENT') {
  const entry = KEMS[kind] as (typeof KEMS)[KemKind] | undefined;
  if (entry === undefined) throw new EnvelopeError(code, `unknown KEM kind ${kind}`);
  return entry;
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
  const entry = kemEntry(kind, 'ERR_ENVELOPE_KEY_INVALID');
  if (!(seed instanceof Uint8Array) || seed.length !== entry.seedBytes) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `a ${kind} seed is ${entry.seedBytes} bytes`);
  }
  const copy = Uint8Array.from(seed);
  const { publicKey, secretKey } = native.kem?.get()?.[kind].keygen?.(copy) ?? entry.kem.keygen(copy);
  expandedFrom.set(secretKey, { seed: copy.slice(), secretKey: secretKey.slice() });
  return { kind, kid: KEY_IDS[kind](publicKey), publicKey, seed: copy, secretKey };
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
  const entry = kemEntry(kind, 'ERR_INVALID_ARGUMENT');
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
  kemEntry(kind, 'ERR_ENVELOPE_KEY_INVALID');
  const lengths = kemLengths(kind);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== lengths.publicKey) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `a ${kind} public key is ${lengths.publicKey} bytes`);
  }
  const copy = Uint8Array.from(publicKey);
  kemEncapsulate(kind, copy, (n) => new Uint8Array(n)); // rejects invalid keys now, on the reference path
  return { kind, kid: KEY_IDS[kind](copy), publicKey: copy };
}

/**
 * The descriptor of a KEM kind (kinds 2 and 3): the encapsulation is the KEM ciphertext and
 * `K_i` = HKDF-SHA-512(shared secret, info = kem-layer label ‖ kind byte ‖ key id).
 */
export function kemDescriptor(kind: KemKind): LayerDescriptor<KemLayerKey> {
  const { id } = KEMS[kind];
  const lengths = kemLengths(kind);
  return {
    kind,
    id,
    versions: [1, 2],
    encapsulation: { min: lengths.cipherText, max: lengths.cipherText },
    synchronous: true,
    parts: [
      { name: 'secret', member: 'k' },
      { name: 'public', member: 'pub' },
    ],
    problem: (layer) =>
      layer.publicKey instanceof Uint8Array && layer.publicKey.length === lengths.publicKey
        ? undefined
        : `a ${kind} public key is ${lengths.publicKey} bytes`,
    keyId: (layer) => KEY_IDS[kind](layer.publicKey),
    material: (layer) => layer.publicKey,
    sealing: (layer) => ({ kind: layer.kind, kid: layer.kid, publicKey: layer.publicKey }),
    openProblem: (layer) =>
      'secretKey' in layer ? undefined : 'holds only a public key; opening needs the key pair',
    exportParts: (layer, isPublic) => {
      const pub = { part: 'public', material: layer.publicKey };
      return 'seed' in layer && !isPublic ? [{ part: 'secret', material: layer.seed }, pub] : [pub];
    },
    importPart: ({ part, material }) =>
      part === 'secret' ? recipientKeyPairFromSeed(kind, material) : recipientPublicKey(kind, material),
    generate: (random) => generateRecipientKeyPair({ random, kem: kind }),
    seal: (layer, context, random) => {
      const secret = (encapsulated: { cipherText: Uint8Array; sharedSecret: Uint8Array }): LayerSecret => ({
        key: deriveKemLayerKey(encapsulated.sharedSecret, id, context.kid),
        encapsulation: encapsulated.cipherText,
      });
      return new TwoWayStep(
        () => secret(kemEncapsulate(kind, layer.publicKey, random)),
        async () => secret(await kemEncapsulateAsync(kind, layer.publicKey, random)),
      );
    },
    open: (layer, encapsulation, context) => {
      const pair = layer as RecipientKeyPair;
      return new TwoWayStep(
        () => deriveKemLayerKey(kemDecapsulate(kind, encapsulation, pair.secretKey), id, context.kid),
        async () => deriveKemLayerKey(await kemDecapsulateAsync(kind, encapsulation, pair), id, context.kid),
      );
    },
  };
}
