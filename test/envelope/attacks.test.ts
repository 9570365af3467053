import { describe, expect, it } from 'vitest';
import { nobleCipher } from '../../src/envelope/backend-noble.js';
import { encodeParams, type MessageParams } from '../../src/envelope/header.js';
import {
  EnvelopeError,
  generateKeyring,
  inspect,
  open,
  openSync,
  seal,
  sealSync,
  type Keyring,
} from '../../src/envelope/index.js';
import { deriveMessageKeys } from '../../src/envelope/kdf.js';
import { finishHeader } from '../../src/envelope/message.js';
import {
  openChunk,
  sealChunk,
  sealedPayloadLength,
  sealPayloadSync,
  TAG_BYTES,
} from '../../src/envelope/payload.js';
import { runSync } from '../../src/envelope/steps.js';
import { wrapStanza } from '../../src/envelope/wrap.js';
import { codeOf, patterned, seededRandom, syncCodeOf } from './helpers.js';

const random = seededRandom('attacks');
const keyring = generateKeyring({ random });
const CHUNK = 4096;
const SEALED = CHUNK + TAG_BYTES;

/** A four-chunk envelope (three full chunks and a 100-byte final one). */
const plaintext = patterned(3 * CHUNK + 100, 1);
const envelope = sealSync(plaintext, keyring, { chunkSize: CHUNK, random });
const headerBytes = inspect(envelope).headerBytes;
const chunkAt = (i: number): Uint8Array =>
  envelope.subarray(headerBytes + i * SEALED, headerBytes + (i + 1) * SEALED);
const header = envelope.subarray(0, headerBytes);
const assemble = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
  return out;
};

describe('tampering', () => {
  it('every single-bit flip of a small sealed message fails with a typed error, never plaintext', () => {
    const small = sealSync('tiny secret', keyring, { random });
    const smallHeader = inspect(small).headerBytes;
    const macStart = smallHeader - 64 - 32;
    const codes = new Set<string>();
    for (let bit = 0; bit < small.length * 8; bit++) {
      const flipped = Uint8Array.from(small);
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const code = syncCodeOf(() => openSync(flipped, keyring));
      codes.add(code);
      // Commitment and MAC bits are covered by authentication only; a damaged last (here: only)
      // chunk cannot be told from a cut one.
      if (bit >> 3 >= smallHeader) expect(code).toBe('ERR_ENVELOPE_TRUNCATED');
      else if (bit >> 3 >= macStart) expect(code).toBe('ERR_ENVELOPE_AUTH');
    }
    expect([...codes].every((code) => code.startsWith('ERR_'))).toBe(true);
    expect(codes.has('ERR_ENVELOPE_AUTH')).toBe(true);
  });

  it('truncation at and between every chunk boundary fails', async () => {
    for (let i = 0; i <= 3; i++) {
      const boundary = headerBytes + i * SEALED;
      expect(await codeOf(() => open(envelope.subarray(0, boundary), keyring))).toBe(
        'ERR_ENVELOPE_TRUNCATED',
      );
      for (const delta of [1, 15, 16, 17, 2000, SEALED - 1]) {
        if (boundary + delta >= envelope.length) continue;
        const code = await codeOf(() => open(envelope.subarray(0, boundary + delta), keyring));
        expect(['ERR_ENVELOPE_TRUNCATED', 'ERR_ENVELOPE_AUTH']).toContain(code);
      }
    }
    for (const cut of [0, 3, 9, 10, 50, headerBytes - 1, envelope.length - 1]) {
      const code = await codeOf(() => open(envelope.subarray(0, cut), keyring));
      expect(['ERR_ENVELOPE_TRUNCATED', 'ERR_ENVELOPE_AUTH']).toContain(code);
    }
  });

  it('swapping two chunks, dropping one, dropping the last, appending one: all fail', async () => {
    const [c0, c1, c2] = [chunkAt(0), chunkAt(1), chunkAt(2)];
    const last = envelope.subarray(headerBytes + 3 * SEALED);
    expect(await codeOf(() => open(assemble(header, c1, c0, c2, last), keyring))).toBe('ERR_ENVELOPE_AUTH');
    expect(await codeOf(() => open(assemble(header, c0, c2, last), keyring))).toBe('ERR_ENVELOPE_AUTH');
    expect(await codeOf(() => open(assemble(header, c0, c1, c2), keyring))).toBe('ERR_ENVELOPE_TRUNCATED');
    expect(await codeOf(() => open(assemble(header, c0, c1, c2, last, c2), keyring))).toBe(
      'ERR_ENVELOPE_AUTH',
    );
    // One byte more makes the last chunk one that does not authenticate: damaged, like a cut one.
    expect(await codeOf(() => open(assemble(envelope, Uint8Array.of(0)), keyring))).toBe(
      'ERR_ENVELOPE_TRUNCATED',
    );
    expect(await codeOf(() => open(assemble(envelope, new Uint8Array(SEALED)), keyring))).toBe(
      'ERR_ENVELOPE_AUTH',
    );
  });

  it('a header from one message on the payload of another fails', async () => {
    const other = sealSync(patterned(3 * CHUNK + 100, 2), keyring, { chunkSize: CHUNK, random });
    expect(
      await codeOf(() => open(assemble(header, other.subarray(inspect(other).headerBytes)), keyring)),
    ).toBe('ERR_ENVELOPE_AUTH');
  });
});

