import { sha3_256, shake256 } from '@noble/hashes/sha3.js';
import { capability, keyCache } from '../capability.js';
import { KEM_KNOWN_ANSWER, sequence } from '../known-answers.js';
import type { NativeAsyncCapability, NativeKemAsync, NativeKemKind, NativeKemsAsync } from '../types.js';
import { hex, modernSubtle, sha256Hex, type ModernSubtle } from './subtle.js';

/** FIPS 203 sizes per parameter set (k = 3 and 4) and the draft's algorithm names. */
const ML_KEM = {
  'ML-KEM-768': { k: 3, publicKey: 1184, cipherText: 1088 },
  'ML-KEM-1024': { k: 4, publicKey: 1568, cipherText: 1568 },
} as const;
type MlKemName = keyof typeof ML_KEM;

/**
 * FIPS 203's encapsulation-key check (section 7.2): every 12-bit coefficient of t̂ is below
 * q = 3329. @noble/post-quantum refuses such a key; WebCrypto implementations need not.
 */
function modulusCheck(name: MlKemName, publicKey: Uint8Array): boolean {
  if (publicKey.length !== ML_KEM[name].publicKey) return false;
  for (let i = 0; i < 384 * ML_KEM[name].k; i += 3) {
    const [a = 0, b = 0, c = 0] = publicKey.subarray(i, i + 3);
    if ((a | ((b & 0x0f) << 8)) >= 3329 || ((b >> 4) | (c << 4)) >= 3329) return false;
  }
  return true;
}

/** One ML-KEM parameter set through `subtle`, keyed by the 64-byte seed d ‖ z; keys cached per array. */
function mlKem(subtle: ModernSubtle, name: MlKemName) {
  const algorithm = { name };
  const publicKeys = keyCache((bytes) =>
    subtle.importKey('raw-public', bytes, algorithm, false, ['encapsulateBits']),
  );
  const secretKeys = keyCache((seed) =>
    subtle.importKey('raw-seed', seed, algorithm, false, ['decapsulateBits']),
  );
  return {
    async publicKey(seed: Uint8Array): Promise<Uint8Array> {
      const key = await subtle.getPublicKey(await secretKeys(seed), ['encapsulateBits']);
      return new Uint8Array(await subtle.exportKey('raw-public', key));
    },
    async encapsulate(publicKey: Uint8Array) {
      if (!modulusCheck(name, publicKey)) return undefined;
      const { sharedKey, ciphertext } = await subtle.encapsulateBits(algorithm, await publicKeys(publicKey));
      return { cipherText: new Uint8Array(ciphertext), sharedSecret: new Uint8Array(sharedKey) };
    },
    async decapsulate(cipherText: Uint8Array, seed: Uint8Array) {
      if (cipherText.length !== ML_KEM[name].cipherText || seed.length !== 64) return undefined;
      return new Uint8Array(await subtle.decapsulateBits(algorithm, await secretKeys(seed), cipherText));
    },
  };
}

/** X-Wing's label, `\.//^\`, hashed last by the combiner. */
const XWING_LABEL = /* @__PURE__ */ new TextEncoder().encode('\\.//^\\');
const X25519 = { name: 'X25519' } as const;
/** PKCS#8 prefix of a raw X25519 private key (RFC 8410). */
const X25519_PKCS8 = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x6e,
  0x04,
  0x22,
  0x04,
  0x20,
);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
};
/** base64url (a JWK member) without `Buffer`. */
const fromBase64Url = (text: string): Uint8Array =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

/**
 * X-Wing (ML-KEM-768 + X25519) as `ml_kem768_x25519` of @noble/post-quantum computes it: the
 * 32-byte seed expands with SHAKE256 to ML-KEM-768's d ‖ z and the X25519 secret; public key
 * pk_M ‖ pk_X, ciphertext ct_M ‖ ct_X, shared secret SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ label).
 */
