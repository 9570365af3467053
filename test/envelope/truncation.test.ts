import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EnvelopeError,
  generateKeyring,
  inspect,
  open,
  openStream,
  openSync,
  sealSync,
} from '../../src/envelope/index.js';
import { createTrustStore, generateSigningKeyPair } from '../../src/sign/index.js';
import { collect, patterned, seededRandom, streamOf } from './helpers.js';

const random = seededRandom('truncation');
const keyring = generateKeyring({ random });
const signer = generateSigningKeyPair({ algorithm: 'ML-DSA-44', seed: random(32) });
const trust = createTrustStore([signer.publicKey]);
const CHUNK = 4096;
const plaintext = patterned(3 * CHUNK + 100, 9);
const unsigned = sealSync(plaintext, keyring, { chunkSize: CHUNK, random });
const signed = sealSync(plaintext, keyring, { chunkSize: CHUNK, random, signer: signer.secretKey });

/** Codes a strict prefix may give: truncation, or a header that cannot even be read. */
const PREFIX_CODES = ['ERR_ENVELOPE_TRUNCATED', 'ERR_ENVELOPE_FORMAT'];

/** The error of one opening path: its code and message. */
async function failure(run: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof EnvelopeError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('a strict prefix opened');
}

/** The failures of the sync, async and stream paths for `bytes` (the stream in pieces of `piece`). */
function everyPath(bytes: Uint8Array, piece: number, options: Parameters<typeof open>[2]) {
  return Promise.all([
    failure(() => openSync(bytes, keyring, options)),
    failure(() => open(bytes, keyring, options)),
    failure(() => collect(streamOf(bytes, [piece]).pipeThrough(openStream(keyring, options)))),
  ]);
}

describe('item 4: a truncated envelope says it ends early', () => {
  for (const [name, envelope, options] of [
    ['unsigned', unsigned, {}],
    ['signed (cut in the payload or the footer)', signed, { trust }],
  ] as const) {
    it(`item 4: any strict prefix of a ${name} envelope is truncation (or a header error), never a wrong key or tampering, on every path`, async () => {
      const headerBytes = inspect(envelope).headerBytes;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.integer({ min: 0, max: envelope.length - 1 }),
            fc.integer({ min: headerBytes, max: envelope.length - 1 }),
          ),
          fc.integer({ min: 1, max: 9000 }),
          async (cut, piece) => {
            for (const { code, message } of await everyPath(envelope.subarray(0, cut), piece, options)) {
              expect(PREFIX_CODES).toContain(code);
              if (cut >= headerBytes) {
                expect(code).toBe('ERR_ENVELOPE_TRUNCATED');
                expect(message).toMatch(/^the envelope ends early: the file may be truncated or damaged/);
              }
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('item 4: a cut inside a chunk, at a chunk boundary and inside the header all name the truncation', async () => {
    const headerBytes = inspect(unsigned).headerBytes;
    for (const cut of [headerBytes - 1, headerBytes + 17, headerBytes + CHUNK + 16, unsigned.length - 1]) {
      for (const { code } of await everyPath(unsigned.subarray(0, cut), 512, {})) {
        expect(code, `cut at ${cut}`).toBe('ERR_ENVELOPE_TRUNCATED');
      }
    }
  });
});
