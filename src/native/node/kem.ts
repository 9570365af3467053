import * as nodeCrypto from 'node:crypto';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import type { NativeCapability, NativeKem, NativeKems } from '../types.js';
import { KEM_KNOWN_ANSWER, sequence } from '../known-answers.js';
import { capability, keyCache } from '../capability.js';
import { fromHex, plain } from './bytes.js';

/** `node:crypto` KEM functions (Node.js 24 and later); typed here because @types/node 20 lacks them. */
interface KemFunctions {
  readonly encapsulate: (key: KeyObject) => { sharedKey: Uint8Array; ciphertext: Uint8Array };
  readonly decapsulate: (key: KeyObject, ciphertext: Uint8Array) => Uint8Array;
}

/** Key import in the raw formats of Node.js 24 and later (`raw-seed`, `raw-public`). */
function rawKey(format: 'raw-seed' | 'raw-public', type: string, key: Uint8Array): KeyObject {
  const input = { key, format, asymmetricKeyType: type } as unknown as nodeCrypto.PrivateKeyInput &
    nodeCrypto.PublicKeyInput;
  return format === 'raw-seed' ? createPrivateKey(input) : createPublicKey(input);
}

function rawPublic(key: KeyObject): Uint8Array {
  return plain(key.export({ format: 'raw-public' } as unknown as nodeCrypto.KeyExportOptions<'der'>));
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => plain(Buffer.concat(parts));
const der = (prefix: string, bytes: Uint8Array): Buffer => Buffer.concat([fromHex(prefix), bytes]);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The FIPS 203 sizes of ML-KEM-1024 (k = 4). */
const ML_KEM_1024 = { publicKey: 1568, cipherText: 1568, secretKey: 3168, pkeSecretKey: 1536 } as const;

/**
 * PKCS#8 holding an ML-KEM-1024 expanded decapsulation key (the `expandedKey` choice of
 * ML-KEM-PrivateKey, draft-ietf-lamps-kyber-certificates).
 */
function expandedPkcs8(secretKey: Uint8Array): Buffer {
  return der('30820c78020100300b0609608648016503040403' + '04820c64' + '04820c60', secretKey);
}

function mlKem1024(kem: KemFunctions): NativeKem {
  const importSecret = keyCache((secretKey) => {
    const key = createPrivateKey({ key: expandedPkcs8(secretKey), format: 'der', type: 'pkcs8' });
    // The encapsulation key inside the expanded key must be the one the runtime parsed.
    const embedded = secretKey.subarray(
      ML_KEM_1024.pkeSecretKey,
      ML_KEM_1024.pkeSecretKey + ML_KEM_1024.publicKey,
    );
    if (!Buffer.from(rawPublic(createPublicKey(key))).equals(embedded)) throw new Error('mismatch');
    return key;
  });
  const importPublic = keyCache((publicKey) => rawKey('raw-public', 'ml-kem-1024', publicKey));
  return {
    encapsulate(publicKey) {
      if (publicKey.length !== ML_KEM_1024.publicKey) return undefined;
      try {
        const { sharedKey, ciphertext } = kem.encapsulate(importPublic(publicKey));
        return { cipherText: plain(ciphertext), sharedSecret: plain(sharedKey) };
      } catch {
        return undefined;
      }
    },
    decapsulate(cipherText, secretKey) {
      if (cipherText.length !== ML_KEM_1024.cipherText || secretKey.length !== ML_KEM_1024.secretKey) {
        return undefined;
      }
      try {
        return plain(kem.decapsulate(importSecret(secretKey), cipherText));
      } catch {
        return undefined;
      }
    },
  };
}

/** X-Wing's label, `\.//^\`, hashed last by the combiner (draft-connolly-cfrg-xwing-kem-06 and later). */
const XWING_LABEL = fromHex('5c2e2f2f5e5c');
const X25519_PKCS8 = '302e020100300506032b656e04220420';
const X25519_SPKI = '302a300506032b656e032100';
const XWING = {
  seed: 32,
  publicKey: 1216,
  cipherText: 1120,
  mlKemPublicKey: 1184,
  mlKemCipherText: 1088,
} as const;

const x25519Public = (bytes: Uint8Array): KeyObject =>
  createPublicKey({ key: der(X25519_SPKI, bytes), format: 'der', type: 'spki' });
const x25519Bytes = (key: KeyObject): Uint8Array =>
  plain(key.export({ format: 'der', type: 'spki' })).subarray(12);

/** SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ label), X-Wing's combiner. */
function combine(ssM: Uint8Array, ssX: Uint8Array, ctX: Uint8Array, pkX: Uint8Array): Uint8Array {
  return plain(
    createHash('sha3-256')
      .update(concat([ssM, ssX, ctX, pkX, XWING_LABEL]))
      .digest(),
  );
}

/**
 * X-Wing = ML-KEM-768 + X25519 as `ml_kem768_x25519` of @noble/post-quantum 0.7 computes it:
 * the secret key is a 32-byte seed expanded with SHAKE256 to 96 bytes (ML-KEM-768 d ‖ z, then
 * the X25519 secret), public key pk_M ‖ pk_X, ciphertext ct_M ‖ ct_X.
 */
function xWing(kem: KemFunctions): NativeKem {
  const importSecret = keyCache((seed) => {
    if (seed.length !== XWING.seed) throw new Error('seed length');
    const expanded = createHash('shake256', { outputLength: 96 }).update(seed).digest();
    const x25519 = createPrivateKey({
      key: der(X25519_PKCS8, expanded.subarray(64)),
      format: 'der',
      type: 'pkcs8',
    });
    return {
      mlKem: rawKey('raw-seed', 'ml-kem-768', expanded.subarray(0, 64)),
      x25519,
      pkX: x25519Bytes(createPublicKey(x25519)),
    };
  });
  const importPublic = keyCache((publicKey) => ({
    mlKem: rawKey('raw-public', 'ml-kem-768', publicKey.subarray(0, XWING.mlKemPublicKey)),
    x25519: x25519Public(publicKey.subarray(XWING.mlKemPublicKey)),
    pkX: publicKey.slice(XWING.mlKemPublicKey),
  }));
  return {
    keygen(seed) {
      try {
        const secretKey = Uint8Array.from(seed);
        const keys = importSecret(secretKey);
        return { publicKey: concat([rawPublic(createPublicKey(keys.mlKem)), keys.pkX]), secretKey };
      } catch {
        return undefined;
      }
    },
    encapsulate(publicKey) {
      if (publicKey.length !== XWING.publicKey) return undefined;
      try {
        const keys = importPublic(publicKey);
        const ephemeral = generateKeyPairSync('x25519');
        const ssX = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: keys.x25519 });
        const ctX = x25519Bytes(ephemeral.publicKey);
        const { sharedKey, ciphertext } = kem.encapsulate(keys.mlKem);
        return {
          cipherText: concat([ciphertext, ctX]),
          sharedSecret: combine(sharedKey, ssX, ctX, keys.pkX),
        };
      } catch {
        return undefined;
      }
    },
    decapsulate(cipherText, secretKey) {
      if (cipherText.length !== XWING.cipherText) return undefined;
      try {
        const keys = importSecret(secretKey);
        const ctX = cipherText.subarray(XWING.mlKemCipherText);
        const ssM = kem.decapsulate(keys.mlKem, cipherText.subarray(0, XWING.mlKemCipherText));
        // Fails, as the reference does, when the shared point is all zeros (a low-order ct_X).
        const ssX = diffieHellman({ privateKey: keys.x25519, publicKey: x25519Public(ctX) });
        return combine(ssM, ssX, ctX, keys.pkX);
      } catch {
        return undefined;
      }
    },
  };
}

