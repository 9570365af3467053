import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeExecution } from '../../src/gate/index.js';
import { parseMaml, validateMaml, type MamlDocument } from '../../src/maml/index.js';
import { createTrustStore, SignError, signMaml, verifyMaml } from '../../src/sign/index.js';
import { encodeToBeSigned, signMessage } from '../../src/sign/primitives.js';
import { formatSignatureLines } from '../../src/sign/signature-text.js';
import { mamlLines } from '../maml/arbitraries.js';
import { fixedKeyPair, SIGNED_AT } from './fixtures.js';

const alice = fixedKeyPair('ML-DSA-44', 5);
const trust = createTrustStore([alice.publicKey]);
const now = new Date('2026-02-02T00:00:00Z');

/** `lines` joined with CRLF where `crlf[i]` is true, LF elsewhere, with or without a final line ending. */
function join(lines: readonly string[], crlf: readonly boolean[], final: boolean): string {
  const eol = (i: number): string => (crlf[i % Math.max(crlf.length, 1)] === true ? '\r\n' : '\n');
  return lines.map((line, i) => (i < lines.length - 1 || final ? line + eol(i) : line)).join('');
}

/** What a reader takes from a document, with positions as line:column (offsets move with CRLF). */
function reading(doc: MamlDocument): unknown {
  const at = (r: { start: { line: number; column: number } }) => `${r.start.line}:${r.start.column}`;
  return {
    data: doc.frontMatter?.data,
    diagnostics: doc.diagnostics.map((d) => `${d.code}@${at(d.range)}`),
    sections: doc.sections.map((s) => ({
      name: s.name,
      level: s.level,
      heading: s.heading,
      content: s.content.replaceAll('\r\n', '\n'),
      at: at(s.range),
    })),
    codeBlocks: doc.codeBlocks.map((b) => ({ ...b, range: at(b.range), codeRange: at(b.codeRange) })),
    history: doc.history.map((h) => ({ ...h, range: at(h.range) })),
  };
}

function signOutcome(source: string): string {
  try {
    return signMaml(source, alice.secretKey, { created: SIGNED_AT, deterministic: true }).replaceAll(
      '\r\n',
      '\n',
    );
  } catch (error) {
    if (error instanceof SignError) return error.code;
    throw error;
  }
}

/**
 * `text` with a carriage return that no line feed follows, near `pick`: a line feed there
 * becomes one when no line feed follows it, else one is inserted before the next other character.
 */
function withLoneCr(text: string, pick: number): string {
  const p = text.length === 0 ? 0 : pick % (text.length + 1);
  if (text[p] === '\n' && text[p + 1] !== '\n') return `${text.slice(0, p)}\r${text.slice(p + 1)}`;
  let q = p;
  while (text[q] === '\n') q++;
  return `${text.slice(0, q)}\r${text.slice(q)}`;
}

/**
 * A `## Signatures` section (with the line before it) whose block signs `content` as a MAML
 * document, made with the primitives: signMaml refuses a document that does not parse, a
 * forger does not ask it.
 */
function handSignedSection(content: string): string {
  const fields = {
    algorithm: alice.secretKey.algorithm,
    keyId: alice.secretKey.keyId,
    created: SIGNED_AT.getTime() / 1000,
    comment: '',
    trustedComment: '',
  };
  const tbs = encodeToBeSigned({ ...fields, content: new TextEncoder().encode(content) });
  const signature = signMessage('maml', tbs, alice.secretKey);
  const block = ['```maml-signature', ...formatSignatureLines('maml', { ...fields, signature }), '```'];
  return ['', '## Signatures', '', ...block, ''].join('\n');
}

const HEAD =
  '---\nmaml_version: "2.0.0"\nid: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"\ntype: workflow\npermissions:\n';
const TAIL = '---\n## Intent\nBuild.\n\n## Context\nCI.\n';

