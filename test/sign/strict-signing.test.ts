import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMaml, safeParseMaml } from '../../src/maml/index.js';
import { createTrustStore, SignError, signMaml, verifyMaml } from '../../src/sign/index.js';
import { mamlLines, mutated } from '../maml/arbitraries.js';
import { aliasBombLines, fixedKeyPair, SIGNED_AT, SMALL_MAML, twoKibMaml } from './fixtures.js';

const alice = fixedKeyPair('ML-DSA-44', 11);
const bob = fixedKeyPair('ML-DSA-44', 12);
const trust = createTrustStore([alice.publicKey, bob.publicKey]);
const now = new Date('2026-02-02T00:00:00Z');

function signCode(source: string, options: Parameters<typeof signMaml>[2] = {}): string {
  try {
    signMaml(source, alice.secretKey, { created: SIGNED_AT, deterministic: true, ...options });
  } catch (error) {
    if (error instanceof SignError) return error.code;
    throw error;
  }
  return 'signed';
}

/** Front matter whose aliases expand far past the parser's node limit. */
function aliasBomb(): string {
  return `---\nmaml_version: "2.0.0"\n${aliasBombLines()}\n---\n## Intent\nx\n\n## Context\ny\n`;
}

const SIGNATURE_LINE = /^```maml-signature$/gm;

describe('signMaml signs only what the parser reads one way', () => {
  it('issue 19 sign strictness: an empty file, no front matter, an alias bomb and documents over a limit are refused', () => {
    const frontMatterTooLarge = `---\nmaml_version: "2.0.0"\nnotes: "${'x'.repeat(70_000)}"\n---\n## Intent\nx\n`;
    const documentTooLarge = `${SMALL_MAML}\n## Content\n${'word '.repeat(220_000)}\n`;
    for (const source of [
      '',
      '\n',
      '## Intent\nSay hello.\n',
      '```yaml\n---\nmaml_version: "2.0.0"\n---\n```\n## Intent\nx\n',
      aliasBomb(),
      frontMatterTooLarge,
      documentTooLarge,
      '---\nmaml_version: "2.0.0"\nid: [unclosed\n---\n## Intent\nx\n',
      '---\nmaml_version: "2.0.0"\nid: a\nid: b\n---\n## Intent\nx\n',
    ]) {
      const parsed = safeParseMaml(source);
      expect(!parsed.ok || parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      expect(signCode(source)).toBe('ERR_SIGN_MAML_UNPARSEABLE');
    }
  });

  it('issue 19 sign strictness: the refusal names the first error with its line and column, or the limit', () => {
    expect(() => signMaml('## Intent\nx\n', alice.secretKey)).toThrow(
      /^line 1, column 1: MAML_MISSING_FRONT_MATTER: /,
    );
    expect(() => signMaml(aliasBomb(), alice.secretKey)).toThrow(/\(ERR_MAML_YAML_ALIASES\)/);
    const error = (() => {
      try {
        signMaml(aliasBomb(), alice.secretKey);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect((error as SignError).cause).toMatchObject({ code: 'ERR_MAML_YAML_ALIASES' });
  });

  it('issue 19 sign strictness: limits follow options.limits, and a bad limit is an invalid argument', () => {
    const large = twoKibMaml();
    expect(signCode(large, { limits: { maxDocumentBytes: 1024 } })).toBe('ERR_SIGN_MAML_UNPARSEABLE');
    expect(signCode(large)).toBe('signed');
    expect(signCode(large, { limits: { maxDocumentBytes: -1 } })).toBe('ERR_INVALID_ARGUMENT');
  });

  it('issue 19 sign strictness: schema errors are not the signer’s to judge (the gate and check judge them)', () => {
    // Parses with no error, fails strict validation: no id, no ## Context.
    expect(signCode('---\nmaml_version: "9"\n---\n## Intent\nx\n')).toBe('signed');
  });

  it('issue 19 sign strictness: whatever signMaml accepts, parseMaml reads with no error, before and after (differential)', () => {
    const texts = [SMALL_MAML, twoKibMaml(), aliasBomb(), '---\nid: x\n---\n## Intent\n'];
    const sources = fc.oneof(
      fc.tuple(mamlLines, fc.boolean()).map(([lines, final]) => lines.join('\n') + (final ? '\n' : '')),
      mutated(texts),
    );
    let signedCount = 0;
    fc.assert(
      fc.property(sources, (source) => {
        let signed: string;
        try {
          signed = signMaml(source, alice.secretKey, { created: SIGNED_AT, deterministic: true });
        } catch (error) {
          expect(error).toBeInstanceOf(SignError);
          return;
        }
        signedCount++;
        for (const text of [source, signed]) {
          const parsed = safeParseMaml(text);
          expect(parsed.ok).toBe(true);
          expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        }
        // A malformed block already in the document still makes it invalid; the new one verifies.
        expect(verifyMaml(signed, trust, { now }).signers).toContain(alice.publicKey.keyId);
      }),
      { numRuns: 150 },
    );
    expect(signedCount).toBeGreaterThan(15);
  });
});

describe('re-signing replaces the signer’s own block', () => {
  const sign = (source: string, key: typeof alice, at = SIGNED_AT): string =>
    signMaml(source, key.secretKey, { created: at });

  it('issue 19 re-signing: signing twice with one key leaves one block by that key, which verifies', () => {
    const later = new Date(SIGNED_AT.getTime() + 60_000);
    const twice = sign(sign(SMALL_MAML, alice), alice, later);
    expect(twice.match(SIGNATURE_LINE)).toHaveLength(1);
    const result = verifyMaml(twice, trust, { now });
    expect(result.valid).toBe(true);
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]?.created).toBe(later.toISOString().replace('.000Z', 'Z'));
    expect(parseMaml(twice).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('issue 19 re-signing: A then B then A keeps B in place and one A block; both verify', () => {
    const ab = sign(sign(SMALL_MAML, alice), bob);
    const aba = sign(ab, alice, new Date(SIGNED_AT.getTime() + 1000));
    expect(aba.match(SIGNATURE_LINE)).toHaveLength(2);
    const result = verifyMaml(aba, trust, { now, threshold: 2 });
    expect(result.valid).toBe(true);
    expect(result.signatures.map((s) => s.keyId)).toEqual([alice.publicKey.keyId, bob.publicKey.keyId]);
    // Bob's block is kept byte for byte.
    const bobBlock = ab.slice(ab.lastIndexOf('```maml-signature'));
    expect(aba.endsWith(bobBlock)).toBe(true);
  });

  it('issue 19 re-signing: CRLF documents keep CRLF, and duplicate blocks of one key collapse into one', () => {
    const crlf = SMALL_MAML.replaceAll('\n', '\r\n');
    const once = sign(crlf, alice);
    const block = once.slice(once.indexOf('```maml-signature'));
    const duplicated = once + '\r\n' + block;
    expect(verifyMaml(duplicated, trust, { now }).signatures).toHaveLength(2);
    const again = sign(duplicated, alice);
    expect(again.match(/^```maml-signature\r$/gm)).toHaveLength(1);
    expect(again.replaceAll('\r\n', '')).not.toContain('\n');
    expect(verifyMaml(again, trust, { now }).valid).toBe(true);
  });

  it('issue 19 re-signing: any order of signers gives one block per distinct signer, all valid (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (order) => {
        let text = SMALL_MAML;
        order.forEach((isAlice, i) => {
          text = sign(text, isAlice ? alice : bob, new Date(SIGNED_AT.getTime() + i * 1000));
        });
        const distinct = new Set(order).size;
        expect(text.match(SIGNATURE_LINE)).toHaveLength(distinct);
        const result = verifyMaml(text, trust, { now, threshold: distinct });
        expect(result.valid).toBe(true);
        expect(result.signatures).toHaveLength(distinct);
      }),
      { numRuns: 20 },
    );
  });
});
