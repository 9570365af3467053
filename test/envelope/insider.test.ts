import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  generateKeyring,
  generateRecipientKeyPair,
  open,
  openStream,
  seal,
  sealingKeyring,
} from '../../src/envelope/index.js';
import { createTrustStore, generateSigningKeyPair } from '../../src/sign/index.js';
import { forge, type FooterStrategy } from './forgery.js';
import { codeOf, collect, seededRandom, streamOf } from './helpers.js';

const random = seededRandom('insider');
const alice = generateSigningKeyPair({ seed: random(32) });
const mallory = generateSigningKeyPair({ seed: random(32) });
const trust = createTrustStore([alice.publicKey]);
/** The insider: one of two recipients. */
const insider = generateKeyring({ random });
/** The victim: the other recipient, holding a post-quantum public-key layer among its layers. */
const victim = createKeyring([
  ...generateKeyring({ layers: 2, random }).layers,
  generateRecipientKeyPair({ random }),
]);
const message = new TextEncoder().encode('pay 10 EUR to bob');
const forged = new TextEncoder().encode('pay 10000 EUR to mallory');

describe('issue 16, sender-authenticated envelopes: the insider forgery', () => {
  it('an unsigned multi-recipient envelope does NOT authenticate its sender: the other recipient opens the forgery', async () => {
    const envelope = await seal(message, [insider, victim]);
    const forgery = forge(envelope, { insider, plaintext: forged });
    // What unsigned envelopes promise is confidentiality and integrity against outsiders only.
    expect(await open(forgery, victim)).toEqual(forged);
    // A trust store refuses it outright: nothing says who wrote it.
    expect(await codeOf(() => open(forgery, victim, { trust }))).toBe('ERR_ENVELOPE_UNSIGNED');
  });

  it('sender authentication: the same forgery of a signed envelope fails its signature check', async () => {
    const envelope = await seal(message, [insider, victim], { signer: alice.secretKey });
    expect(await open(envelope, victim, { trust })).toEqual(message);
    for (const footer of [{ kind: 'keep' }, { kind: 'resign', key: mallory.secretKey }] as const) {
      const forgery = forge(envelope, { insider, plaintext: forged, footer });
      expect(await codeOf(() => open(forgery, victim, { trust }))).toBe('ERR_ENVELOPE_SIGNATURE');
      const streamed = collect(streamOf(forgery, [1000]).pipeThrough(openStream(victim, { trust })));
      expect(await codeOf(() => streamed)).toBe('ERR_ENVELOPE_SIGNATURE');
    }
  });

  it('sender authentication: an insider cannot strip the signature or sign as itself: a fresh envelope to the victim is refused', async () => {
    // With only public-key layers, anyone can seal to the victim; trust is what refuses it.
    const publicVictim = createKeyring([generateRecipientKeyPair({ random })]);
    const forSealing = sealingKeyring(publicVictim);
    const unsigned = await seal(forged, forSealing);
    expect(await codeOf(() => open(unsigned, publicVictim, { trust }))).toBe('ERR_ENVELOPE_UNSIGNED');
    const byMallory = await seal(forged, forSealing, { signer: mallory.secretKey });
    expect(await codeOf(() => open(byMallory, publicVictim, { trust }))).toBe(
      'ERR_ENVELOPE_SIGNER_UNTRUSTED',
    );
  });

  it('sender authentication (property): no forged payload of a signed envelope ever opens under trust', async () => {
    const envelope = await seal(message, [insider, victim], { signer: alice.secretKey, chunkSize: 4096 });
    const strategies: FooterStrategy[] = [{ kind: 'keep' }, { kind: 'resign', key: mallory.secretKey }];
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 9000 }),
        fc.constantFrom(...strategies),
        fc.integer({ min: 1, max: 5000 }),
        async (plaintext, footer, piece) => {
          const forgery = forge(envelope, { insider, plaintext, footer });
          expect(await codeOf(() => open(forgery, victim, { trust }))).toBe('ERR_ENVELOPE_SIGNATURE');
          const streamed = collect(streamOf(forgery, [piece]).pipeThrough(openStream(victim, { trust })));
          expect(await codeOf(() => streamed)).toBe('ERR_ENVELOPE_SIGNATURE');
        },
      ),
      { numRuns: 12 },
    );
  });
});
