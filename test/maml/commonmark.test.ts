import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from '../vectors/commonmark/examples.json' with { type: 'json' };
import { mamlkit, reference } from './commonmark-oracle.js';

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

const indent = fc.constantFrom('', ' ', '  ', '   ', '    ');
const words = fc.constantFrom('foo', 'bar baz', '', ' x ', '#', 'a # b', '##', 'C#', '*em*', 'code `x`');
const heading = fc
  .tuple(
    indent,
    fc.integer({ min: 1, max: 7 }),
    fc.constantFrom(' ', '', '  ', '\t'),
    words,
    fc.constantFrom('', ' #', ' ###', '#', ' # '),
  )
  .map(([i, n, sep, text, close]) => `${i}${'#'.repeat(n)}${sep}${text}${close}`);
const fence = fc
  .tuple(
    indent,
    fc.constantFrom('`', '~'),
    fc.integer({ min: 2, max: 5 }),
    fc.constantFrom('', 'python', ' js extra', 'a`b', ' ~ ', '  '),
  )
  .map(([i, c, n, info]) => `${i}${c.repeat(n)}${info}`);
const content = fc.constantFrom(
  'aaa',
  '  indented',
  '',
  '   ',
  '    code',
  'text # not',
  'x ``` y',
  '~~~~ tail',
);
const line = fc.oneof(
  { arbitrary: heading, weight: 3 },
  { arbitrary: fence, weight: 3 },
  { arbitrary: content, weight: 4 },
);
const ending = fc.constantFrom('\n', '\r\n');

describe('differential test against commonmark.js', () => {
  it('finds the same ATX headings and fenced code blocks on generated documents', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), ending, fc.boolean(), (lines, eol, finalEol) => {
        const markdown = lines.join(eol) + (finalEol ? eol : '');
        expect(mamlkit(markdown)).toEqual(reference(markdown));
      }),
      { numRuns: 1500 },
    );
  });
});
