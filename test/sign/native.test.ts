import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import fc from 'fast-check';
import { native } from '#native';
import { describe, expect, it } from 'vitest';
import {
  algorithmInfo,
  SIGNATURE_CONTEXTS,
  SIGNING_ALGORITHMS,
  type SignaturePurpose,
  type SigningAlgorithm,
  type SigningPublicKey,
} from '../../src/sign/index.js';
import { signMessage, verifyMessage } from '../../src/sign/primitives.js';
import { fixedKeyPair } from './fixtures.js';

type Backend = 'native' | 'noble';

const DSA: Record<SigningAlgorithm, typeof ml_dsa87> = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
};
const PURPOSES = Object.keys(SIGNATURE_CONTEXTS) as SignaturePurpose[];
const contextOf = (purpose: SignaturePurpose): Uint8Array =>
  new TextEncoder().encode(SIGNATURE_CONTEXTS[purpose]);

/** node:crypto has ML-DSA with context strings from Node.js 24 (OpenSSL 3.5); these tests run in Node.js. */
const nativeExpected = Number(process.versions.node.split('.')[0]) >= 24;

/** Runs `run` with ML-DSA forced onto one backend; fails loudly when native is asked for and not there. */
function withBackend<T>(backend: Backend, run: () => T): T {
  const capability = native.mlDsa;
  if (capability === undefined) throw new Error('#native (node target) has no ML-DSA capability');
  capability.enable(backend === 'native');
  try {
    if (backend === 'native' && capability.get() === undefined) {
      throw new Error(`node:crypto ML-DSA was expected on Node.js ${process.version} but was not selected`);
    }
    return run();
  } finally {
    capability.enable(true);
  }
}

