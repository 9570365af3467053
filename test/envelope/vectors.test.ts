import { createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';
import { ml_dsa44, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, it } from 'vitest';
import v2File from '../vectors/envelope/v2-layers.json' with { type: 'json' };
import vectorFile from '../vectors/envelope/vectors.json' with { type: 'json' };
import signedFile from '../vectors/envelope/signed.json' with { type: 'json' };
import {
  dearmor,
  importKeyring,
  inspect,
  open,
  openStream,
  openSync,
  seal,
  sealSync,
} from '../../src/envelope/index.js';
import { createTrustStore, importSigningPublicJwk, importSigningSecretJwk } from '../../src/sign/index.js';
import { collect, padExternal, replayRandom, sameBytes, streamOf } from './helpers.js';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('frozen vectors (test/vectors/envelope/vectors.json)', () => {
  for (const v of vectorFile.vectors) {
    const envelope = dearmor(v.envelope);
    const keyrings = v.keyrings.map((text) => importKeyring(text));
    const plaintext = fromHex(v.plaintext);
    const aad = v.aad === null ? undefined : fromHex(v.aad);

    it(`${v.name}: opens with every keyring, on every path`, async () => {
      for (const keyring of keyrings) {
        const options = aad === undefined ? {} : { aad };
        expect(sameBytes(await open(envelope, keyring, options), plaintext)).toBe(true);
        expect(sameBytes(await open(envelope, keyring, { ...options, backend: 'noble' }), plaintext)).toBe(
          true,
        );
        expect(sameBytes(openSync(envelope, keyring, options), plaintext)).toBe(true);
      }
    });

    it(`${v.name}: sealing again with the recorded randomness reproduces the bytes`, () => {
      const resealed = sealSync(plaintext, keyrings, {
        random: replayRandom(v.random.map(fromHex)),
        ...(v.chunkSize === null ? {} : { chunkSize: v.chunkSize }),
        ...(v.contentType === null ? {} : { contentType: v.contentType }),
        ...(aad === undefined ? {} : { aad }),
      });
      expect(sameBytes(resealed, envelope)).toBe(true);
    });

    it(`${v.name}: payload, commitment and header MAC check out with node:crypto, per the spec`, () => {
      const [nonce, dek] = [fromHex(v.random[0] ?? ''), fromHex(v.random[1] ?? '')];
      const info = inspect(envelope);
      const derive = (label: string, length: number): Buffer =>
        Buffer.from(hkdfSync('sha512', dek, nonce, `mamlkit-envelope/v1 ${label}`, length));
      const header = Buffer.from(envelope.subarray(0, info.headerBytes));
      expect(header.subarray(14, 46).equals(nonce)).toBe(true);
      const macOffset = info.headerBytes - 64;
      expect(header.subarray(macOffset - 32, macOffset).equals(derive('commitment', 32))).toBe(true);
      const mac = createHmac('sha512', derive('header-mac', 64))
        .update(header.subarray(0, macOffset))
        .update(aad ?? new Uint8Array(0))
        .digest();
      expect(mac.equals(header.subarray(macOffset))).toBe(true);
      const payloadKey = derive('payload', 32);
      const chunks: Buffer[] = [];
      const sealedChunk = info.chunkSize + 16;
      const count = info.chunks ?? 0;
      for (let i = 0; i < count; i++) {
        const start = info.headerBytes + i * sealedChunk;
        const sealed = envelope.subarray(start, Math.min(envelope.length, start + sealedChunk));
        const iv = Buffer.alloc(12);
        iv.writeUInt32BE(i, 7);
        iv[11] = i === count - 1 ? 1 : 0;
        const decipher = createDecipheriv('aes-256-gcm', payloadKey, iv);
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        chunks.push(decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final());
      }
      expect(sameBytes(Buffer.concat(chunks), plaintext)).toBe(true);
    });
  }

  it('covers every layer kind, several stanzas and an empty message', () => {
    const kinds = new Set(
      vectorFile.vectors.flatMap((v) =>
        inspect(dearmor(v.envelope)).stanzas.flatMap((s) => s.layers.map((l) => l.kind)),
      ),
    );
    expect([...kinds].sort()).toEqual(['aes-siv', 'ml-kem-1024', 'x-wing']);
    expect(vectorFile.vectors.some((v) => inspect(dearmor(v.envelope)).stanzas.length > 1)).toBe(true);
    expect(vectorFile.vectors.some((v) => v.plaintext === '')).toBe(true);
  });
});

describe('frozen vectors of version 2 layers (test/vectors/envelope/v2-layers.json)', () => {
  for (const v of v2File.vectors) {
    const envelope = dearmor(v.envelope);
    const keyring = importKeyring(v.keyring, {
      passphrase: v.passphrase,
      resolveExternal: ({ name }) => padExternal(name),
    });
    const plaintext = fromHex(v.plaintext);

    it(`${v.name}: a version 2 envelope that opens on both backends`, async () => {
      expect(inspect(envelope).version).toBe(2);
      expect(sameBytes(await open(envelope, keyring), plaintext)).toBe(true);
      expect(sameBytes(await open(envelope, keyring, { backend: 'noble' }), plaintext)).toBe(true);
    });

    it(`${v.name}: sealing again with the recorded randomness reproduces the bytes`, async () => {
      const resealed = await seal(plaintext, keyring, {
        random: replayRandom(v.random.map(fromHex)),
        ...(v.chunkSize === null ? {} : { chunkSize: v.chunkSize }),
        ...(v.contentType === null ? {} : { contentType: v.contentType }),
      });
      expect(sameBytes(resealed, envelope)).toBe(true);
    });

    it(`${v.name}: each passphrase encapsulation is work factor 10 and the recorded salt, per the spec`, () => {
      const layers = inspect(envelope).stanzas[0]?.layers ?? [];
      const salts = v.random.slice(2).filter((draw) => draw.length === 32);
      expect(layers.filter((layer) => layer.kind === 'passphrase')).toHaveLength(salts.length);
      for (const salt of salts) {
        expect(Buffer.from(envelope).indexOf(Buffer.from(`0a${salt}`, 'hex'))).toBeGreaterThan(0);
      }
    });
  }
});

describe('frozen vectors of signed envelopes (test/vectors/envelope/signed.json)', () => {
  for (const v of signedFile.vectors) {
    const envelope = dearmor(v.envelope);
    const keyrings = v.keyrings.map((text) => importKeyring(text));
    const plaintext = fromHex(v.plaintext);
    const aad = v.aad === null ? undefined : fromHex(v.aad);
    const secretKey = importSigningSecretJwk(v.signingKey);
    const trust = createTrustStore([importSigningPublicJwk({ ...v.signingKey, priv: undefined })]);
    const options = { trust, ...(aad === undefined ? {} : { aad }) };

    it(`${v.name}: opens with trust on every path`, async () => {
      for (const keyring of keyrings) {
        expect(sameBytes(await open(envelope, keyring, options), plaintext)).toBe(true);
        expect(sameBytes(openSync(envelope, keyring, options), plaintext)).toBe(true);
        const streamed = await collect(streamOf(envelope, [1000]).pipeThrough(openStream(keyring, options)));
        expect(sameBytes(streamed, plaintext)).toBe(true);
      }
    });

    it(`${v.name}: sealing again with the recorded draws (signing randomness last) reproduces the bytes`, () => {
      const resealed = sealSync(plaintext, keyrings, {
        signer: secretKey,
        random: replayRandom(v.random.map(fromHex)),
        ...(v.chunkSize === null ? {} : { chunkSize: v.chunkSize }),
        ...(v.contentType === null ? {} : { contentType: v.contentType }),
        ...(aad === undefined ? {} : { aad }),
      });
      expect(sameBytes(resealed, envelope)).toBe(true);
    });

    it(`${v.name}: the signer block and the footer check out with node:crypto and noble ML-DSA, per the spec`, () => {
      const info = inspect(envelope);
      const type = v.contentType ?? '';
      // Signer block after the content type: algorithm id, then the 32-byte key thumbprint.
      const block = Buffer.from(envelope.subarray(47 + type.length, 47 + type.length + 33));
      const dsa = v.signingKey.alg === 'ML-DSA-44' ? ml_dsa44 : ml_dsa87;
      expect(block[0]).toBe(v.signingKey.alg === 'ML-DSA-44' ? 1 : 3);
      expect(block.subarray(1).toString('base64url')).toBe(v.signingKey.kid);
      const signatureBytes = dsa.lengths.signature ?? 0;
      const end = envelope.length - signatureBytes;
      expect(end).toBe(info.headerBytes + info.payloadBytes);
      const digest = createHash('sha512').update(envelope.subarray(0, end)).digest();
      const context = new TextEncoder().encode('mamlkit-envelope/v2 signature');
      const publicKey = Buffer.from(v.signingKey.pub, 'base64url');
      expect(dsa.verify(envelope.subarray(end), digest, publicKey, { context })).toBe(true);
      expect(dsa.verify(envelope.subarray(end), digest, publicKey)).toBe(false);
    });
  }
});
