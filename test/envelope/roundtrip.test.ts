import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { native } from '#native';
import {
  createKeyring,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  inspect,
  open,
  openStream,
  openSync,
  seal,
  sealingKeyring,
  sealStream,
  sealSync,
} from '../../src/envelope/index.js';
import { publicKeyId } from '../../src/envelope/kdf.js';
import { toHex } from '../../src/encoding/base64.js';
import { codeOf, collect, patterned, sameBytes, seededRandom, streamOf, syncCodeOf } from './helpers.js';

/** The node:crypto AES-256-GCM capability, which tests switch off to reach the other backends. */
function nodeAesGcm(): NonNullable<typeof native.aesGcm> {
  if (native.aesGcm === undefined) throw new Error('#native has no AES-256-GCM capability here');
  return native.aesGcm;
}

const keyring = generateKeyring({ random: seededRandom('roundtrip') });
const CHUNK = 4096;

describe('seal / open round trip', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])(
    '%i bytes, both backends, sync and async',
    async (size) => {
      const plaintext = patterned(size, size);
      const envelope = await seal(plaintext, keyring, { chunkSize: CHUNK });
      expect(sameBytes(await open(envelope, keyring), plaintext)).toBe(true);
      expect(sameBytes(await open(envelope, keyring, { backend: 'noble' }), plaintext)).toBe(true);
      expect(sameBytes(openSync(envelope, keyring), plaintext)).toBe(true);
      const info = inspect(envelope);
      expect(info.plaintextBytes).toBe(size);
      expect(info.chunks).toBe(Math.max(1, Math.ceil(size / CHUNK)));
    },
  );

  it('inspect reads a large envelope from its first bytes and its total size', async () => {
    const envelope = await seal(patterned(3 * CHUNK + 17), keyring, { chunkSize: CHUNK });
    const whole = inspect(envelope);
    const totalBytes = envelope.length;
    expect(inspect(envelope.subarray(0, whole.headerBytes), { totalBytes })).toEqual(whole);
    expect(inspect(envelope.subarray(0, whole.headerBytes + 100), { totalBytes })).toEqual(whole);
    expect(whole).toMatchObject({ payloadBytes: totalBytes - whole.headerBytes, chunks: 4 });
    expect(whole.plaintextBytes).toBe(3 * CHUNK + 17);
    const headerOnly = inspect(envelope.subarray(0, whole.headerBytes));
    expect(headerOnly.payloadBytes).toBe(0);
    expect(headerOnly.chunks).toBeUndefined();
    // A size no sealed payload can have (it would end inside a chunk tag) gives no chunk count.
    const head = envelope.subarray(0, whole.headerBytes);
    expect(inspect(head, { totalBytes: whole.headerBytes + 5 }).chunks).toBeUndefined();
    for (const bad of [totalBytes - 1, 1.5, Number.NaN, -1]) {
      expect(syncCodeOf(() => inspect(envelope, { totalBytes: bad }))).toBe('ERR_INVALID_ARGUMENT');
    }
    expect(syncCodeOf(() => inspect(envelope.subarray(0, whole.headerBytes - 1), { totalBytes }))).toBe(
      'ERR_ENVELOPE_TRUNCATED',
    );
  });

  it('holds for random sizes and chunk sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 4096, max: 9000 }),
        fc.boolean(),
        async (size, chunkSize, sync) => {
          const plaintext = patterned(size, chunkSize);
          const envelope = sync
            ? sealSync(plaintext, keyring, { chunkSize })
            : await seal(plaintext, keyring, { chunkSize });
          expect(
            sameBytes(sync ? await open(envelope, keyring) : openSync(envelope, keyring), plaintext),
          ).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('round-trips multi-megabyte inputs', async () => {
    const plaintext = patterned(5 * 1024 * 1024 + 3, 9);
    const envelope = await seal(plaintext, keyring);
    expect(sameBytes(await open(envelope, keyring), plaintext)).toBe(true);
  });

  it('the node, WebCrypto and noble backends and the sync path give identical bytes on the same randomness', async () => {
    for (const size of [0, 100, 4096, 70_000, 300_000]) {
      const plaintext = patterned(size, 3);
      const options = { chunkSize: 16384, contentType: 'application/octet-stream' };
      const webcrypto = await seal(plaintext, keyring, {
        ...options,
        random: seededRandom('same'),
        backend: 'webcrypto',
      });
      const noble = await seal(plaintext, keyring, {
        ...options,
        random: seededRandom('same'),
        backend: 'noble',
      });
      const node = await seal(plaintext, keyring, {
        ...options,
        random: seededRandom('same'),
        backend: 'node',
      });
      expect(sameBytes(node, webcrypto)).toBe(true);
      const sync = sealSync(plaintext, keyring, { ...options, random: seededRandom('same') });
      expect(sameBytes(noble, webcrypto)).toBe(true);
      expect(sameBytes(sync, webcrypto)).toBe(true);
    }
  });

  it('accepts a string as UTF-8 and keeps the content type in the header', async () => {
    const envelope = await seal('## Intent\nshé', keyring, { contentType: 'text/markdown' });
    expect(new TextDecoder().decode(await open(envelope, keyring))).toBe('## Intent\nshé');
    expect(inspect(envelope).contentType).toBe('text/markdown');
  });

  it('opens with ML-KEM-1024 and X-Wing layers; sealing needs only their public half', async () => {
    const random = seededRandom('kem');
    const pq = createKeyring([
      generateLayerKey({ random }),
      generateRecipientKeyPair({ random }),
      generateRecipientKeyPair({ kem: 'x-wing', random }),
      generateLayerKey({ random }),
    ]);
    const envelope = sealSync('post-quantum', sealingKeyring(pq));
    expect(new TextDecoder().decode(await open(envelope, pq))).toBe('post-quantum');
    expect(inspect(envelope).stanzas[0]?.layers.map((l) => l.kind)).toEqual([
      'aes-siv',
      'ml-kem-1024',
      'x-wing',
      'aes-siv',
    ]);
    expect(await codeOf(() => open(envelope, sealingKeyring(pq)))).toBe('ERR_ENVELOPE_KEY_INVALID');
  });

  it('multiple recipients: each keyring opens the same envelope', async () => {
    const other = generateKeyring({ layers: 2 });
    const envelope = await seal('shared', [keyring, other]);
    expect(inspect(envelope).stanzas).toHaveLength(2);
    expect(sameBytes(await open(envelope, keyring), await open(envelope, other))).toBe(true);
  });

  it('binds associated data: opening needs the same aad', async () => {
    const aad = new TextEncoder().encode('POST /v1/documents');
    const envelope = await seal('payload', keyring, { aad });
    expect(new TextDecoder().decode(await open(envelope, keyring, { aad }))).toBe('payload');
    expect(await codeOf(() => open(envelope, keyring))).toBe('ERR_ENVELOPE_AUTH');
    expect(await codeOf(() => open(envelope, keyring, { aad: aad.subarray(1) }))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('rejects bad arguments with typed errors', async () => {
    expect(await codeOf(() => seal(42 as unknown as Uint8Array, keyring))).toBe('ERR_INVALID_ARGUMENT');
    expect(await codeOf(() => seal('x', keyring, { chunkSize: 1000 }))).toBe('ERR_INVALID_ARGUMENT');
    expect(await codeOf(() => seal('x', keyring, { chunkSize: 32 * 1024 * 1024 }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    expect(await codeOf(() => seal('x', keyring, { contentType: 'text/é' }))).toBe('ERR_INVALID_ARGUMENT');
    expect(await codeOf(() => seal('x', []))).toBe('ERR_INVALID_ARGUMENT');
    expect(await codeOf(() => seal('x', { layers: [] }))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(await codeOf(() => seal('x', keyring, { random: () => new Uint8Array(3) }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    expect(await codeOf(() => seal('x', keyring, { backend: 'rot13' as 'noble' }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    expect(await codeOf(() => open('x' as unknown as Uint8Array, keyring))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('a stanza that fails while the payload chunks are in flight rejects with its typed error', async () => {
    // Sealing wraps the stanzas while the payload is encrypted; a KEM key rejected at that
    // point must still surface as the error, after the chunk work has settled.
    const publicKey = new Uint8Array(1568).fill(0xff);
    const rejected = { kind: 'ml-kem-1024' as const, kid: toHex(publicKeyId(2, publicKey)), publicKey };
    const recipients = [keyring, createKeyring([...keyring.layers.slice(0, 3), rejected])];
    for (const backend of ['node', 'webcrypto', 'noble'] as const) {
      expect(await codeOf(() => seal(patterned(300_000), recipients, { backend }))).toBe(
        'ERR_ENVELOPE_KEY_INVALID',
      );
    }
    expect(syncCodeOf(() => sealSync('x', recipients))).toBe('ERR_ENVELOPE_KEY_INVALID');
  });

  it('without node:crypto, seal and open use WebCrypto at every size, the stream calls too', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    const aesGcm = vi.spyOn(nodeAesGcm(), 'get').mockReturnValue(undefined);
    try {
      let imports = 0;
      for (const size of [0, 1, 4096, 4097]) {
        const sealed = await seal(patterned(size), keyring);
        expect(importKey).toHaveBeenCalledTimes(++imports);
        expect(sameBytes(await open(sealed, keyring), patterned(size))).toBe(true);
        expect(importKey).toHaveBeenCalledTimes(++imports);
      }
      const streamed = await collect(streamOf(patterned(100)).pipeThrough(sealStream(keyring)));
      expect(importKey).toHaveBeenCalledTimes(++imports);
      const opened = await collect(streamOf(streamed).pipeThrough(openStream(keyring)));
      expect(importKey).toHaveBeenCalledTimes(++imports);
      expect(sameBytes(opened, patterned(100))).toBe(true);
    } finally {
      importKey.mockRestore();
      aesGcm.mockRestore();
    }
  });

  describe('without crypto.subtle (an insecure browser context)', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    });

    it('falls back to @noble/ciphers with the same bytes, and refuses an explicit webcrypto backend', async () => {
      const plaintext = patterned(50_000, 8);
      const expected = await seal(plaintext, keyring, {
        random: seededRandom('fallback'),
        backend: 'webcrypto',
      });
      const { crypto } = globalThis;
      vi.spyOn(nodeAesGcm(), 'get').mockReturnValue(undefined);
      vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
      expect(globalThis.crypto.subtle).toBeUndefined();
      const sealed = await seal(plaintext, keyring, { random: seededRandom('fallback') });
      expect(sameBytes(sealed, expected)).toBe(true);
      expect(sameBytes(await open(sealed, keyring), plaintext)).toBe(true);
      expect(await codeOf(() => open(sealed, keyring, { backend: 'webcrypto' }))).toBe(
        'ERR_ENVELOPE_BACKEND_UNAVAILABLE',
      );
    });
  });
});
