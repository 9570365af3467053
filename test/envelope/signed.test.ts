import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateKeyring,
  inspect,
  open,
  openStream,
  openSync,
  openWithInfo,
  seal,
  sealStream,
  sealSync,
} from '../../src/envelope/index.js';
import { createTrustStore, generateSigningKeyPair } from '../../src/sign/index.js';
import { codeOf, collect, patterned, sameBytes, seededRandom, streamOf, syncCodeOf } from './helpers.js';

const random = seededRandom('signed');
const keyring = generateKeyring({ random });
const alice = generateSigningKeyPair({ seed: random(32), created: new Date('2026-01-01T00:00:00Z') });
const small = generateSigningKeyPair({ algorithm: 'ML-DSA-44', seed: random(32) });
const trust = createTrustStore([{ key: alice.publicKey, label: 'alice' }, small.publicKey]);
const CHUNK = 4096;
const plaintext = patterned(3 * CHUNK + 100, 4);
const envelope = sealSync(plaintext, keyring, { signer: alice.secretKey, chunkSize: CHUNK, random });
const SIG = 4627;

/** The result of every opening path: the plaintext, or the error code. */
async function everyPath(bytes: Uint8Array, options: Parameters<typeof open>[2]): Promise<string[]> {
  const outcome = async (run: () => unknown): Promise<string> => {
    try {
      const out = (await run()) as Uint8Array;
      return sameBytes(out, plaintext) ? 'plaintext' : 'other plaintext';
    } catch (error) {
      return await codeOf(() => {
        throw error;
      });
    }
  };
  return [
    await outcome(() => open(bytes, keyring, options)),
    await outcome(() => open(bytes, keyring, { ...options, backend: 'noble' })),
    await outcome(() => openSync(bytes, keyring, options)),
    await outcome(() => collect(streamOf(bytes, [777]).pipeThrough(openStream(keyring, options)))),
  ];
}

describe('issue 16, signed suite (version 2, suite 2)', () => {
  it('writes version 2, suite 2, the signer block and a footer of the fixed signature size', () => {
    const info = inspect(envelope);
    expect([info.version, info.suite]).toEqual([2, 2]);
    expect(info.signer).toEqual({
      algorithm: 'ML-DSA-87',
      keyId: alice.publicKey.keyId,
      signatureBytes: SIG,
    });
    expect(info.plaintextBytes).toBe(plaintext.length);
    expect(envelope.length).toBe(info.headerBytes + info.payloadBytes + SIG);
    // Unsigned messages stay version 1, byte for byte what they were.
    expect(inspect(sealSync('x', keyring)).version).toBe(1);
  });

  it('seal, sealSync and sealStream write the same bytes however the input is split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9000 }), async (piece) => {
        const seed = `same bytes ${piece}`;
        const options = { signer: alice.secretKey, chunkSize: CHUNK };
        const a = sealSync(plaintext, keyring, { ...options, random: seededRandom(seed) });
        const b = await seal(plaintext, keyring, { ...options, random: seededRandom(seed) });
        const c = await collect(
          streamOf(plaintext, [piece]).pipeThrough(
            sealStream(keyring, { ...options, random: seededRandom(seed) }),
          ),
        );
        expect(sameBytes(a, b) && sameBytes(a, c)).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('opens on every path with trust, and reports the verified signer', async () => {
    expect(await everyPath(envelope, { trust })).toEqual(Array(4).fill('plaintext'));
    const { signer } = await openWithInfo(envelope, keyring, { trust });
    expect(signer).toEqual({ algorithm: 'ML-DSA-87', keyId: alice.publicKey.keyId, label: 'alice' });
    expect((await openWithInfo(sealSync('x', keyring), keyring)).signer).toBeUndefined();
    const byOtherAlgorithm = sealSync(plaintext, keyring, { signer: small.secretKey, chunkSize: CHUNK });
    expect(await open(byOtherAlgorithm, keyring, { trust })).toEqual(plaintext);
  });

  it('fails closed: unsigned under trust, signed without trust, untrusted signers', async () => {
    const unsigned = sealSync(plaintext, keyring);
    expect(await everyPath(unsigned, { trust })).toEqual(Array(4).fill('ERR_ENVELOPE_UNSIGNED'));
    expect(await everyPath(envelope, {})).toEqual(Array(4).fill('ERR_ENVELOPE_TRUST_REQUIRED'));
    expect(await everyPath(envelope, { ignoreSignature: true })).toEqual(Array(4).fill('plaintext'));
    expect(syncCodeOf(() => openSync(envelope, keyring, { trust, ignoreSignature: true }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    const stranger = createTrustStore([small.publicKey]);
    const revoked = createTrustStore([alice.publicKey], { revoked: [alice.publicKey.keyId] });
    const only44 = createTrustStore([alice.publicKey], { algorithms: ['ML-DSA-44'] });
    const expired = createTrustStore([{ key: alice.publicKey, notAfter: new Date('2026-06-01T00:00:00Z') }]);
    for (const store of [stranger, revoked, only44, expired]) {
      expect(await everyPath(envelope, { trust: store })).toEqual(
        Array(4).fill('ERR_ENVELOPE_SIGNER_UNTRUSTED'),
      );
    }
    expect(await open(envelope, keyring, { trust: expired, now: new Date('2026-05-01T00:00:00Z') })).toEqual(
      plaintext,
    );
    expect(syncCodeOf(() => openSync(envelope, keyring, { trust: {} as never }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
  });

  it('a changed signature, a cut footer or an appended byte never opens, the same on every path', async () => {
    const flipped = Uint8Array.from(envelope);
    flipped[envelope.length - 100] = (flipped[envelope.length - 100] ?? 0) ^ 0x10;
    expect(await everyPath(flipped, { trust })).toEqual(Array(4).fill('ERR_ENVELOPE_SIGNATURE'));
    for (const cut of [1, 100, SIG - 1, SIG, SIG + 1, SIG + 16]) {
      const results = await everyPath(envelope.subarray(0, envelope.length - cut), { trust });
      expect(new Set(results).size).toBe(1);
      expect(['ERR_ENVELOPE_TRUNCATED', 'ERR_ENVELOPE_AUTH']).toContain(results[0]);
    }
    const appended = new Uint8Array(envelope.length + 1);
    appended.set(envelope);
    const results = await everyPath(appended, { trust });
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toMatch(/^ERR_ENVELOPE_(AUTH|TRUNCATED)$/);
  });

  it('(property) any single-byte change to a signed envelope is refused on every path alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: envelope.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const changed = Uint8Array.from(envelope);
          changed[at] = (changed[at] ?? 0) ^ xor;
          const results = await everyPath(changed, { trust });
          expect(new Set(results).size).toBe(1);
          expect(results[0]).toMatch(/^ERR_/);
        },
      ),
      { numRuns: 40 },
    );
  });
});
