/**
 * WebCrypto's post-quantum backend against @noble/post-quantum, where the library uses it: only
 * where `#native` has no synchronous `node:crypto` path (Deno, Bun, Chromium; never Node.js 24,
 * whose WebCrypto warns on first use). Verification must give the reference's answer for valid,
 * malformed, wrong-length, wrong-context and wrong-key inputs (or decline, and the library then
 * asks the reference); decapsulation of any ciphertext, malformed included, the reference's
 * shared secret (implicit rejection). Which rows must run these is pinned by the runner
 * (`EXPECTED_BACKENDS`), so a skipped case here is a backend failure there.
 */
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import fc from 'fast-check';
import { kemWebCrypto, mlDsaWebCrypto, native } from '#native';
import type { NativeKemAsync, NativeMlDsaAsync } from '../../../src/native/types.js';
import { assert, assertBytesEqual, assertEqual, type RuntimeCase } from '../harness.js';

const DSA = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 } as const;
type Algorithm = keyof typeof DSA;
const KEMS = {
  'ml-kem-1024': { kem: ml_kem1024, seed: 64 },
  'x-wing': { kem: ml_kem768_x25519, seed: 32 },
} as const;
type Kind = keyof typeof KEMS;
/** Few runs: each one is several post-quantum operations in every runtime of the matrix. */
const runs = { numRuns: 12 } as const;

/** WebCrypto's ML-DSA where the library would use it, else `undefined` (nothing to compare). */
async function webMlDsa(): Promise<NativeMlDsaAsync | undefined> {
  return native.mlDsa?.get() === undefined ? mlDsaWebCrypto.get() : undefined;
}

/** Asserts `property` of WebCrypto's ML-DSA where the library would use it (elsewhere there is nothing to compare). */
async function checkWebMlDsa<Ts>(property: (web: NativeMlDsaAsync) => fc.IAsyncProperty<Ts>): Promise<void> {
  const web = await webMlDsa();
  if (web !== undefined) await fc.assert(property(web), runs);
}

/** Asserts `property` of each KEM whose WebCrypto backend the library would use, against its reference. */
async function checkWebKems<Ts>(
  property: (kind: Kind, web: NativeKemAsync, reference: (typeof KEMS)[Kind]) => fc.IAsyncProperty<Ts>,
): Promise<void> {
  if (native.kem?.get() !== undefined) return;
  for (const kind of Object.keys(KEMS) as Kind[]) {
    const web = (await kemWebCrypto.get())?.[kind];
    if (web !== undefined) await fc.assert(property(kind, web, KEMS[kind]), runs);
  }
}

/** The reference's answer, or `'error'` when it throws. */
function reference<T>(run: () => T): T | 'error' {
  try {
    return run();
  } catch {
    return 'error';
  }
}

/** WebCrypto's answer, or `'declined'` (undefined or a rejection: the library then asks the reference). */
async function declinable<T>(run: () => Promise<T | undefined>): Promise<T | 'declined'> {
  return (await run().catch(() => undefined)) ?? 'declined';
}

const flip = (bytes: Uint8Array, at: number): Uint8Array => {
  const copy = bytes.slice();
  copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ 1;
  return copy;
};
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
/** What an ML-DSA signature is made of: algorithm, key seed, message and a non-empty context. */
const signing = fc.record({
  algorithm: fc.constantFrom(...(Object.keys(DSA) as Algorithm[])),
  seed: bytes(32),
  message: fc.uint8Array({ maxLength: 64 }),
  context: fc.uint8Array({ minLength: 1, maxLength: 32 }),
});

/** How a verification input is spoiled; `valid` keeps it. */
const SPOILS = [
  'valid',
  'flipped',
  'random',
  'truncated',
  'wrong-context',
  'wrong-key',
  'short-key',
  'wrong-message',
] as const;

