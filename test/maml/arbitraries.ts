/**
 * fast-check generators for MAML and Markdown input, shared by the unit tests and the runtime
 * conformance suite (so no Node APIs here).
 */
import fc from 'fast-check';

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
  '\tcode',
  '  \t tab',
);
const line = fc.oneof(
  { arbitrary: heading, weight: 3 },
  { arbitrary: fence, weight: 3 },
  { arbitrary: content, weight: 4 },
);

/** Markdown documents dense in ATX headings and fences of every kind, LF or CRLF. */
export const markdownDocument: fc.Arbitrary<string> = fc
  .tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''));

/** Container markers: block quotes, bullet and ordered list items, indentation that continues them. */
const containerMarker = fc.constantFrom(
  '> ',
  '>',
  ' > ',
  '>\t',
  '- ',
  '* ',
  '+ ',
  '-',
  '-\t',
  '1. ',
  '2) ',
  '10. ',
  '1.     ',
  '  ',
  '   ',
  '    ',
  '\t',
);
/** HTML block starts of all seven conditions, and lines that end them or do not. */
const html = fc.constantFrom(
  '<!-- c',
  '<!-- c -->',
  '<!-->',
  '<script>',
  '<script type="x">',
  '<pre>',
  '<style>',
  '<textarea>',
  '<?php',
  '<? x ?>',
  '<!DOCTYPE html>',
  '<!X',
  '<![CDATA[',
  '<div>',
  '<div class="a">',
  '</div>',
  '<table>',
  '<custom-tag>',
  '<custom a="1" b=c/>',
  '</custom>',
  '<span>',
  '<a href="x">',
  '<em>text</em>',
  '-->',
  'x -->',
  '</script>',
  '</pre> after',
  '</style>',
  '</textarea>',
  '?>',
  '>',
  ']]>',
);
/** Setext underlines, thematic breaks, list-like and paragraph lines. */
const block = fc.constantFrom(
  '===',
  '---',
  '-',
  '--',
  '= =',
  '***',
  '- - -',
  '___',
  '* * *',
  '2. two',
  'para',
);
/** Link reference definitions, whole or split over lines, well formed or not. */
const reference = fc.constantFrom(
  '[a]: /url',
  '[a]:',
  '/url "title"',
  "[b]: <x y> 'multi",
  "line'",
  '[ ]: /u',
  '[a]: /u (t)',
  '[a\\]]: x',
  '[a]: /u "t" x',
  '[a]: (',
);
const leaf = fc.oneof(
  { arbitrary: heading, weight: 3 },
  { arbitrary: fence, weight: 3 },
  { arbitrary: content, weight: 3 },
  { arbitrary: html, weight: 3 },
  { arbitrary: block, weight: 2 },
  { arbitrary: reference, weight: 1 },
);
const containedLine = fc
  .tuple(fc.array(containerMarker, { maxLength: 3 }), leaf)
  .map(([markers, text]) => markers.join('') + text);

/**
 * Markdown documents with block quotes, list items, HTML blocks of every start condition,
 * indented code, setext underlines, thematic breaks and lazy lines around headings and
 * fences, LF or CRLF.
 */
export const containerDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof(containedLine, leaf, fc.constant('')), { maxLength: 25 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''))
  // A first line of --- would open front matter: these documents are all body.
  .filter((markdown) => !/^---[ \t]*(?:[\r\n]|$)/.test(markdown));

const tokens = [
  '---\n',
  '```',
  '~~~~',
  '\n',
  '\r\n',
  '\r',
  '# ',
  '## History\n',
  '- 2025-01-01T00:00:00Z: [X] y\n',
  '&a ',
  '*a',
  '[',
  '{',
  ': ',
  '\uFEFF',
  '\t',
  '    ',
  '\\',
  '\u2028',
  'é',
  '\uD800',
  '!tag ',
];

/** `texts` with random edits: token insertions, deletions and duplications. */
export function mutated(texts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...texts),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat({ max: 40 }),
          fc.constantFrom(...tokens),
          fc.constantFrom('insert', 'delete', 'duplicate'),
        ),
        { maxLength: 12 },
      ),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [at, length, token, op]) => {
        const p = t.length === 0 ? 0 : at % t.length;
        if (op === 'insert') return t.slice(0, p) + token + t.slice(p);
        if (op === 'delete') return t.slice(0, p) + t.slice(p + length);
        return t.slice(0, p + length) + t.slice(p, p + length) + t.slice(p + length);
      }, text),
    );
}

/** Random text: any graphemes, any UTF-16 units (lone surrogates included), or MAML-ish tokens. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(fc.constantFrom(...tokens, 'a', 'id: x', 'maml_version: 2.0'), { maxLength: 60 })
    .map((parts) => parts.join('')),
);

/** Front matter entries (each valid YAML on its own) that span lines: comments, block scalars, quoted strings. */
const FRONT_MATTER_ENTRIES: readonly (readonly string[])[] = [
  ['type: workflow'],
  ['# a comment', 'origin: agent://builder'],
  ['# ## Signatures'],
  ['notes: |', '  first line', '  ## Signatures', '', '  last line'],
  ['folded: >-', '  one', '  two', '', '  three'],
  ['quoted: "first', '  second', '', '  third"'],
  ["single: 'first", '', "  second'"],
  ['flow: [a,', '  b, c]'],
  ['permissions:', '  # execute: ["agent://*"]', '  execute: ["agent://mcp-server/ci"]'],
];

/** Markdown body pieces: headings (variants of `Signatures` among them), paragraphs and fences. */
const bodyPiece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ['## Intent', 'Say hello.'],
      ['## Context', '', 'Some context.'],
      ['# Title'],
      ['### Detail', 'text # not a heading'],
      ['```python', 'print(1)', '```'],
      ['~~~', '## Signatures', '~~~'],
      ['````markdown', '## Signatures', '```maml-signature', '```', '````'],
      [''],
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ['## signatures'],
      ['### Signatures'],
      ['# Signatures'],
      ['## Signatures ##'],
      ['## Signatures_'],
      ['   ## Signatures'],
      ['##  Signatures'],
      ['## Signatures', 'Signed by Bob.'],
      ['## Signatures', '```maml-signature', 'not a signature', '```'],
      ['```python', 'print(1)'],
    ),
  },
);

/**
 * The lines (without line endings) of MAML documents for differential tests of the line-ending
 * and signature-section rules: front matter with comments, block scalars and quoted multi-line
 * strings (some holding `## Signatures` lines), then headings (variants of `Signatures`
 * included), paragraphs and fences (some holding `## Signatures` and signature-fence lines).
 */
export const mamlLines: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.uniqueArray(fc.nat({ max: FRONT_MATTER_ENTRIES.length - 1 }), { maxLength: 5 }),
    fc.array(bodyPiece, { maxLength: 8 }),
    fc.boolean(),
  )
  .map(([entries, body, frontMatter]) => [
    ...(frontMatter
      ? ['---', 'maml_version: "2.0.0"', ...entries.flatMap((i) => FRONT_MATTER_ENTRIES[i] ?? []), '---']
      : []),
    ...body.flat(),
  ]);
