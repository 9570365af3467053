import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSignatureSection, parseMaml } from '../../src/maml/index.js';
import { createTrustStore, SignError, signMaml, verifyMaml } from '../../src/sign/index.js';
import { mamlLines } from '../maml/arbitraries.js';
import { fixedKeyPair, SIGNED_AT, SMALL_MAML } from './fixtures.js';

const alice = fixedKeyPair('ML-DSA-44', 6);
const bob = fixedKeyPair('ML-DSA-44', 7);
const trust = createTrustStore([alice.publicKey, bob.publicKey]);
const now = new Date('2026-02-02T00:00:00Z');

function signCode(source: string): string {
  try {
    signMaml(source, alice.secretKey);
  } catch (error) {
    return error instanceof SignError ? error.code : 'other';
  }
  return 'signed';
}

describe('the signature section is the one the parser finds', () => {
  it('item 5: a document with a "Signatures" heading variant is refused by sign, verify and parse alike', () => {
    for (const variant of [
      '## signatures',
      '### Signatures',
      '## Signatures ##',
      '# SIGNATURES',
      '## Signatures_',
    ]) {
      const source = `${SMALL_MAML}\n${variant}\nSigned off by the team.\n`;
      // On 8ba63c2, signMaml appended a second section that the parser also named "signatures".
      expect(signCode(source)).toBe('ERR_SIGN_MAML_SECTION');
      expect(parseMaml(source).diagnostics).toContainEqual(
        expect.objectContaining({ code: 'MAML_SIGNATURE_SECTION', severity: 'error' }),
      );
      const signed = signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT });
      const renamed = signed.replace('\n## Signatures\n', `\n${variant}\n`);
      const result = verifyMaml(renamed, trust, { now });
      expect(result.reason?.code).toBe('MALFORMED');
      expect(result.reason?.error?.code).toBe('ERR_SIGN_MAML_SECTION');
      expect(verifyMaml(parseMaml(renamed), trust, { now })).toEqual(result);
      const twice = verifyMaml(
        signed.replace('\n## Signatures\n', `\n${variant}\n\n## Signatures\n`),
        trust,
        { now },
      );
      expect(twice.reason?.error?.code).toBe('ERR_SIGN_MAML_SECTION');
    }
  });

  it('verifyMaml reads a parseMaml result as it reads the text, without scanning it again', () => {
    const signed = signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT });
    const section = signed.slice(SMALL_MAML.length);
    for (const text of [
      signed,
      `---\nid: x\n${section}`,
      signed.replace('\n## Intent', '\n## intent\n\n## Signatures'),
    ]) {
      expect(verifyMaml(parseMaml(text), trust, { now })).toEqual(verifyMaml(text, trust, { now }));
    }
    expect(verifyMaml(`---\nid: x\n${section}`, trust, { now }).reason?.message).toMatch(
      /front matter is not closed/,
    );
    expect(() => verifyMaml({ source: signed } as never, trust)).toThrow(SignError);
  });

  it('co-signing keeps one signatures section', () => {
    const signed = signMaml(signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT }), bob.secretKey, {
      created: SIGNED_AT,
    });
    const names = parseMaml(signed).sections.map((s) => s.name);
    expect(names.filter((n) => n === 'signatures')).toHaveLength(1);
    expect(names.at(-1)).toBe('signatures');
    expect(verifyMaml(signed, trust, { now, threshold: 2 }).valid).toBe(true);
  });

  it('item 5: sign, parse and verify agree on the section boundary of generated documents (differential)', () => {
    fc.assert(
      fc.property(mamlLines, fc.boolean(), (lines, final) => {
        const source = lines.join('\n') + (final ? '\n' : '');
        const parsed = parseMaml(source);
        const found = findSignatureSection(parsed);
        let signed: string;
        try {
          signed = signMaml(source, alice.secretKey, { created: SIGNED_AT, deterministic: true });
        } catch (error) {
          expect(error).toBeInstanceOf(SignError);
          // Refused exactly when the parser finds a broken section or another error (no front
          // matter, an unclosed one), or a heading appended at the end would not be read as one.
          const appended = parseMaml(`${source}\n\n## Signatures\n`);
          const refused =
            !found.ok || (found.section === undefined && appended.sections.at(-1)?.name !== 'signatures');
          expect(refused || parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          return;
        }
        expect(found.ok).toBe(true);
        expect(signed.startsWith(source)).toBe(true);
        const doc = parseMaml(signed);
        expect(doc.diagnostics.map((d) => d.code)).not.toContain('MAML_SIGNATURE_SECTION');
        const sections = doc.sections.filter((s) => s.name === 'signatures');
        expect(sections).toHaveLength(1);
        expect(doc.sections.at(-1)).toBe(sections[0]);
        const boundary = sections[0]?.range.start.offset ?? -1;
        if (found.ok && found.section !== undefined)
          expect(boundary).toBe(found.section.headingRange.start.offset);
        else expect(boundary).toBeGreaterThanOrEqual(source.length);
        const blocks = doc.codeBlocks.filter((b) => b.range.start.offset > boundary);
        expect(blocks.every((b) => b.language === 'maml-signature' && b.closed)).toBe(true);
        // The signed content ends exactly at the parser's boundary: one more character before
        // the heading breaks the signature, one more empty line after it does not.
        const verdict = (text: string) => verifyMaml(text, trust, { now });
        const headingEnd = sections[0]?.headingRange.end.offset ?? -1;
        const inside = verdict(`${signed.slice(0, boundary)}x\n${signed.slice(boundary)}`);
        expect(inside.valid).toBe(false);
        const blank = verdict(`${signed.slice(0, headingEnd)}\n${signed.slice(headingEnd)}`);
        const clean = verdict(signed);
        expect(verifyMaml(doc, trust, { now })).toEqual(clean);
        expect(blank.valid).toBe(clean.valid);
        if (found.ok && found.section === undefined) {
          expect(clean.valid).toBe(true);
          const cosigned = signMaml(signed, bob.secretKey, { created: SIGNED_AT });
          expect(parseMaml(cosigned).sections.filter((s) => s.name === 'signatures')).toHaveLength(1);
          expect(verdict(cosigned).signers).toHaveLength(2);
        }
      }),
      { numRuns: 100 },
    );
  });
});
