import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTrustStore,
  importSigningPublicJwk,
  importSigningSecretJwk,
  parseDetachedSignature,
  SignError,
  signMaml,
  verifyDetached,
  verifyMaml,
} from '../../src/sign/index.js';
import { fixedKeyPair, SMALL_MAML } from './fixtures.js';

const pair = fixedKeyPair('ML-DSA-44', 6);
const trust = createTrustStore([pair.publicKey]);
const signed = signMaml(SMALL_MAML, pair.secretKey);
const section = signed.slice(SMALL_MAML.length);

/** Lines built from the pieces a signature section is made of, in random order. */
const sectionLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '',
        '## Signatures',
        '```maml-signature',
        '```',
        '~~~',
        'signature:',
        'format: mamlkit/maml-signature/v1',
      ),
      fc.constantFrom(...section.split('\n')),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 40 },
  )
  .map((lines) => lines.join('\n'));

describe('robustness: bad input gives results or typed errors, never crashes', () => {
  it('verifyMaml returns a verdict for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          sectionLike.map((tail) => SMALL_MAML + tail),
        ),
        (text) => {
          const result = verifyMaml(text, trust);
          expect(result.valid).toBe(false);
          expect(result.reason).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('verifyDetached returns a verdict for any signature text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), sectionLike), (text) => {
        expect(verifyDetached('data', text, trust).valid).toBe(false);
        expect(() => parseDetachedSignature(text)).toThrow(SignError);
      }),
      { numRuns: 300 },
    );
  });

  it('JWK import throws only SignError for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => importSigningPublicJwk(value)).toThrow(SignError);
        expect(() => importSigningSecretJwk(JSON.stringify(value))).toThrow(SignError);
      }),
      { numRuns: 300 },
    );
  });
});
