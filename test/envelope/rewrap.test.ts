import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  generateKeyring,
  generateRecipientKeyPair,
  inspect,
  open,
  rewrap,
  seal,
  sealingKeyring,
} from '../../src/envelope/index.js';
import { codeOf, patterned, sameBytes, seededRandom, syncCodeOf } from './helpers.js';

const random = seededRandom('rewrap');
const current = generateKeyring({ random });
const next = createKeyring([
  ...generateKeyring({ layers: 3, random }).layers,
  generateRecipientKeyPair({ random }),
]);
const plaintext = patterned(100_000, 5);

describe('rewrap', () => {
  it('rotates keyrings without re-encrypting the payload', async () => {
    const envelope = await seal(plaintext, current, { chunkSize: 8192 });
    const rotated = rewrap(envelope, { open: current, add: [sealingKeyring(next)], remove: [current] });
    const before = inspect(envelope);
    const after = inspect(rotated);
    expect(sameBytes(rotated.subarray(after.headerBytes), envelope.subarray(before.headerBytes))).toBe(true);
    expect(after.stanzas.map((s) => s.layers.map((l) => l.kid))).toEqual([next.layers.map((l) => l.kid)]);
    expect(sameBytes(await open(rotated, next), plaintext)).toBe(true);
    expect(await codeOf(() => open(rotated, current))).toBe('ERR_ENVELOPE_NO_MATCHING_STANZA');
  });

  it('adds a recipient once, and works on the header bytes alone', async () => {
    const envelope = await seal(plaintext, current);
    const headerBytes = inspect(envelope).headerBytes;
    const newHeader = rewrap(envelope.subarray(0, headerBytes), { open: current, add: [next, next] });
    expect(inspect(newHeader).stanzas).toHaveLength(2);
    const joined = new Uint8Array(newHeader.length + envelope.length - headerBytes);
    joined.set(newHeader);
    joined.set(envelope.subarray(headerBytes), newHeader.length);
    expect(sameBytes(await open(joined, current), plaintext)).toBe(true);
    expect(sameBytes(await open(joined, next), plaintext)).toBe(true);
  });

  it('keeps the aad binding, refuses to remove every stanza, and checks the header first', async () => {
    const aad = new TextEncoder().encode('context');
    const envelope = await seal('x', current, { aad });
    expect(syncCodeOf(() => rewrap(envelope, { open: current, add: [next] }))).toBe('ERR_ENVELOPE_AUTH');
    const rotated = rewrap(envelope, { open: current, add: [next], aad });
    expect(await open(rotated, next, { aad })).toEqual(new TextEncoder().encode('x'));
    expect(syncCodeOf(() => rewrap(envelope, { open: current, remove: [current], aad }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    const tampered = Uint8Array.from(envelope);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(syncCodeOf(() => rewrap(tampered, { open: current, add: [next], aad }))).toBe('ERR_ENVELOPE_AUTH');
  });
});
