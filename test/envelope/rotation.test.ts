import { describe, expect, it } from 'vitest';
import {
  generateKeyring,
  inspect,
  open,
  reencrypt,
  reencryptStream,
  rewrap,
  seal,
} from '../../src/envelope/index.js';
import { createTrustStore, generateSigningKeyPair } from '../../src/sign/index.js';
import { codeOf, collect, patterned, sameBytes, seededRandom, streamOf, syncCodeOf } from './helpers.js';

const random = seededRandom('rotation');
const old = generateKeyring({ random });
const removed = generateKeyring({ layers: 2, random });
const next = generateKeyring({ random });
const alice = generateSigningKeyPair({ seed: random(32) });
const trust = createTrustStore([alice.publicKey]);
const plaintext = patterned(50_000, 9);
const CHUNK = 8192;

/** The sealed chunks of an envelope (between header and footer). */
function chunks(envelope: Uint8Array): Uint8Array[] {
  const info = inspect(envelope);
  const out: Uint8Array[] = [];
  for (let at = info.headerBytes; at < info.headerBytes + info.payloadBytes; at += info.chunkSize + 16)
    out.push(envelope.subarray(at, Math.min(info.headerBytes + info.payloadBytes, at + info.chunkSize + 16)));
  return out;
}

describe('issue 16, real rotation: reencrypt', () => {
  it('makes a new data key, nonce and payload: old keys and removed recipients open nothing', async () => {
    const envelope = await seal(plaintext, [old, removed], { chunkSize: CHUNK, contentType: 'text/plain' });
    for (const rotated of [
      await reencrypt(envelope, { open: old, to: next }),
      await collect(streamOf(envelope, [3000]).pipeThrough(reencryptStream({ open: old, to: next }))),
    ]) {
      expect(sameBytes(await open(rotated, next), plaintext)).toBe(true);
      expect(await codeOf(() => open(rotated, old))).toBe('ERR_ENVELOPE_NO_MATCHING_STANZA');
      expect(await codeOf(() => open(rotated, removed))).toBe('ERR_ENVELOPE_NO_MATCHING_STANZA');
      const [before, after] = [inspect(envelope), inspect(rotated)];
      expect([after.chunkSize, after.contentType]).toEqual([before.chunkSize, before.contentType]);
      // Nonce, commitment and every sealed chunk are new.
      expect(sameBytes(rotated.subarray(14, 46), envelope.subarray(14, 46))).toBe(false);
      const oldChunks = chunks(envelope);
      chunks(rotated).forEach((chunk, i) => {
        expect(chunk.length).toBe(oldChunks[i]?.length);
        expect(sameBytes(chunk, oldChunks[i] ?? new Uint8Array(0))).toBe(false);
        const same = chunk.filter((byte, j) => byte === oldChunks[i]?.[j]).length;
        expect(same).toBeLessThan(chunk.length / 64); // about 1/256 equal bytes by chance
      });
    }
  });

  it('checks the old signature under trust, and signs the new envelope', async () => {
    const envelope = await seal(plaintext, old, { signer: alice.secretKey, chunkSize: CHUNK });
    expect(await codeOf(() => reencrypt(envelope, { open: old, to: next }))).toBe(
      'ERR_ENVELOPE_TRUST_REQUIRED',
    );
    const stream = collect(streamOf(envelope, [5000]).pipeThrough(reencryptStream({ open: old, to: next })));
    expect(await codeOf(() => stream)).toBe('ERR_ENVELOPE_TRUST_REQUIRED');
    const rotated = await reencrypt(envelope, { open: old, to: next, trust, signer: alice.secretKey });
    expect(inspect(rotated).signer?.keyId).toBe(alice.publicKey.keyId);
    expect(sameBytes(await open(rotated, next, { trust }), plaintext)).toBe(true);
    const tampered = Uint8Array.from(envelope);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    const streamed = collect(
      streamOf(tampered, [5000]).pipeThrough(reencryptStream({ open: old, to: next, trust })),
    );
    expect(await codeOf(() => streamed)).toBe('ERR_ENVELOPE_SIGNATURE');
  });
});

describe('issue 16, rewrap is "who may open this copy"', () => {
  it('rewrap --remove of a keyring with no stanza is an error, and changes nothing', async () => {
    const envelope = await seal('x', old);
    expect(syncCodeOf(() => rewrap(envelope, { open: old, remove: [next] }))).toBe(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
    );
    expect(syncCodeOf(() => rewrap(envelope, { open: old, add: [next], remove: [removed] }))).toBe(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
    );
  });

  it('a signed envelope is refused: a new header would still claim the old signature', async () => {
    const envelope = await seal('x', old, { signer: alice.secretKey });
    expect(syncCodeOf(() => rewrap(envelope, { open: old, add: [next] }))).toBe('ERR_ENVELOPE_SIGNED');
    const header = envelope.subarray(0, inspect(envelope).headerBytes);
    expect(syncCodeOf(() => rewrap(header, { open: old, add: [next] }))).toBe('ERR_ENVELOPE_SIGNED');
  });
});
