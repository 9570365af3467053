import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateKeyring,
  generateRecipientKeyPair,
  createKeyring,
  open,
  openStream,
  seal,
  sealStream,
} from '../../src/envelope/index.js';
import { concat } from '../../src/envelope/bytes.js';
import { TAG_BYTES } from '../../src/envelope/payload.js';
import { codeOf, collect, patterned, sameBytes, seededRandom, streamOf } from './helpers.js';

const keyring = generateKeyring({ random: seededRandom('stream') });
const CHUNK = 4096;

describe('sealStream / openStream', () => {
  it('sealStream gives exactly the bytes of seal, however the input is split (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 * CHUNK + 3 }),
        fc.array(fc.integer({ min: 1, max: 3 * CHUNK }), { minLength: 1, maxLength: 6 }),
        async (size, pieces) => {
          const plaintext = patterned(size, pieces.length);
          const expected = await seal(plaintext, keyring, {
            chunkSize: CHUNK,
            random: seededRandom(`s${size}`),
          });
          const streamed = await collect(
            streamOf(plaintext, pieces).pipeThrough(
              sealStream(keyring, { chunkSize: CHUNK, random: seededRandom(`s${size}`) }),
            ),
          );
          expect(sameBytes(streamed, expected)).toBe(true);
          const opened = await collect(streamOf(streamed, pieces).pipeThrough(openStream(keyring)));
          expect(sameBytes(opened, plaintext)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('streams a 40 MiB input through both transforms', async () => {
    const plaintext = patterned(40 * 1024 * 1024 + 5, 4);
    const opened = await collect(
      streamOf(plaintext, [1024 * 1024])
        .pipeThrough(sealStream(keyring))
        .pipeThrough(openStream(keyring)),
    );
    expect(sameBytes(opened, plaintext)).toBe(true);
  });

  it('opens with KEM layers', async () => {
    const random = seededRandom('stream-kem');
    const pq = createKeyring([
      generateRecipientKeyPair({ random }),
      generateRecipientKeyPair({ kem: 'x-wing', random }),
    ]);
    const sealed = await seal(patterned(10_000), pq, { chunkSize: CHUNK });
    expect(
      sameBytes(await collect(streamOf(sealed, [700]).pipeThrough(openStream(pq))), patterned(10_000)),
    ).toBe(true);
  });

  it('errors with ERR_ENVELOPE_TRUNCATED when the input ends early, at any point', async () => {
    const sealed = await seal(patterned(3 * CHUNK + 10), keyring, { chunkSize: CHUNK });
    const headerEnd = sealed.length - (3 * (CHUNK + TAG_BYTES) + 10 + TAG_BYTES);
    for (const cut of [
      0,
      5,
      10,
      headerEnd - 1,
      headerEnd,
      headerEnd + CHUNK + TAG_BYTES,
      sealed.length - 26,
    ]) {
      const code = await codeOf(() =>
        collect(streamOf(sealed.subarray(0, cut), [999]).pipeThrough(openStream(keyring))),
      );
      expect(code).toBe('ERR_ENVELOPE_TRUNCATED');
    }
  });

  it('never emits a chunk before it authenticates; earlier chunks may already be out', async () => {
    const sealed = await seal(patterned(3 * CHUNK), keyring, { chunkSize: CHUNK });
    const headerEnd = sealed.length - 3 * (CHUNK + TAG_BYTES);
    const tampered = Uint8Array.from(sealed);
    tampered[headerEnd + CHUNK + TAG_BYTES + 5] = (tampered[headerEnd + CHUNK + TAG_BYTES + 5] ?? 0) ^ 1; // second chunk
    const emitted: Uint8Array[] = [];
    const error = await streamOf(tampered, [CHUNK + TAG_BYTES])
      .pipeThrough(openStream(keyring))
      .pipeTo(new WritableStream({ write: (part) => void emitted.push(part) }))
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ERR_ENVELOPE_AUTH');
    const total = emitted.reduce((n, p) => n + p.length, 0);
    expect(total).toBeLessThanOrEqual(CHUNK);
    expect(await codeOf(() => open(tampered, keyring))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('with many chunks in flight, emits only the authenticated chunks before a tampered one, in order', async () => {
    const plaintext = patterned(40 * CHUNK, 4);
    const sealed = await seal(plaintext, keyring, { chunkSize: CHUNK });
    const headerEnd = sealed.length - 40 * (CHUNK + TAG_BYTES);
    for (const [bad, pieces, code] of [
      [20, [sealed.length], 'ERR_ENVELOPE_AUTH'], // one write: up to 16 chunks are started before the first result is taken
      [3, [CHUNK + TAG_BYTES], 'ERR_ENVELOPE_AUTH'],
      [39, [50_000], 'ERR_ENVELOPE_TRUNCATED'], // the final chunk: damaged reads like cut
    ] as const) {
      const tampered = Uint8Array.from(sealed);
      const at = headerEnd + bad * (CHUNK + TAG_BYTES) + 7;
      tampered[at] = (tampered[at] ?? 0) ^ 0x80;
      const emitted: Uint8Array[] = [];
      const error = await streamOf(tampered, pieces)
        .pipeThrough(openStream(keyring))
        .pipeTo(new WritableStream({ write: (part) => void emitted.push(part) }))
        .catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe(code);
      const out = concat(emitted);
      expect(out.length).toBeLessThanOrEqual(bad * CHUNK);
      expect(sameBytes(out, plaintext.subarray(0, out.length))).toBe(true);
    }
  });

  it('rejects non-byte chunks and a wrong keyring with typed errors', async () => {
    const sealed = await seal('x', keyring);
    const wrong = generateKeyring();
    expect(await codeOf(() => collect(streamOf(sealed).pipeThrough(openStream(wrong))))).toBe(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
    );
    const strings = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue('text' as unknown as Uint8Array);
        controller.close();
      },
    });
    expect(await codeOf(() => collect(strings.pipeThrough(sealStream(keyring))))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
  });
});
