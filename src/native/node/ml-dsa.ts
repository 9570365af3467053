import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from '../../sign/index.js';
import type { NativeCapability, NativeMlDsa } from '../types.js';
import { ML_DSA_KNOWN_ANSWER as PROBE, ML_DSA_KNOWN_SIGNATURE, sequence } from '../known-answers.js';
import { capability, keyCache } from '../capability.js';
import { plain } from './bytes.js';

// The Node.js 20 typings predate ML-DSA in node:crypto (Node.js 24): the raw key formats, the
// `raw-public` export and the `context` option are typed here as Node.js 24 and later accept them.
interface RawKeyInput {
  readonly key: Uint8Array;
  readonly format: 'raw-public' | 'raw-seed';
  readonly asymmetricKeyType: string;
}
interface KeyWithContext {
  readonly key: KeyObject;
  readonly context: Uint8Array;
}
const importPublic = createPublicKey as unknown as (input: RawKeyInput) => KeyObject;
const importPrivate = createPrivateKey as unknown as (input: RawKeyInput) => KeyObject;
const signWithContext = sign as unknown as (algorithm: null, data: Uint8Array, key: KeyWithContext) => Buffer;
const verifyWithContext = verify as unknown as (
  algorithm: null,
  data: Uint8Array,
  key: KeyWithContext,
  signature: Uint8Array,
) => boolean;
/** The encoded public key of a private key. */
const rawPublicKey = (key: KeyObject): Buffer =>
  (createPublicKey(key) as unknown as { export: (options: { format: 'raw-public' }) => Buffer }).export({
    format: 'raw-public',
  });

const KEY_TYPE: Readonly<Record<SigningAlgorithm, string>> = {
  'ML-DSA-44': 'ml-dsa-44',
  'ML-DSA-65': 'ml-dsa-65',
  'ML-DSA-87': 'ml-dsa-87',
};

/** The private key derived from a seed, with the public key it derives. */
interface PrivateKey {
  readonly key: KeyObject;
  readonly publicKey: Buffer;
}

/** Imported keys cached per key array and algorithm ({@link keyCache}: a changed array is imported again). */
const publicKeys = {} as Record<SigningAlgorithm, (bytes: Uint8Array) => KeyObject>;
const privateKeys = {} as Record<SigningAlgorithm, (seed: Uint8Array) => PrivateKey>;
for (const [algorithm, asymmetricKeyType] of Object.entries(KEY_TYPE) as [SigningAlgorithm, string][]) {
  publicKeys[algorithm] = keyCache((key) => importPublic({ key, format: 'raw-public', asymmetricKeyType }));
  privateKeys[algorithm] = keyCache((seed) => {
    const key = importPrivate({ key: seed, format: 'raw-seed', asymmetricKeyType });
    return { key, publicKey: rawPublicKey(key) };
  });
}

const nodeMlDsa: NativeMlDsa = {
  sign(key, message, context) {
    const { key: privateKey, publicKey } = privateKeys[key.algorithm](key.seed);
    if (!publicKey.equals(key.publicKey)) return undefined;
    return plain(signWithContext(null, message, { key: privateKey, context }));
  },
  verify(key, signature, message, context) {
    const publicKey = publicKeys[key.algorithm](key.publicKey);
    return verifyWithContext(null, message, { key: publicKey, context }, signature);
  },
};

/**
 * The exact operations mamlkit needs, checked against the known answer: key derivation from a
 * seed for each level, import of a raw public key, verification of a known signature with a
 * context, and a fresh hedged signature with a context. Any failure or exception: `undefined`.
 */
function probe(): NativeMlDsa | undefined {
  try {
    const encoder = new TextEncoder();
    const message = encoder.encode(PROBE.message);
    const context = encoder.encode(PROBE.context);
    const seed = sequence(PROBE.seedBytes, 0);
    for (const [algorithm, sha256] of Object.entries(PROBE.publicKeySha256) as [SigningAlgorithm, string][]) {
      const { publicKey } = privateKeys[algorithm](seed);
      if (createHash('sha256').update(publicKey).digest('base64') !== sha256) return undefined;
    }
    const key = {
      algorithm: 'ML-DSA-44',
      publicKey: privateKeys['ML-DSA-44'](seed).publicKey,
      seed,
    } as const;
    if (!nodeMlDsa.verify(key, Buffer.from(ML_DSA_KNOWN_SIGNATURE, 'base64'), message, context))
      return undefined;
    const fresh = nodeMlDsa.sign(key, message, context);
    return fresh !== undefined && nodeMlDsa.verify(key, fresh, message, context) ? nodeMlDsa : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ML-DSA through node:crypto (Node.js 24 and later: OpenSSL 3.5), synchronous. Probed on the
 * first `get()`; `undefined` where the runtime lacks it or does not take a context (Node.js
 * 20 and 22, Bun, Deno), and then @noble/post-quantum runs.
 *
 * @example
 * ```ts
 * import { native } from '#native';
 * const mlDsa = native.mlDsa?.get(); // undefined: use @noble/post-quantum
 * ```
 */
export const mlDsa: NativeCapability<NativeMlDsa> = capability(probe);