/** The known answers ({@link KEM_KNOWN_ANSWER}), plus an encapsulation round trip. */
function knownAnswersHold(kem: KemFunctions): boolean {
  const [mlKem, xWingAnswer] = [KEM_KNOWN_ANSWER['ml-kem-1024'], KEM_KNOWN_ANSWER['x-wing']];
  const mlKemSeed = sequence(mlKem.seedBytes, 0);
  const secret = rawKey('raw-seed', 'ml-kem-1024', mlKemSeed);
  const publicKey = rawPublic(createPublicKey(secret));
  const roundTrip = kem.encapsulate(createPublicKey(secret));
  const xWingPair = xWing(kem).keygen?.(sequence(xWingAnswer.seedBytes, 0));
  return (
    sha256(publicKey) === mlKem.publicKeySha256 &&
    hex(kem.decapsulate(secret, sequence(mlKem.cipherTextBytes, 7))) === mlKem.sharedSecret &&
    Buffer.from(kem.decapsulate(secret, roundTrip.ciphertext)).equals(roundTrip.sharedKey) &&
    xWingPair !== undefined &&
    sha256(xWingPair.publicKey) === xWingAnswer.publicKeySha256 &&
    hex(
      xWing(kem).decapsulate(sequence(xWingAnswer.cipherTextBytes, 7), xWingPair.secretKey) ??
        new Uint8Array(0),
    ) === xWingAnswer.sharedSecret
  );
}

/**
 * ML-KEM-1024 and X-Wing through `node:crypto` (`encapsulate`/`decapsulate`, Node.js 24 and
 * later), or `undefined` where the runtime lacks them. Imported keys are cached per key array.
 *
 * @example
 * ```ts
 * const sharedSecret = kem.get()?.['ml-kem-1024'].decapsulate(cipherText, secretKey);
 * ```
 */
export const kem: NativeCapability<NativeKems> = capability(() => {
  const kem = nodeCrypto as unknown as Partial<KemFunctions>;
  if (typeof kem.encapsulate !== 'function' || typeof kem.decapsulate !== 'function') return undefined;
  const functions: KemFunctions = { encapsulate: kem.encapsulate, decapsulate: kem.decapsulate };
  if (!knownAnswersHold(functions)) return undefined;
  return { 'ml-kem-1024': mlKem1024(functions), 'x-wing': xWing(functions) };
});