function xWing(subtle: ModernSubtle) {
  const mlKem768 = mlKem(subtle, 'ML-KEM-768');
  const { publicKey: pkBytes, cipherText: ctBytes } = ML_KEM['ML-KEM-768'];
  const secretKeys = keyCache(async (seed) => {
    const expanded = shake256(seed, { dkLen: 96 });
    const x25519 = await subtle.importKey(
      'pkcs8',
      concat(X25519_PKCS8, expanded.subarray(64)),
      X25519,
      true,
      ['deriveBits'],
    );
    const { x } = await subtle.exportKey('jwk', x25519);
    if (x === undefined) throw new Error('no X25519 public key');
    return { mlKemSeed: expanded.subarray(0, 64), x25519, pkX: fromBase64Url(x) };
  });
  const x25519Public = (bytes: Uint8Array): Promise<CryptoKey> =>
    subtle.importKey('raw', bytes, X25519, true, []);
  const sharedBits = async (privateKey: CryptoKey, publicKey: Uint8Array): Promise<Uint8Array> =>
    new Uint8Array(
      await subtle.deriveBits({ ...X25519, public: await x25519Public(publicKey) }, privateKey, 256),
    );
  const combine = (ssM: Uint8Array, ssX: Uint8Array, ctX: Uint8Array, pkX: Uint8Array): Uint8Array =>
    sha3_256(concat(ssM, ssX, ctX, pkX, XWING_LABEL));
  return {
    async publicKey(seed: Uint8Array): Promise<Uint8Array> {
      const { mlKemSeed, pkX } = await secretKeys(seed);
      return concat(await mlKem768.publicKey(mlKemSeed), pkX);
    },
    async encapsulate(publicKey: Uint8Array) {
      if (publicKey.length !== pkBytes + 32) return undefined;
      const pkX = publicKey.slice(pkBytes);
      const ephemeral = await subtle.generateKey(X25519, true, ['deriveBits']);
      const ssX = await sharedBits(ephemeral.privateKey, pkX);
      const ctX = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
      const mlKemPart = await mlKem768.encapsulate(publicKey.subarray(0, pkBytes));
      if (mlKemPart === undefined) return undefined;
      return {
        cipherText: concat(mlKemPart.cipherText, ctX),
        sharedSecret: combine(mlKemPart.sharedSecret, ssX, ctX, pkX),
      };
    },
    async decapsulate(cipherText: Uint8Array, seed: Uint8Array) {
      if (cipherText.length !== ctBytes + 32 || seed.length !== 32) return undefined;
      const { mlKemSeed, x25519, pkX } = await secretKeys(seed);
      const ctX = cipherText.slice(ctBytes);
      const ssM = await mlKem768.decapsulate(cipherText.subarray(0, ctBytes), mlKemSeed);
      // deriveBits refuses a low-order ct_X (an all-zero shared point), as the reference does.
      const ssX = await sharedBits(x25519, ctX);
      return ssM === undefined ? undefined : combine(ssM, ssX, ctX, pkX);
    },
  };
}

/** A KEM through WebCrypto, with the public key of a seed for the known-answer check. */
type ProbedKem = NativeKemAsync & { readonly publicKey: (seed: Uint8Array) => Promise<Uint8Array> };

/** The known answers ({@link KEM_KNOWN_ANSWER}) and an encapsulation round trip, for one kind. */
async function knownAnswerHolds(subtle: ModernSubtle, kind: NativeKemKind, kem: ProbedKem): Promise<boolean> {
  try {
    const answer = KEM_KNOWN_ANSWER[kind];
    const seed = sequence(answer.seedBytes, 0);
    const publicKey = await kem.publicKey(seed);
    const rejected = await kem.decapsulate(sequence(answer.cipherTextBytes, 7), seed);
    const roundTrip = await kem.encapsulate(publicKey);
    if (rejected === undefined || roundTrip === undefined) return false;
    const shared = await kem.decapsulate(roundTrip.cipherText, seed);
    return (
      (await sha256Hex(subtle, publicKey)) === answer.publicKeySha256 &&
      hex(rejected) === answer.sharedSecret &&
      shared !== undefined &&
      hex(shared) === hex(roundTrip.sharedSecret)
    );
  } catch {
    return false;
  }
}

/** Each KEM kind whose known answer holds in this runtime's WebCrypto. */
async function probe(): Promise<NativeKemsAsync | undefined> {
  const subtle = modernSubtle();
  if (subtle === undefined) return undefined;
  const candidates: Record<NativeKemKind, ProbedKem> = {
    'ml-kem-1024': mlKem(subtle, 'ML-KEM-1024'),
    'x-wing': xWing(subtle),
  };
  const kinds: NativeKemsAsync = {};
  for (const kind of Object.keys(candidates) as NativeKemKind[]) {
    const { encapsulate, decapsulate } = candidates[kind];
    if (await knownAnswerHolds(subtle, kind, candidates[kind])) kinds[kind] = { encapsulate, decapsulate };
  }
  return Object.keys(kinds).length === 0 ? undefined : kinds;
}

/**
 * ML-KEM-1024 and X-Wing through WebCrypto (ML-KEM-768/1024 `encapsulateBits` and
 * `decapsulateBits`, X25519 `deriveBits`), probed on the first `get()` by their known answers.
 * Each kind is present only where every operation it needs passed.
 *
 * @example
 * ```ts
 * const sharedSecret = await (await kemWebCrypto.get())?.['ml-kem-1024']?.decapsulate(cipherText, seed);
 * ```
 */
export const kemWebCrypto: NativeAsyncCapability<NativeKemsAsync> = capability(probe);
