import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  EnvelopeError,
  generateLayerKey,
  generateRecipientKeyPair,
  open,
  sealingKeyring,
  sealSync,
  symmetricLayerKey,
  type LayerKey,
} from '../../src/envelope/index.js';
import { seededRandom } from './helpers.js';

const random = seededRandom('keyring');
const pool: LayerKey[] = [
  generateLayerKey({ random }),
  generateLayerKey({ random }),
  generateLayerKey({ random }),
  generateRecipientKeyPair({ random }),
  generateRecipientKeyPair({ random, kem: 'x-wing' }),
];

function keyringError(layers: readonly LayerKey[]): EnvelopeError {
  try {
    createKeyring(layers);
  } catch (error) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('expected an EnvelopeError');
}

describe('keyring checks', () => {
  it('item 8: one AES-SIV key repeated in all four layers is refused', () => {
    const one = generateLayerKey({ random });
    const error = keyringError([one, one, one, one]);
    expect(error.code).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(error.message).toContain('layers 1 and 2 hold the same key');
    // The same bytes under a second object are the same key.
    const copy = symmetricLayerKey(one.key);
    expect(keyringError([pool[0] as LayerKey, one, copy]).message).toContain('layers 2 and 3');
    expect(() => sealSync('x', { layers: [one, one, one, one] })).toThrow(/hold the same key/);
  });

  it('item 8: the same KEM public key twice is refused, secret half or not', () => {
    const pair = pool[3] as LayerKey;
    const error = keyringError([
      pair,
      pool[0] as LayerKey,
      sealingKeyring({ layers: [pair] }).layers[0] as LayerKey,
    ]);
    expect(error.message).toContain('layers 1 and 3 hold the same key');
  });

  it('item 8: a key id that does not match its key is refused, naming the layer', () => {
    const layer = pool[1] as LayerKey;
    const other = pool[2] as LayerKey;
    const error = keyringError([pool[0] as LayerKey, { ...layer, kid: other.kid }]);
    expect(error.code).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(error.message).toContain('keyring layer 2: key id does not match the key');
    const kem = pool[4] as LayerKey;
    expect(keyringError([{ ...kem, kid: '0011223344556677' }]).message).toContain('layer 1: key id');
  });

  it('a key changed in place after its key id was checked is refused: checked key ids are never stale', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pool.map((_, i) => i)),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (which, at, flip) => {
          const original = pool[which] as LayerKey;
          const layer = structuredClone(original);
          createKeyring([layer]); // checked once: its key id is remembered
          const bytes = 'key' in layer ? layer.key : (layer as { publicKey: Uint8Array }).publicKey;
          const index = at % bytes.length;
          bytes[index] = (bytes[index] as number) ^ flip;
          expect(keyringError([layer]).message).toContain('layer 1: key id does not match the key');
          bytes[index] = bytes[index] ^ flip;
          expect(createKeyring([layer]).layers[0]).toBe(layer);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('opening accepts a keyring with a repeated key, so envelopes sealed before the rule stay readable', async () => {
    const one = generateLayerKey({ random });
    const sealed = sealSync('other', { layers: [pool[0] as LayerKey] });
    // Refused for sealing, but opening goes on to look for a stanza (there is none for it here).
    const error = await open(sealed, { layers: [one, one] }).catch((e: unknown) => e);
    expect((error as EnvelopeError).code).toBe('ERR_ENVELOPE_NO_MATCHING_STANZA');
  });
});