export const cases: RuntimeCase[] = [
  {
    name: 'webcrypto: ML-DSA verification agrees with @noble/post-quantum on valid, malformed, wrong-length, wrong-context and wrong-key inputs (property)',
    run: () =>
      checkWebMlDsa((web) =>
        fc.asyncProperty(
          signing,
          bytes(32),
          fc.constantFrom(...SPOILS),
          fc.nat(),
          async ({ algorithm, seed, message, context }, otherSeed, spoil, at) => {
            const dsa = DSA[algorithm];
            const keys = dsa.keygen(seed);
            const signed = dsa.sign(message, keys.secretKey, { context, extraEntropy: false });
            const signature =
              spoil === 'flipped'
                ? flip(signed, at)
                : spoil === 'random'
                  ? crypto.getRandomValues(new Uint8Array(signed.length))
                  : spoil === 'truncated'
                    ? signed.subarray(0, at % signed.length)
                    : signed;
            const publicKey =
              spoil === 'wrong-key'
                ? dsa.keygen(flip(otherSeed, 0)).publicKey
                : spoil === 'short-key'
                  ? keys.publicKey.subarray(1)
                  : keys.publicKey;
            const checkedContext = spoil === 'wrong-context' ? flip(context, at) : context;
            const checked = spoil === 'wrong-message' ? Uint8Array.of(...message, 0) : message;
            const expected = reference(() =>
              dsa.verify(signature, checked, publicKey, { context: checkedContext }),
            );
            const actual = await declinable(() =>
              web.verify({ algorithm, publicKey }, signature, checked, checkedContext),
            );
            if (actual === 'declined') return;
            assertEqual(actual, expected, `${algorithm} ${spoil}`);
            if (spoil === 'valid') assertEqual(actual, true, `${algorithm} valid signature`);
          },
        ),
      ),
  },
  {
    name: 'webcrypto: hedged ML-DSA signatures verify in @noble/post-quantum under their context only; a seed that does not derive the public key is refused (property)',
    run: () =>
      checkWebMlDsa((web) =>
        fc.asyncProperty(signing, async ({ algorithm, seed, message, context }) => {
          const dsa = DSA[algorithm];
          const { publicKey } = dsa.keygen(seed);
          const signature = await web.sign({ algorithm, publicKey, seed }, message, context);
          assert(signature !== undefined, 'a matching seed signs');
          assert(dsa.verify(signature, message, publicKey, { context }), `${algorithm} verifies in noble`);
          assert(!dsa.verify(signature, message, publicKey, { context: flip(context, 0) }), 'other context');
          const mismatched = await web.sign({ algorithm, publicKey, seed: flip(seed, 0) }, message, context);
          assertEqual(mismatched, undefined, 'a seed that derives another public key');
        }),
      ),
  },
  {
    name: 'webcrypto: KEM decapsulation of any ciphertext, malformed included, gives the shared secret of @noble/post-quantum (property)',
    run: () =>
      checkWebKems((kind, web, { kem, seed: seedBytes }) => {
        const cipherTextBytes = kem.lengths.cipherText ?? 0;
        return fc.asyncProperty(
          bytes(seedBytes),
          fc.constantFrom('valid', 'flipped', 'random', 'wrong-length'),
          fc.nat(),
          async (seed, spoil, at) => {
            const { publicKey, secretKey } = kem.keygen(seed);
            const valid = kem.encapsulate(publicKey).cipherText;
            const cipherText =
              spoil === 'flipped'
                ? flip(valid, at)
                : spoil === 'random'
                  ? crypto.getRandomValues(new Uint8Array(cipherTextBytes))
                  : spoil === 'wrong-length'
                    ? valid.subarray(0, at % cipherTextBytes)
                    : valid;
            const expected = reference(() => kem.decapsulate(cipherText, secretKey));
            const actual = await declinable(() => web.decapsulate(cipherText, seed));
            if (actual === 'declined') {
              assert(
                spoil === 'wrong-length' || expected === 'error',
                `${kind} declined a ${spoil} ciphertext`,
              );
              return;
            }
            assert(expected !== 'error', `${kind} ${spoil}: WebCrypto answered where the reference refuses`);
            assertBytesEqual(actual, expected, `${kind} ${spoil} shared secret`);
          },
        );
      }),
  },
  {
    name: 'webcrypto: KEM encapsulation opens in @noble/post-quantum; a public key failing the modulus check is declined as the reference refuses it (property)',
    run: () =>
      checkWebKems((kind, web, { kem, seed: seedBytes }) =>
        fc.asyncProperty(bytes(seedBytes), fc.nat(), async (seed, at) => {
          const { publicKey, secretKey } = kem.keygen(seed);
          const sealed = await web.encapsulate(publicKey);
          assert(sealed !== undefined, `${kind} encapsulates to a valid key`);
          assertBytesEqual(
            kem.decapsulate(sealed.cipherText, secretKey),
            sealed.sharedSecret,
            `${kind} secret`,
          );
          // Coefficient 2·(at mod 16) set to 4095 ≥ q: FIPS 203's encapsulation-key check fails.
          const invalid = publicKey.slice();
          const pair = 3 * (at % 16);
          invalid[pair] = 0xff;
          invalid[pair + 1] = (invalid[pair + 1] ?? 0) | 0x0f;
          assertEqual(
            reference(() => kem.encapsulate(invalid)),
            'error',
            `${kind} reference refuses`,
          );
          assertEqual(await declinable(() => web.encapsulate(invalid)), 'declined', `${kind} invalid key`);
        }),
      ),
  },
];
