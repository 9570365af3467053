import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import type { SigningAlgorithm } from '../../sign/index.js';
import { capability, equalBytes, keyCache } from '../capability.js';
import { ML_DSA_KNOWN_ANSWER as PROBE, sequence } from '../known-answers.js';
import type { NativeAsyncCapability, NativeMlDsaAsync } from '../types.js';
import { modernSubtle, type ModernSubtle } from './subtle.js';

const ALGORITHMS: readonly SigningAlgorithm[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

/** A private key imported from its seed, with the public key it derives. */
interface PrivateKey {
  readonly key: CryptoKey;
  readonly publicKey: Uint8Array;
}

/** A private key from its seed, and the encoded public key it derives. */
async function importSeed(
  subtle: ModernSubtle,
  name: SigningAlgorithm,
  seed: Uint8Array,
): Promise<PrivateKey> {
  const key = await subtle.importKey('raw-seed', seed, { name }, false, ['sign']);
  const publicKey = await subtle.exportKey('raw-public', await subtle.getPublicKey(key, ['verify']));
  return { key, publicKey: new Uint8Array(publicKey) };
}

/** Pure ML-DSA with a context through `subtle`; imported keys cached per key array and algorithm. */
function webCryptoMlDsa(subtle: ModernSubtle): NativeMlDsaAsync {
  const publicKeys = {} as Record<SigningAlgorithm, (bytes: Uint8Array) => Promise<CryptoKey>>;
  const privateKeys = {} as Record<SigningAlgorithm, (seed: Uint8Array) => Promise<PrivateKey>>;
  for (const name of ALGORITHMS) {
    publicKeys[name] = keyCache((bytes) =>
      subtle.importKey('raw-public', bytes, { name }, false, ['verify']),
    );
    privateKeys[name] = keyCache((seed) => importSeed(subtle, name, seed));
  }
  return {
    async sign(key, message, context) {
      const { key: privateKey, publicKey } = await privateKeys[key.algorithm](key.seed);
      if (!equalBytes(publicKey, key.publicKey)) return undefined;
      return new Uint8Array(await subtle.sign({ name: key.algorithm, context }, privateKey, message));
    },
    async verify(key, signature, message, context) {
      const publicKey = await publicKeys[key.algorithm](key.publicKey);
      return subtle.verify({ name: key.algorithm, context }, publicKey, signature, message);
    },
  };
}

/** Base64 (the known answer's encoding) without `Buffer`. */
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/**
 * The known answer ({@link PROBE}): key derivation from a seed at each level, import of a raw
 * public key, verification of @noble/post-quantum's deterministic signature with a context (made
 * here: the bundle already holds @noble/post-quantum, not the frozen signature), a fresh hedged
 * signature with a context that @noble/post-quantum accepts, and its refusal under another
 * context on both sides.
 */
async function probe(): Promise<NativeMlDsaAsync | undefined> {
  const subtle = modernSubtle();
  if (subtle === undefined) return undefined;
  try {
    const mlDsa = webCryptoMlDsa(subtle);
    const encoder = new TextEncoder();
    const message = encoder.encode(PROBE.message);
    const context = encoder.encode(PROBE.context);
    const seed = sequence(PROBE.seedBytes, 0);
    const publicKeys = await Promise.all(
      ALGORITHMS.map(async (algorithm) => {
        const { publicKey } = await importSeed(subtle, algorithm, seed);
        const sha256 = new Uint8Array(await subtle.digest('SHA-256', publicKey));
        return equalBytes(sha256, fromBase64(PROBE.publicKeySha256[algorithm])) ? publicKey : undefined;
      }),
    );
    const [publicKey] = publicKeys;
    if (publicKey === undefined || publicKeys.includes(undefined)) return undefined;
    const key = { algorithm: 'ML-DSA-44', publicKey, seed } as const;
    const known = ml_dsa44.sign(message, ml_dsa44.keygen(seed).secretKey, { context, extraEntropy: false });
    if (!(await mlDsa.verify(key, known, message, context))) return undefined;
    const fresh = await mlDsa.sign(key, message, context);
    const other = new Uint8Array(0);
    return fresh !== undefined &&
      ml_dsa44.verify(fresh, message, publicKey, { context }) &&
      !ml_dsa44.verify(fresh, message, publicKey, { context: other }) &&
      !(await mlDsa.verify(key, fresh, message, other))
      ? mlDsa
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ML-DSA-44/65/87 through WebCrypto, probed on the first `get()` by its known answer;
 * `undefined` where `crypto.subtle` lacks ML-DSA or refuses a non-empty context.
 *
 * @example
 * ```ts
 * const mlDsa = await mlDsaWebCrypto.get(); // undefined: use @noble/post-quantum
 * ```
 */
export const mlDsaWebCrypto: NativeAsyncCapability<NativeMlDsaAsync> = capability(probe);