describe('wrong keys', () => {
  it('a keyring with one wrong layer, or with its layers out of order, finds no stanza', async () => {
    const [a, b, c, d] = keyring.layers as [
      Keyring['layers'][number],
      Keyring['layers'][number],
      Keyring['layers'][number],
      Keyring['layers'][number],
    ];
    const stranger = generateKeyring({ layers: 1, random }).layers[0] ?? a;
    expect(await codeOf(() => open(envelope, { layers: [a, b, stranger, d] }))).toBe(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
    );
    expect(await codeOf(() => open(envelope, { layers: [a, c, b, d] }))).toBe(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
    );
    expect(await codeOf(() => open(envelope, { layers: [a, b, c] }))).toBe('ERR_ENVELOPE_NO_MATCHING_STANZA');
  });

  it('a wrong key carrying the right key id is refused before anything is unwrapped, whichever layer it is', async () => {
    for (let i = 0; i < 4; i++) {
      const layers = keyring.layers.map((layer, j) =>
        j === i && layer.kind === 'aes-siv' ? { ...layer, key: patterned(64, 99) } : layer,
      );
      const error = await open(envelope, { layers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnvelopeError);
      expect((error as EnvelopeError).code).toBe('ERR_ENVELOPE_KEY_INVALID');
      expect((error as EnvelopeError).message).toContain(`layer ${i + 1}: key id does not match the key`);
    }
  });

  it('key commitment: two keyrings can never both open one ciphertext', async () => {
    // A malicious sender wraps two different data keys for two keyrings in one header.
    const a = generateKeyring({ layers: 1, random });
    const b = generateKeyring({ layers: 1, random });
    const params: MessageParams = {
      version: 1,
      suite: 1,
      chunkSize: CHUNK,
      nonce: random(32),
      contentType: '',
    };
    const [dekA, dekB] = [random(32), random(32)];
    const encoded = encodeParams(params);
    const keysA = deriveMessageKeys(dekA, params.nonce);
    const head = finishHeader(
      encoded,
      [runSync(wrapStanza(dekA, a, encoded, random)), runSync(wrapStanza(dekB, b, encoded, random))],
      keysA,
      new Uint8Array(0),
    );
    const body = new Uint8Array(sealedPayloadLength(10, CHUNK));
    sealPayloadSync(nobleCipher(keysA.payloadKey), patterned(10), CHUNK, body, 0);
    const forged = assemble(head, body);
    expect(await open(forged, a)).toEqual(patterned(10));
    const error = await open(forged, b).catch((e: unknown) => e);
    expect((error as EnvelopeError).code).toBe('ERR_ENVELOPE_AUTH');
    expect((error as EnvelopeError).message).toMatch(/commitment/);
  });
});

describe('malformed and oversized headers', () => {
  const edit = (offset: number, ...bytes: number[]): Uint8Array => {
    const copy = Uint8Array.from(envelope);
    copy.set(bytes, offset);
    return copy;
  };
  const small = sealSync('x', generateKeyring({ layers: 1, random }), { random });

  it('rejects bad magic, version, suite, lengths and counts before any key work', async () => {
    expect(await codeOf(() => open(edit(0, 0x50), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(4, 3), keyring))).toBe('ERR_ENVELOPE_UNSUPPORTED_VERSION');
    // Version 2 with suite 1 is read, and fails the MAC (every wrap and the MAC bind the version).
    expect(await codeOf(() => open(edit(4, 2), keyring))).toBe('ERR_ENVELOPE_AUTH');
    // Suite 2 exists only in version 2.
    expect(await codeOf(() => open(edit(5, 2), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(5, 9), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(6, 0x00, 0x04, 0x00, 0x01), keyring))).toBe('ERR_LIMIT_EXCEEDED');
    expect(await codeOf(() => open(edit(6, 0x00, 0x00, 0x00, 0x20), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(10, 0x00, 0x00, 0x00, 0x10), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(10, 0x02, 0x00, 0x00, 0x00), keyring))).toBe('ERR_LIMIT_EXCEEDED');
    // offset 47: content-type length 0, then the stanza count at 47 and the layer count at 48
    expect(await codeOf(() => open(edit(47, 17), keyring))).toBe('ERR_LIMIT_EXCEEDED');
    expect(await codeOf(() => open(edit(47, 0), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(48, 9), keyring))).toBe('ERR_LIMIT_EXCEEDED');
    expect(await codeOf(() => open(edit(48, 0), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(49, 7), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(edit(58, 0, 5), keyring))).toBe('ERR_ENVELOPE_FORMAT');
    expect(await codeOf(() => open(new Uint8Array(0), keyring))).toBe('ERR_ENVELOPE_TRUNCATED');
    expect(await codeOf(() => open(small.subarray(0, 60), keyring))).toBe('ERR_ENVELOPE_TRUNCATED');
    expect(await codeOf(() => open(patterned(500), keyring))).toBe('ERR_ENVELOPE_FORMAT');
  });

  it('a header claiming 2 MiB is refused from its first 10 bytes', async () => {
    const preamble = Uint8Array.of(0x4d, 0x4b, 0x45, 0x56, 1, 1, 0x00, 0x20, 0x00, 0x00);
    expect(await codeOf(() => open(preamble, keyring))).toBe('ERR_LIMIT_EXCEEDED');
    expect(() => inspect(preamble)).toThrow(/header size/);
  });

  it('the chunk counter never passes 2^32, in buffered and streamed payloads', async () => {
    const cipher = nobleCipher(patterned(32));
    const last = await sealChunk(cipher, 2 ** 32 - 1, true, patterned(10));
    expect(await openChunk(cipher, 2 ** 32 - 1, true, last)).toEqual(patterned(10));
    expect(await codeOf(() => sealChunk(cipher, 2 ** 32, true, patterned(10)))).toBe('ERR_LIMIT_EXCEEDED');
    expect(await codeOf(() => openChunk(cipher, 2 ** 32, false, new Uint8Array(SEALED)))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
  });

  it('seal refuses 17 recipients and 9 layers', async () => {
    const one = generateKeyring({ layers: 1, random });
    expect(
      await codeOf(() =>
        seal(
          'x',
          Array.from({ length: 17 }, () => one),
        ),
      ),
    ).toBe('ERR_LIMIT_EXCEEDED');
    expect(
      await codeOf(() => seal('x', { layers: [...keyring.layers, ...keyring.layers, ...one.layers] })),
    ).toBe('ERR_LIMIT_EXCEEDED');
    expect(await codeOf(() => Promise.resolve(generateKeyring({ layers: 9 })))).toBe('ERR_LIMIT_EXCEEDED');
  });
});