/** What verification says: the boolean, or the code of the error it threw. */
function outcome(backend: Backend, verify: () => boolean): boolean | string {
  return withBackend(backend, () => {
    try {
      return verify();
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
}

/** How a test case departs from a valid signature (none: it is valid). */
type Change =
  | { readonly kind: 'none' }
  | { readonly kind: 'flip-signature'; readonly bit: number }
  | { readonly kind: 'flip-message'; readonly bit: number }
  | { readonly kind: 'context'; readonly shift: number }
  | { readonly kind: 'other-key' }
  | { readonly kind: 'garbage-key'; readonly seed: number }
  | { readonly kind: 'garbage-signature'; readonly seed: number }
  | { readonly kind: 'length'; readonly delta: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constant({ kind: 'none' } as const),
  fc.record({ kind: fc.constant('flip-signature' as const), bit: fc.nat() }),
  fc.record({ kind: fc.constant('flip-message' as const), bit: fc.nat() }),
  fc.record({
    kind: fc.constant('context' as const),
    shift: fc.integer({ min: 1, max: PURPOSES.length - 1 }),
  }),
  fc.constant({ kind: 'other-key' } as const),
  fc.record({ kind: fc.constant('garbage-key' as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant('garbage-signature' as const), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('length' as const),
    delta: fc.integer({ min: -64, max: 64 }).filter((d) => d !== 0),
  }),
);

/** Deterministic filler bytes (a linear congruential generator), for garbage keys and signatures. */
function garbage(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.length === 0 ? new Uint8Array(1) : bytes.slice();
  const at = bit % (out.length * 8);
  out[at >> 3] = (out[at >> 3] ?? 0) ^ (1 << (at & 7));
  return out;
}

describe('native ML-DSA (node:crypto) against @noble/post-quantum', () => {
  it(`issue 17: node:crypto ML-DSA is ${nativeExpected ? '' : 'not '}selected on Node.js ${process.version}`, () => {
    // Node.js 24 and later must take the native path; Node.js 20 and 22 lack it and must fall back.
    expect(native.mlDsa?.get() !== undefined).toBe(nativeExpected);
  });

  it('issue 17: a secret key without its 32-byte seed cannot sign, on either path', () => {
    const { secretKey } = fixedKeyPair('ML-DSA-44', 1);
    const backends: Backend[] = nativeExpected ? ['native', 'noble'] : ['noble'];
    for (const backend of backends) {
      for (const seed of [undefined, new Uint8Array(31)]) {
        const key = { ...secretKey, seed } as unknown as typeof secretKey;
        expect(() => withBackend(backend, () => signMessage('maml', new Uint8Array(1), key))).toThrow(
          expect.objectContaining({ code: 'ERR_SIGN_KEY_INVALID' }) as Error,
        );
      }
    }
  });
});

describe.skipIf(!nativeExpected)('native ML-DSA gives the answers of @noble/post-quantum', () => {
  for (const algorithm of SIGNING_ALGORITHMS) {
    const pair = fixedKeyPair(algorithm, 1);
    const other = fixedKeyPair(algorithm, 2);
    const info = algorithmInfo(algorithm);

    it(`issue 17: ${algorithm}: native verify === noble verify for valid, tampered, wrong-context, wrong-key, garbage and wrong-length input, signed by either`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 300 }),
          fc.constantFrom(...PURPOSES),
          fc.constantFrom<Backend>('native', 'noble'),
          change,
          (message, purpose, signer, how) => {
            const signature = withBackend(signer, () => signMessage(purpose, message, pair.secretKey));
            let checked: {
              readonly purpose: SignaturePurpose;
              readonly signature: Uint8Array;
              readonly message: Uint8Array;
              readonly key: SigningPublicKey;
            } = { purpose, signature, message, key: pair.publicKey };
            let expected: boolean | string = false;
            switch (how.kind) {
              case 'none':
                expected = true;
                break;
              case 'flip-signature':
                checked = { ...checked, signature: flipBit(signature, how.bit) };
                break;
              case 'flip-message':
                checked = { ...checked, message: flipBit(message, how.bit) };
                break;
              case 'context':
                checked = {
                  ...checked,
                  purpose: PURPOSES[(PURPOSES.indexOf(purpose) + how.shift) % PURPOSES.length] ?? purpose,
                };
                break;
              case 'other-key':
                checked = { ...checked, key: other.publicKey };
                break;
              case 'garbage-key':
                checked = {
                  ...checked,
                  key: { ...pair.publicKey, publicKey: garbage(info.publicKeyBytes, how.seed) },
                };
                break;
              case 'garbage-signature':
                checked = { ...checked, signature: garbage(info.signatureBytes, how.seed) };
                break;
              case 'length': {
                const resized = new Uint8Array(info.signatureBytes + how.delta);
                resized.set(signature.subarray(0, resized.length));
                checked = { ...checked, signature: resized };
                expected = 'ERR_SIGN_SIGNATURE_LENGTH';
                break;
              }
            }
            const verify = (): boolean =>
              verifyMessage(checked.purpose, checked.signature, checked.message, checked.key);
            expect(outcome('native', verify)).toBe(expected);
            expect(outcome('noble', verify)).toBe(expected);
          },
        ),
        { numRuns: 100 },
      );
    });

    it(`issue 17: ${algorithm}: the native primitive and noble agree on signatures of any length and content`, () => {
      const mlDsa = withBackend('native', () => native.mlDsa?.get());
      if (mlDsa === undefined) throw new Error('native ML-DSA expected');
      const message = new TextEncoder().encode('any bytes');
      const context = contextOf('detached');
      const valid = DSA[algorithm].sign(message, pair.secretKey.secretKey, { context });
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: info.signatureBytes + 16 }),
            fc.nat({ max: info.signatureBytes + 16 }).map((n) => {
              const out = new Uint8Array(n);
              out.set(valid.subarray(0, n));
              return out;
            }),
          ),
          (signature) => {
            const nobleSays = DSA[algorithm].verify(signature, message, pair.publicKey.publicKey, {
              context,
            });
            expect(mlDsa.verify(pair.publicKey, signature, message, context)).toBe(nobleSays);
          },
        ),
        { numRuns: 40 },
      );
      expect(mlDsa.verify(pair.publicKey, valid, message, context)).toBe(true);
    });

    it(`issue 17: ${algorithm}: native signatures verify under noble, noble signatures under native`, () => {
      const message = new TextEncoder().encode('interoperable');
      const context = contextOf('maml');
      const byNative = withBackend('native', () => signMessage('maml', message, pair.secretKey));
      const byNoble = withBackend('noble', () => signMessage('maml', message, pair.secretKey));
      expect(DSA[algorithm].verify(byNative, message, pair.publicKey.publicKey, { context })).toBe(true);
      expect(withBackend('native', () => verifyMessage('maml', byNoble, message, pair.publicKey))).toBe(true);
    });
  }

  it('issue 17: deterministic signing stays on noble with native on: the same bytes as the vectors', () => {
    const { secretKey } = fixedKeyPair('ML-DSA-65', 3);
    const message = new TextEncoder().encode('vector');
    const signed = withBackend('native', () =>
      signMessage('audit', message, secretKey, { deterministic: true }),
    );
    const expected = ml_dsa65.sign(message, secretKey.secretKey, {
      context: contextOf('audit'),
      extraEntropy: false,
    });
    expect(signed).toEqual(expected);
  });

  it('issue 17: a native signature is a plain Uint8Array, not a Buffer', () => {
    const { secretKey } = fixedKeyPair('ML-DSA-44', 4);
    const signature = withBackend('native', () => signMessage('maml', new Uint8Array(3), secretKey));
    expect(Object.getPrototypeOf(signature)).toBe(Uint8Array.prototype);
  });

  it('issue 17: key arrays changed in place are imported again, never answered from the cache', () => {
    const a = fixedKeyPair('ML-DSA-44', 5);
    const b = fixedKeyPair('ML-DSA-44', 6);
    const message = new TextEncoder().encode('cached');
    withBackend('native', () => {
      const seed = a.secretKey.seed.slice();
      const signedByA = signMessage('maml', message, { ...a.secretKey, seed });
      seed.set(b.secretKey.seed);
      const signedByB = signMessage('maml', message, { ...b.secretKey, seed });

      const publicKey = a.publicKey.publicKey.slice();
      const key = { ...a.publicKey, publicKey };
      expect(verifyMessage('maml', signedByA, message, key)).toBe(true);
      publicKey.set(b.publicKey.publicKey);
      expect(verifyMessage('maml', signedByA, message, key)).toBe(false);
      expect(verifyMessage('maml', signedByB, message, key)).toBe(true);
    });
  });

  it('issue 17: a secret key whose seed does not derive its public key is refused by native signing', () => {
    const a = fixedKeyPair('ML-DSA-87', 7);
    const b = fixedKeyPair('ML-DSA-87', 8);
    const mixed = { ...a.secretKey, seed: b.secretKey.seed };
    expect(() => withBackend('native', () => signMessage('maml', new Uint8Array(1), mixed))).toThrow(
      expect.objectContaining({ code: 'ERR_SIGN_KEY_INVALID' }) as Error,
    );
  });
});
