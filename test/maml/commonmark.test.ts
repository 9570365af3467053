import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser } from 'commonmark';
import vectors from '../vectors/commonmark/examples.json' with { type: 'json' };
import { parseMaml } from '../../src/maml/index.js';
import { isOnlyLinkReferences } from '../../src/maml/link-reference.js';
import { containerDocument, markdownDocument } from './arbitraries.js';
import { reference, structureOf, type Structure } from './commonmark-oracle.js';

const mamlkit = (markdown: string): Structure => structureOf(parseMaml(markdown));

describe('CommonMark spec examples (ATX headings, fenced code blocks)', () => {
  it.each(vectors.examples.map((e) => [e.example, e.markdown] as const))(
    'example %i matches the reference parser',
    (_n, markdown) => {
      const expected = reference(markdown);
      expect(mamlkit(markdown)).toEqual(expected);
    },
  );

  it('the examples are not all empty: headings and code blocks are found', () => {
    const found = vectors.examples.map((e) => reference(e.markdown));
    expect(found.filter((f) => f.headings.length > 0).length).toBeGreaterThan(10);
    expect(found.filter((f) => f.code.length > 0).length).toBeGreaterThan(20);
  });
});

describe('differential test against commonmark.js', () => {
  it('finds the same ATX headings and fenced code blocks on generated documents', () => {
    fc.assert(
      fc.property(markdownDocument, (markdown) => {
        expect(mamlkit(markdown)).toEqual(reference(markdown));
      }),
      { numRuns: 1500 },
    );
  });

  it('item 6: reads top-level headings and fences as commonmark.js does, and reports exactly those it places in containers or hides in HTML', () => {
    fc.assert(
      fc.property(containerDocument, (markdown) => {
        expect(mamlkit(markdown)).toEqual(reference(markdown));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('link reference definitions before a setext underline', () => {
  const piece = fc.constantFrom(
    '[',
    ']',
    ':',
    ' ',
    '\n',
    '\\',
    'a',
    '<',
    '>',
    '(',
    ')',
    '"',
    "'",
    '/u',
    '\t',
    '\u2028',
    '[a]: ',
    '[a]:\n',
  );
  it('a paragraph is only definitions exactly when commonmark.js reads no setext heading', () => {
    let definitions = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        // Paragraph text as the block parser holds it: lines without leading spaces, each ending in \n.
        const lines = pieces
          .join('')
          .split('\n')
          .map((l) => l.replace(/^[ \t]+/, ''));
        fc.pre(lines[0]?.startsWith('[') === true && lines.every((l) => l.trim() !== ''));
        const content = lines.map((l) => `${l}\n`).join('');
        const block = new Parser().parse(`${content}===`).firstChild;
        // Only documents that stay one paragraph up to the underline.
        fc.pre(
          block !== null && block.next === null && (block.type === 'paragraph' || block.type === 'heading'),
        );
        const only = isOnlyLinkReferences(content);
        if (only) definitions++;
        expect(only).toBe(block.type === 'paragraph');
      }),
      { numRuns: 5000 },
    );
    expect(definitions).toBeGreaterThan(50);
  });
});
