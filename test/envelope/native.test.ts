import { aessiv } from '@noble/ciphers/aes.js';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { expand, extract, hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import * as nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { native } from '#native';
import {
  createKeyring,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  open,
  openStream,
  openSync,
  recipientKeyPairFromSeed,
  seal,
  sealingKeyring,
  sealStream,
  sealSync,
  type EnvelopeBackend,
} from '../../src/envelope/index.js';
import { selectCipher, selectSyncCipher } from '../../src/envelope/payload.js';
import {
  deriveKemLayerKey,
  deriveMessageKeys,
  headerMac,
  LABELS,
  symmetricKeyId,
} from '../../src/envelope/kdf.js';
import { newDigest } from '../../src/envelope/signature.js';
import type { NativeCapability, NativeKem, NativeKemKind } from '../../src/native/types.js';
import { collect, patterned, sameBytes, seededRandom, streamOf } from './helpers.js';

/** What this runtime's node:crypto has, found without mamlkit's probes. */
const runtime = {
  gcm: nodeCrypto.getCiphers().includes('aes-256-gcm'),
  siv: nodeCrypto.getCiphers().includes('aes-256-siv'),
  kem: typeof (nodeCrypto as unknown as Record<string, unknown>).encapsulate === 'function',
};
const bytes = (min: number, max: number): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ minLength: min, maxLength: max });
const hex = (value: Uint8Array): string => Buffer.from(value).toString('hex');
/** A result as text, or 'refused' for `undefined` or a throw: native refusing means "ask the reference". */
function outcome(run: () => Uint8Array | undefined): string {
  try {
    const result = run();
    return result === undefined ? 'refused' : hex(result);
  } catch {
    return 'refused';
  }
}
const nativeKem = (kind: NativeKemKind): NativeKem => {
  const kem = native.kem?.get()?.[kind];
  if (kem === undefined) throw new Error(`node:crypto has ML-KEM but the native ${kind} was not selected`);
  return kem;
};

