import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kemWebCrypto, mlDsaWebCrypto, native } from '#native';
import {
  createKeyring,
  generateLayerKey,
  open,
  openSync,
  openWithInfo,
  recipientKeyPairFromSeed,
  seal,
  sealSync,
} from '../../src/envelope/index.js';
import type { RecipientKeyPair } from '../../src/envelope/layers/kem.js';
import { runAsync, runSync, TwoWayStep, type Steps } from '../../src/envelope/steps.js';
import type { NativeKemAsync, NativeKemKind, NativeMlDsaAsync } from '../../src/native/types.js';
import { createTrustStore, generateSigningKeyPair } from '../../src/sign/index.js';

/**
 * The library's use of WebCrypto's KEMs, with a stand-in WebCrypto backed by the reference (the
 * real one is compared with the reference in the runtime matrix, test/runtime/cases/webcrypto.ts,
 * where Deno, Bun and Chromium have it): which calls reach it, with which seed, and that the
 * answer is the synchronous path's.
 */
const REFERENCE = { 'ml-kem-1024': ml_kem1024, 'x-wing': ml_kem768_x25519 } as const;
const SEED_BYTES = { 'ml-kem-1024': 64, 'x-wing': 32 } as const;

/** A WebCrypto stand-in keyed by seeds, as the real one is, recording the seeds it was given. */
function standIn(kind: NativeKemKind, seeds: Uint8Array[]): NativeKemAsync {
  const kem = REFERENCE[kind];
  return {
    encapsulate: (publicKey) => Promise.resolve(kem.encapsulate(publicKey)),
    decapsulate: (cipherText, seed) => {
      seeds.push(seed);
      return Promise.resolve(kem.decapsulate(cipherText, kem.keygen(seed).secretKey));
    },
  };
}

/** Makes `native` offer the stand-ins as WebCrypto's KEMs, with no synchronous native KEM. */
function useStandIn(): { seeds: Uint8Array[]; kems: Record<NativeKemKind, NativeKemAsync> } {
  const seeds: Uint8Array[] = [];
  const kems = { 'ml-kem-1024': standIn('ml-kem-1024', seeds), 'x-wing': standIn('x-wing', seeds) };
  vi.spyOn(kemWebCrypto, 'get').mockReturnValue(Promise.resolve(kems));
  native.kem?.enable(false);
  return { seeds, kems };
}

afterEach(() => {
  vi.restoreAllMocks();
  native.kem?.enable(true);
});

const pairOf = (kind: NativeKemKind, seed: Uint8Array): RecipientKeyPair =>
  recipientKeyPairFromSeed(kind, seed);
const seedArbitrary = (kind: NativeKemKind) =>
  fc.uint8Array({ minLength: SEED_BYTES[kind], maxLength: SEED_BYTES[kind] });

describe('WebCrypto KEMs in the asynchronous entry points', () => {
  it('issue 17: open decapsulates each KEM layer on WebCrypto from its stored seed, with the plaintext openSync gives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedArbitrary('ml-kem-1024'),
        seedArbitrary('x-wing'),
        fc.uint8Array(),
        async (a, b, plaintext) => {
          const keyring = createKeyring([generateLayerKey(), pairOf('ml-kem-1024', a), pairOf('x-wing', b)]);
          const envelope = sealSync(plaintext, keyring);
          const { seeds } = useStandIn();
          expect(await open(envelope, keyring)).toEqual(openSync(envelope, keyring));
          expect(seeds).toEqual([b, a]);
          vi.restoreAllMocks();
          native.kem?.enable(true);
        },
      ),
      { numRuns: 5 },
    );
  });

  it('issue 17: a hand-built ML-KEM-1024 pair whose seed is not the one its secret key came from opens on the reference path', async () => {
    const pair = pairOf('ml-kem-1024', new Uint8Array(64).fill(1));
    const other = pairOf('ml-kem-1024', new Uint8Array(64).fill(2));
    const keyring = createKeyring([generateLayerKey(), pair]);
    const envelope = sealSync('x', keyring);
    const { seeds } = useStandIn();
    const handBuilt = createKeyring([keyring.layers[0] ?? generateLayerKey(), { ...pair, seed: other.seed }]);
    expect(new TextDecoder().decode(await open(envelope, handBuilt))).toBe('x');
    expect(seeds).toEqual([]);
    // A secret key changed in place after the pair was made is not the one its seed derived either.
    const changed = pairOf('ml-kem-1024', new Uint8Array(64).fill(3));
    const sealedForChanged = sealSync('y', createKeyring([generateLayerKey(), changed]));
    changed.secretKey[0] = (changed.secretKey[0] ?? 0) ^ 1;
    await open(sealedForChanged, createKeyring([generateLayerKey(), changed])).catch(() => undefined);
    expect(seeds).toEqual([]);
  });

  it('issue 17: seal encapsulates on WebCrypto with the system random source only; a caller source stays on the reference', async () => {
    const keyring = createKeyring([
      generateLayerKey(),
      generateLayerKey(),
      pairOf('x-wing', new Uint8Array(32).fill(7)),
    ]);
    const encapsulate = vi.spyOn(useStandIn().kems['x-wing'], 'encapsulate');
    const envelope = await seal('z', keyring);
    expect(encapsulate).toHaveBeenCalledTimes(1);
    expect(new TextDecoder().decode(openSync(envelope, keyring))).toBe('z');
    await seal('z', keyring, { random: (n) => new Uint8Array(n) });
    expect(encapsulate).toHaveBeenCalledTimes(1);
  });
});