describe('line endings: CRLF and LF read alike, a lone CR is refused', () => {
  it('item 2: moving a carriage return so that YAML reads another execute list breaks the signature', () => {
    // What the signer covers is the text with every line ending as LF; the two documents below
    // both have that text, but YAML hides a different line in a comment in each.
    const signedAsCi = `${HEAD}  # x\r  execute: ["agent://*"]\n  # y\n  execute: ["agent://mcp-server/ci"]\n${TAIL}`;
    const movedToAll = `${HEAD}  # x\n  execute: ["agent://*"]\n  # y\r  execute: ["agent://mcp-server/ci"]\n${TAIL}`;
    const permissions = (source: string) => parseMaml(source).frontMatter?.data?.['permissions'];
    expect(permissions(signedAsCi)).toEqual({ execute: ['agent://mcp-server/ci'] });
    expect(permissions(movedToAll)).toEqual({ execute: ['agent://*'] });
    expect(signOutcome(signedAsCi)).toBe('ERR_SIGN_LINE_ENDING');
    expect(() => signMaml(signedAsCi, alice.secretKey)).toThrow(/^line 6, column 6: a carriage return/);
    // A signature made over the LF text (which repeats the key execute, so signMaml refuses
    // it), carried over to the moved document, no longer counts.
    const lf = signedAsCi.replace('\r', '\n');
    expect(signOutcome(lf)).toBe('ERR_SIGN_MAML_UNPARSEABLE');
    const section = handSignedSection(`${lf}\n`);
    expect(verifyMaml(lf + section, trust, { now }).valid).toBe(true);
    for (const forged of [signedAsCi + section, movedToAll + section]) {
      const result = verifyMaml(forged, trust, { now });
      expect(result.valid).toBe(false);
      expect(result.reason?.code).toBe('MALFORMED');
      expect(result.reason?.error?.code).toBe('ERR_SIGN_LINE_ENDING');
      const diagnostics = validateMaml(parseMaml(forged), { level: 'strict' });
      expect(diagnostics).toContainEqual(
        expect.objectContaining({ code: 'MAML_LONE_CR', severity: 'error' }),
      );
      const decision = authorizeExecution(forged, { trust, principal: 'agent://mallory', now });
      expect(decision.allowed).toBe(false);
      expect(decision.reasons.map((r) => r.code)).toContain('GATE_TAMPERED');
    }
  });

  it('item 2: the parser reports the first lone carriage return with its line, column and the count', () => {
    const doc = parseMaml('---\nid: x\r\n---\n## Intent\ra\rb\n');
    const lone = doc.diagnostics.filter((d) => d.code === 'MAML_LONE_CR');
    expect(lone).toHaveLength(1);
    expect(lone[0]).toMatchObject({ severity: 'error', range: { start: { line: 4, column: 10 } } });
    expect(lone[0]?.message).toMatch(/and 1 more/);
    expect(parseMaml('---\r\nid: x\r\n---\r\n').diagnostics.map((d) => d.code)).not.toContain('MAML_LONE_CR');
  });

  it('CRLF inside front matter comments, block scalars and quoted strings gives the LF data', () => {
    const yaml = [
      '# comment',
      'literal: |',
      '  a',
      '',
      '  b',
      'folded: >',
      '  c',
      '  d',
      'double: "e',
      '  f"',
      "single: 'g",
      '',
      "  h'",
      'flow: [i,',
      '  j]',
    ];
    const lf = parseMaml(`---\n${yaml.join('\n')}\n---\n`).frontMatter?.data;
    const crlf = parseMaml(`---\r\n${yaml.join('\r\n')}\r\n---\r\n`).frontMatter?.data;
    expect(lf).toEqual({
      literal: 'a\n\nb\n',
      folded: 'c d\n',
      double: 'e f',
      single: 'g\nh',
      flow: ['i', 'j'],
    });
    expect(crlf).toEqual(lf);
  });

  it('item 2: LF and CRLF on any lines read, sign and verify alike; a lone CR anywhere is refused (differential)', () => {
    const verdict = (text: string) => {
      const { valid, reason } = verifyMaml(text, trust, { now });
      return { valid, code: reason?.code, error: reason?.error?.code };
    };
    fc.assert(
      fc.property(
        mamlLines,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.nat(),
        (lines, a, b, final, pick) => {
          const one = join(lines, a, final);
          const other = join(lines, b, final);
          expect(reading(parseMaml(other))).toEqual(reading(parseMaml(one)));
          const signed = signOutcome(one);
          expect(signOutcome(other)).toBe(signed);
          const broken = withLoneCr(one, pick);
          expect(broken).toMatch(/\r(?!\n)/);
          const diagnostics = validateMaml(parseMaml(broken), { level: 'lenient' });
          expect(diagnostics).toContainEqual(
            expect.objectContaining({ code: 'MAML_LONE_CR', severity: 'error' }),
          );
          expect(signOutcome(broken)).toBe('ERR_SIGN_LINE_ENDING');
          if (signed.startsWith('ERR_')) return;
          const signedLines = signed.split('\n');
          const mixed = join(signedLines.slice(0, -1), b, true) + (signedLines.at(-1) ?? '');
          expect(verdict(mixed)).toEqual(verdict(signed));
          if (!lines.some((l) => l.startsWith('```maml-signature'))) expect(verdict(signed).valid).toBe(true);
          const lone = withLoneCr(mixed, pick);
          expect(lone).toMatch(/\r(?!\n)/);
          expect(verdict(lone).error).toBe('ERR_SIGN_LINE_ENDING');
          expect(verifyMaml(parseMaml(lone), trust, { now })).toEqual(verifyMaml(lone, trust, { now }));
          expect(verifyMaml(parseMaml(mixed), trust, { now })).toEqual(verifyMaml(mixed, trust, { now }));
        },
      ),
      { numRuns: 150 },
    );
  });
});