/** A capability `#native` must offer under Node.js (its module is node:crypto here). */
function capabilityOf<T>(capability: NativeCapability<T> | undefined): NativeCapability<T> {
  if (capability === undefined) throw new Error('#native lacks a capability of its node target');
  return capability;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('issue 17: native primitives are selected wherever node:crypto has them', () => {
  it('the probes find exactly what this runtime has', () => {
    expect(native.source).toBe('node:crypto');
    expect(native.aesGcm?.get() !== undefined).toBe(runtime.gcm);
    expect(native.aesSiv?.get() !== undefined).toBe(runtime.siv);
    expect(native.kem?.get()?.['ml-kem-1024'] !== undefined).toBe(runtime.kem);
    expect(native.kem?.get()?.['x-wing'] !== undefined).toBe(runtime.kem);
  });

  it('seal, open, the streams and the sync calls take the node backend by default', async () => {
    const key = patterned(32);
    expect((await selectCipher(key, undefined)).backend).toBe(runtime.gcm ? 'node' : 'webcrypto');
    expect(selectSyncCipher(key).backend).toBe(runtime.gcm ? 'node' : 'noble');
    expect((await selectCipher(key, 'noble')).backend).toBe('noble');
    expect((await selectCipher(key, 'webcrypto')).backend).toBe('webcrypto');
  });

  it('layer wraps go through node:crypto AES-SIV where it exists', async () => {
    const probe = vi.spyOn(capabilityOf(native.aesSiv), 'get');
    const keyring = generateKeyring();
    expect(new TextDecoder().decode(await open(await seal('wrapped', keyring), keyring))).toBe('wrapped');
    expect(probe).toHaveBeenCalledTimes(8); // four wraps, four unwraps
    expect(probe.mock.results.every((r) => r.value !== undefined)).toBe(runtime.siv);
  });

  it('KEM layers encapsulate natively with the system random source only, and decapsulate natively', async () => {
    const answered: string[] = [];
    const kems = capabilityOf(native.kem);
    const real = kems.get.bind(kems);
    const counted = (kind: NativeKemKind, kem: NativeKem): NativeKem => ({
      encapsulate: (publicKey) => {
        const result = kem.encapsulate(publicKey);
        if (result !== undefined) answered.push(`${kind} encapsulate`);
        return result;
      },
      decapsulate: (cipherText, secretKey) => {
        const result = kem.decapsulate(cipherText, secretKey);
        if (result !== undefined) answered.push(`${kind} decapsulate`);
        return result;
      },
    });
    vi.spyOn(kems, 'get').mockImplementation(() => {
      const found = real();
      return (
        found && {
          'ml-kem-1024': counted('ml-kem-1024', found['ml-kem-1024']),
          'x-wing': counted('x-wing', found['x-wing']),
        }
      );
    });
    const pq = createKeyring([
      generateLayerKey(),
      generateRecipientKeyPair(),
      generateRecipientKeyPair({ kem: 'x-wing' }),
    ]);
    const fixed = sealSync('fixed randomness', sealingKeyring(pq), { random: seededRandom('native') });
    expect(answered).toEqual([]);
    const envelope = await seal('system randomness', sealingKeyring(pq));
    expect(new TextDecoder().decode(await open(envelope, pq))).toBe('system randomness');
    expect(new TextDecoder().decode(openSync(fixed, pq))).toBe('fixed randomness');
    expect(answered).toEqual(
      runtime.kem
        ? [
            'ml-kem-1024 encapsulate',
            'x-wing encapsulate',
            'x-wing decapsulate',
            'ml-kem-1024 decapsulate',
            'x-wing decapsulate',
            'ml-kem-1024 decapsulate',
          ]
        : [],
    );
  });
});

describe('issue 17: the signed envelope digest', () => {
  it('runs on node:crypto SHA-512 and equals @noble/hashes for any split of any input (property)', () => {
    const nativeSha512 = capabilityOf(native.sha512).get();
    expect(nativeSha512).toBeDefined();
    fc.assert(
      fc.property(fc.array(bytes(0, 300), { maxLength: 6 }), (pieces) => {
        const reference = sha512.create();
        const running = newDigest();
        for (const piece of pieces) {
          reference.update(piece);
          running.update(piece);
        }
        const digest = running.digest();
        expect(digest.constructor).toBe(Uint8Array);
        expect(hex(digest)).toBe(hex(reference.digest()));
      }),
    );
  });
});

describe('issue 17: HMAC and HKDF', () => {
  const hashes = { sha256, sha512 } as const;

  it('native HMAC-SHA-256 and HMAC-SHA-512 equal @noble/hashes for any key and any split of any input (property)', () => {
    const nativeHmac = capabilityOf(native.hmac).get();
    if (nativeHmac === undefined) throw new Error('node:crypto has HMAC but the native one was not selected');
    fc.assert(
      fc.property(
        fc.constantFrom('sha256' as const, 'sha512' as const),
        bytes(0, 200),
        fc.array(bytes(0, 300), { maxLength: 5 }),
        (hash, key, parts) => {
          const mac = nativeHmac(hash, key, parts);
          expect(mac.constructor).toBe(Uint8Array);
          expect(hex(mac)).toBe(hex(hmac(hashes[hash], key, Uint8Array.from(parts.flatMap((p) => [...p])))));
        },
      ),
    );
  });

  it('the envelope HKDF, header MAC and key ids equal @noble/hashes on the native and the pure-JavaScript path (property)', () => {
    const capability = capabilityOf(native.hmac);
    const probe = vi.spyOn(capability, 'get');
    fc.assert(
      fc.property(
        fc.boolean(),
        bytes(32, 32),
        bytes(12, 12),
        bytes(0, 100),
        fc.integer({ min: 0, max: 255 }),
        (useNative, secret, nonce, aad, kind) => {
          capability.enable(useNative);
          try {
            const prk = extract(sha512, secret, nonce);
            const keys = deriveMessageKeys(secret, nonce);
            expect(hex(keys.payloadKey)).toBe(hex(expand(sha512, prk, LABELS.payload, 32)));
            expect(hex(keys.commitment)).toBe(hex(expand(sha512, prk, LABELS.commitment, 32)));
            expect(hex(keys.macKey)).toBe(hex(expand(sha512, prk, LABELS.headerMac, 64)));
            const body = nonce.subarray(0, kind % 12);
            const mac = hmac(sha512, keys.macKey, Uint8Array.from([...body, ...aad]));
            expect(hex(headerMac(keys.macKey, body, aad))).toBe(hex(mac));
            const kid = secret.subarray(0, 8);
            const info = Uint8Array.from([...LABELS.kemLayer, kind, ...kid]);
            expect(hex(deriveKemLayerKey(secret, kind, kid))).toBe(
              hex(hkdf(sha512, secret, undefined, info, 64)),
            );
            expect(hex(symmetricKeyId(secret))).toBe(hex(hmac(sha256, secret, LABELS.keyId).subarray(0, 8)));
          } finally {
            capability.enable(true);
          }
        },
      ),
    );
    // Both paths ran: the capability answered while on and was asked (and refused) while off.
    expect(probe.mock.results.some((r) => r.value !== undefined)).toBe(true);
    expect(probe.mock.results.some((r) => r.value === undefined)).toBe(true);
  });
});

describe('issue 17: every backend gives the same bytes', () => {
  const keyring = generateKeyring({ random: seededRandom('backends') });
  const backends: readonly EnvelopeBackend[] = ['node', 'webcrypto', 'noble'];

  it('seal, sealSync and sealStream agree and every backend opens every result (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 70_000 }),
        fc.integer({ min: 4096, max: 20_000 }),
        async (size, chunkSize) => {
          const plaintext = patterned(size, chunkSize);
          const options = { chunkSize, random: seededRandom(`same ${size}`) };
          const expected = sealSync(plaintext, keyring, { ...options, random: seededRandom(`same ${size}`) });
          for (const backend of backends) {
            const sealed = await seal(plaintext, keyring, {
              ...options,
              random: seededRandom(`same ${size}`),
              backend,
            });
            expect(sameBytes(sealed, expected)).toBe(true);
            expect(sameBytes(await open(expected, keyring, { backend }), plaintext)).toBe(true);
          }
          const streamed = await collect(
            streamOf(plaintext, [1000, 7000]).pipeThrough(
              sealStream(keyring, { chunkSize, random: seededRandom(`same ${size}`) }),
            ),
          );
          expect(sameBytes(streamed, expected)).toBe(true);
          expect(
            sameBytes(await collect(streamOf(streamed, [5000]).pipeThrough(openStream(keyring))), plaintext),
          ).toBe(true);
          expect(sameBytes(openSync(expected, keyring), plaintext)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it.runIf(runtime.siv)(
    'node:crypto AES-SIV equals @noble/ciphers aessiv, and both refuse what the other refuses (property)',
    () => {
      const siv = native.aesSiv?.get();
      if (siv === undefined) throw new Error('node:crypto has AES-SIV but the native one was not selected');
      fc.assert(
        fc.property(bytes(64, 64), bytes(0, 80), bytes(0, 80), fc.nat(), (key, ad, plaintext, flip) => {
          const sealed = siv.encrypt(key, ad, plaintext);
          expect(hex(sealed)).toBe(hex(aessiv(key, ad).encrypt(plaintext)));
          expect(outcome(() => siv.decrypt(key, ad, sealed))).toBe(hex(plaintext));
          const tampered = Uint8Array.from(sealed);
          const at = flip % tampered.length;
          tampered[at] = (tampered[at] ?? 0) ^ (1 << (flip % 8));
          expect(outcome(() => siv.decrypt(key, ad, tampered))).toBe('refused');
          expect(outcome(() => aessiv(key, ad).decrypt(tampered))).toBe('refused');
          expect(outcome(() => siv.decrypt(key, ad, sealed.subarray(0, flip % 16)))).toBe('refused');
        }),
        { numRuns: 200 },
      );
    },
  );
});

describe.runIf(runtime.kem)('issue 17: native ML-KEM-1024 and X-Wing equal @noble/post-quantum', () => {
  const kems = { 'ml-kem-1024': ml_kem1024, 'x-wing': ml_kem768_x25519 } as const;
  const seedBytes = { 'ml-kem-1024': 64, 'x-wing': 32 } as const;
  const kinds = ['ml-kem-1024', 'x-wing'] as const;

  it.each(kinds)(
    '%s: decapsulation of random and altered ciphertexts gives the same secret (property)',
    (kind) => {
      const reference = kems[kind];
      const kem = nativeKem(kind);
      const length = reference.lengths.cipherText ?? 0;
      fc.assert(
        fc.property(
          bytes(seedBytes[kind], seedBytes[kind]),
          bytes(length, length),
          fc.nat(),
          (seed, random, at) => {
            const { publicKey, secretKey } = reference.keygen(seed);
            const { cipherText } = reference.encapsulate(publicKey);
            const altered = Uint8Array.from(cipherText);
            altered[at % length] = (altered[at % length] ?? 0) ^ 0x40;
            for (const ciphertext of [cipherText, altered, random]) {
              expect(outcome(() => kem.decapsulate(ciphertext, secretKey))).toBe(
                outcome(() => reference.decapsulate(ciphertext, secretKey)),
              );
            }
          },
        ),
        { numRuns: 15 },
      );
    },
  );

  it('x-wing: low-order and non-canonical X25519 ciphertext halves give the same outcome', () => {
    const kem = nativeKem('x-wing');
    const { secretKey, publicKey } = ml_kem768_x25519.keygen(patterned(32, 5));
    const mlKemPart = ml_kem768_x25519.encapsulate(publicKey).cipherText.subarray(0, 1088);
    const special = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      'f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ];
    const outcomes = special.map((point) => {
      const cipherText = Uint8Array.from([...mlKemPart, ...Buffer.from(point, 'hex')]);
      const expected = outcome(() => ml_kem768_x25519.decapsulate(cipherText, secretKey));
      expect(outcome(() => kem.decapsulate(cipherText, secretKey))).toBe(expected);
      return expected;
    });
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o !== 'refused').length).toBeGreaterThan(0);
  });

  it.each(kinds)('%s: native encapsulation opens with the reference and the reverse', (kind) => {
    const reference = kems[kind];
    const kem = nativeKem(kind);
    for (let i = 0; i < 5; i++) {
      const { publicKey, secretKey } = reference.keygen(patterned(seedBytes[kind], i));
      const mine = kem.encapsulate(publicKey);
      expect(mine).toBeDefined();
      if (mine === undefined) return;
      expect(hex(reference.decapsulate(mine.cipherText, secretKey))).toBe(hex(mine.sharedSecret));
      const theirs = reference.encapsulate(publicKey);
      expect(outcome(() => kem.decapsulate(theirs.cipherText, secretKey))).toBe(hex(theirs.sharedSecret));
    }
  });

  it.each(kinds)('%s: public keys the reference rejects are refused natively too (property)', (kind) => {
    const reference = kems[kind];
    const length = reference.lengths.publicKey ?? 0;
    fc.assert(
      fc.property(bytes(length, length), (publicKey) => {
        const kem = nativeKem(kind);
        expect(outcome(() => kem.encapsulate(publicKey)?.sharedSecret)).toBe('refused');
        expect(outcome(() => reference.encapsulate(publicKey).sharedSecret)).toBe('refused');
      }),
      { numRuns: 10 },
    );
  });

  it('x-wing: native key generation from a seed equals the reference (property)', () => {
    fc.assert(
      fc.property(bytes(32, 32), (seed) => {
        const expected = ml_kem768_x25519.keygen(seed);
        const pair = nativeKem('x-wing').keygen?.(seed);
        expect(pair && hex(pair.publicKey)).toBe(hex(expected.publicKey));
        expect(pair && hex(pair.secretKey)).toBe(hex(expected.secretKey));
        expect(hex(recipientKeyPairFromSeed('x-wing', seed).publicKey)).toBe(hex(expected.publicKey));
      }),
      { numRuns: 20 },
    );
  });

  it('a key array changed in place is imported again, never answered from the cache', () => {
    const kem = nativeKem('ml-kem-1024');
    const { publicKey, secretKey } = ml_kem1024.keygen(patterned(64, 1));
    const other = ml_kem1024.keygen(patterned(64, 2));
    const { cipherText } = ml_kem1024.encapsulate(publicKey);
    const held = Uint8Array.from(secretKey);
    expect(outcome(() => kem.decapsulate(cipherText, held))).toBe(
      hex(ml_kem1024.decapsulate(cipherText, secretKey)),
    );
    held.set(other.secretKey);
    expect(outcome(() => kem.decapsulate(cipherText, held))).toBe(
      hex(ml_kem1024.decapsulate(cipherText, other.secretKey)),
    );
  });
});
