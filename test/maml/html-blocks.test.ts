import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTagLine } from '../../src/maml/html-tag-line.js';

// Start condition 7 as commonmark.js 0.31.2 writes it (lib/common.js, lib/blocks.js).
const TAG_NAME = '[A-Za-z][A-Za-z0-9-]*';
const ATTRIBUTE = String.raw`(?:\s+[a-zA-Z_:][\w:.-]*(?:\s*=\s*(?:[^"'=<>${'`'}\x00-\x20]+|'[^']*'|"[^"]*"))?)`;
// eslint-disable-next-line regexp/no-super-linear-backtracking, regexp/no-dupe-characters-character-class -- the reference expression, kept as written
const reference = new RegExp(String.raw`^(?:<${TAG_NAME}${ATTRIBUTE}*\s*/?>|</${TAG_NAME}\s*>)\s*$`, 'i');

const space = fc.constantFrom(' ', '\t', '\u00a0', '\u3000', '\u2028', '');
const noise = fc.constantFrom('/', 'a', '-', ' ', '\u00a0', '=', '"', "'", '>', 'x', '_', ':', '.', '`', '<');
const attribute = fc
  .tuple(
    space,
    fc.constantFrom('a', '_x', ':y.z-1', '1b'),
    fc.constantFrom('', '=', ' = ', '=\u00a0'),
    fc.constantFrom('', 'v', 'v/w', '"q r"', "'s'", 'a\u00a0b', '`'),
  )
  .map((parts) => parts.join(''));
/** Open and closing tags, well formed or nearly, with noise mixed in. */
const tagLine = fc
  .tuple(
    fc.constantFrom('<', '</'),
    fc.constantFrom('a', 'X-1', 'div', '1a'),
    fc.array(fc.oneof(attribute, noise), { maxLength: 4 }),
    space,
    fc.constantFrom('>', '/>', ' >', ''),
    fc.array(fc.oneof(space, noise), { maxLength: 2 }),
  )
  .map(([open, name, attributes, before, close, after]) =>
    [open, name, ...attributes, before, close, ...after].join(''),
  );

describe('HTML block start condition 7 (an open or closing tag alone on its line)', () => {
  it('agrees with the reference expression on generated lines', () => {
    let tags = 0;
    fc.assert(
      fc.property(tagLine, (line) => {
        const expected = reference.test(line);
        if (expected) tags++;
        expect(isTagLine(line)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
    expect(tags).toBeGreaterThan(100);
  });

  it.each([
    ['<a>', true],
    ['</div >  ', true],
    ['<x-y a="1" b=\'2\' c=3 d/>', true],
    ['<a b=c\u00a0d="x">', true],
    ['<a b="x"c>', false],
    ['<a> text', false],
    ['<1a>', false],
  ])('%j is a tag line: %s', (line, expected) => {
    expect(isTagLine(line)).toBe(expected);
    expect(reference.test(line)).toBe(expected);
  });
});