describe('two-way steps', () => {
  function* steps(step: TwoWayStep<number>): Steps<number> {
    return ((yield step) as number) + 1;
  }

  it('runSync takes the synchronous way and runAsync the asynchronous one; a failure is thrown into the computation', async () => {
    const step = new TwoWayStep(
      () => 1,
      () => Promise.resolve(10),
    );
    expect(runSync(steps(step))).toBe(2);
    expect(await runAsync(steps(step))).toBe(11);
    function* guarded(): Steps<string> {
      try {
        yield new TwoWayStep<number>(
          () => {
            throw new Error('sync');
          },
          () => Promise.reject(new Error('async')),
        );
        return 'unreached';
      } catch (error) {
        return (error as Error).message;
      }
    }
    expect(runSync(guarded())).toBe('sync');
    expect(await runAsync(guarded())).toBe('async');
  });
});

describe('WebCrypto ML-DSA in the signed envelope', () => {
  const alice = generateSigningKeyPair({ algorithm: 'ML-DSA-44', seed: new Uint8Array(32).fill(5) });
  const trust = createTrustStore([alice.publicKey]);
  const keyring = createKeyring([generateLayerKey(), generateLayerKey()]);

  /** A WebCrypto ML-DSA stand-in backed by the reference (hedged), or one whose every call rejects. */
  function useMlDsa(failing: boolean): NativeMlDsaAsync {
    const reference: NativeMlDsaAsync = {
      sign: (key, message, context) =>
        failing
          ? Promise.reject(new Error('refused'))
          : Promise.resolve(ml_dsa44.sign(message, alice.secretKey.secretKey, { context })),
      verify: (key, signature, message, context) =>
        failing
          ? Promise.reject(new Error('refused'))
          : Promise.resolve(ml_dsa44.verify(signature, message, key.publicKey, { context })),
    };
    vi.spyOn(mlDsaWebCrypto, 'get').mockReturnValue(Promise.resolve(reference));
    native.mlDsa?.enable(false);
    return reference;
  }

  afterEach(() => native.mlDsa?.enable(true));

  it('issue 17: the asynchronous seal signs and open verifies on WebCrypto where it is the native ML-DSA; a refusal falls back to the reference', async () => {
    for (const failing of [false, true]) {
      const mlDsa = useMlDsa(failing);
      const sign = vi.spyOn(mlDsa, 'sign');
      const verify = vi.spyOn(mlDsa, 'verify');
      const envelope = await seal('signed', keyring, { signer: alice.secretKey });
      const opened = await openWithInfo(envelope, keyring, { trust });
      expect([sign.mock.calls.length, verify.mock.calls.length]).toEqual([1, 1]);
      expect(opened.signer?.keyId).toBe(alice.publicKey.keyId);
      expect(new TextDecoder().decode(openSync(envelope, keyring, { trust }))).toBe('signed');
      const forged = envelope.slice();
      forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
      await expect(open(forged, keyring, { trust })).rejects.toMatchObject({
        code: 'ERR_ENVELOPE_SIGNATURE',
      });
      vi.restoreAllMocks();
    }
  });
});
