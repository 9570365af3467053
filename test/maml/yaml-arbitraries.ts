/** Generators of front matter YAML around the edges of the subset mamlkit reads. */
import fc from 'fast-check';

/** Characters that some YAML readers take as spaces or line breaks and others do not. */
const ODD_CHARACTERS = ['\u0085', '\u2028', '\u2029', '\u00A0', '\u3000', '\uFEFF', '\t', '\r'];

const oddCharacter = fc.constantFrom(...ODD_CHARACTERS);

const plainKey = fc.constantFrom(
  'a',
  'b',
  'maml_version',
  'permissions',
  'execute',
  'quantum_security_flag',
  '__proto__',
  'True',
  'x-y',
  'k.v',
  'k_1',
  '<<',
  'null',
  '~',
  '1',
  '1.0',
  'yes',
  'a b',
  'a#b',
  'a:b',
);

const key = fc.oneof(
  { weight: 6, arbitrary: plainKey },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '"a"',
      "'a'",
      '"a b"',
      '""',
      "''",
      '"\\u0061"',
      '"a\\tb"',
      '"\\x41"',
      "'it''s'",
      '"1"',
      '"<<"',
      '&k a',
      '&k quantum_security_flag',
      '*k',
      '*k ',
      '!!str a',
      '!!str 1',
      '!foo a',
      '! a',
      '[a]',
      '[permissions]',
      '{a: 1}',
      '? a',
      '?',
      '? [a]',
      '',
      '- a',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(1023, 1024, 1025)
      .chain((n) => fc.constantFrom('k'.repeat(n), `"${'k'.repeat(n - 2)}"`, `"${'k'.repeat(n)}"`)),
  },
  { weight: 1, arbitrary: fc.tuple(plainKey, oddCharacter).map(([k, c]) => k + c) },
);

/** Scalars every YAML reader test probes: numbers, quoting, comments, dates, null and boolean spellings, indicators. */
export const PROBE_SCALARS: readonly string[] = [
  '',
  '1',
  '2.0',
  '007',
  '-5',
  '+3',
  '1e3',
  '0x1F',
  '.5',
  '.inf',
  '"str"',
  "'s'",
  "'it''s'",
  '"a\\"b"',
  'plain text',
  'x # c',
  'x #c',
  'x#c',
  'x  ',
  '2025-08-29T12:27:00Z',
  '2025-08-30',
  'null',
  'Null',
  '~',
  'true',
  'FALSE',
  'agent://*',
  '%x',
  '@x',
  ':x',
  '-x',
  '- x',
  '"unterminated',
  '"x" y',
  'a: b',
];

const scalar = fc.constantFrom(
  ...PROBE_SCALARS,
  '0o17',
  '-.Inf',
  '.NaN',
  '"a\\nb"',
  '"\\u2028"',
  '"\\x41\\t"',
  '"\\/"',
  'x :y',
  'x:y',
  'yes',
  'https://x.y/z?q=1#f',
  '`x`',
  ',x',
  ':',
  '-',
  '?x',
  '?',
  '? x',
  "'unterminated",
  '"multi',
);

const flow = fc.constantFrom(
  '[]',
  '{}',
  '[a, "b", 3]',
  '[ a ]',
  '[a,]',
  '[a',
  '[a: b]',
  '[? x]',
  '[? x : y]',
  '[a, [b, [c]]]',
  '{a: 1}',
  '{a: [1, 2], b: {c: d}}',
  '{? a}',
  '{a}',
  '{"a": 1, a: 2}',
  '[*x]',
  '[&x a, *x]',
  '{*k : 1}',
  '["agent://*"]',
  '[2025-01-01]',
  '[a # c',
  '[a,\n  b]',
);

const property = fc.constantFrom(
  '&x ',
  '&k ',
  '!!str ',
  '!!int ',
  '!!map ',
  '!!seq ',
  '!!binary ',
  '!foo ',
  '! ',
);

const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 3, arbitrary: flow },
  {
    weight: 1,
    arbitrary: fc.constantFrom('*x', '*k', '*nope', '*x ', '|', '>', '|-', '>+', '|2', '>1-', '| # c'),
  },
  { weight: 2, arbitrary: fc.tuple(property, fc.oneof(scalar, flow)).map(([p, v]) => p + v) },
  { weight: 1, arbitrary: fc.tuple(scalar, oddCharacter, scalar).map(([a, c, b]) => a + c + b) },
);

const indent = fc.constantFrom('', '', '', '  ', '  ', '    ', ' ', '      ', '\t', ' \t');

const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(indent, key, fc.constantFrom(': ', ':', ':  ', ' : ', ':\t'), value)
      .map(([i, k, s, v]) => `${i}${k}${s}${v}`),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(indent, fc.constantFrom('- ', '-', '-  ', '- - '), fc.oneof(value, fc.constant('a: 1')))
      .map(([i, d, v]) => `${i}${d}${v}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '# comment',
      '  # indented comment',
      '   ',
      'plain continuation',
      '  continuation',
      '    text "in" a block',
      '  [[[',
      '  - - x',
      '  y"',
      "  y'",
      '---',
      '--- x',
      '...',
      '... # c',
      '%YAML 1.2',
      '? a',
      ': b',
      '?',
      ':',
    ),
  },
);

/** Keys and values of the common subset, with an occasional piece from the edges. */
const commonKey = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 999 }).map((n) => `k${n}`) },
  { weight: 2, arbitrary: fc.constantFrom('maml_version', 'execute', 'x-y', '__proto__', '"q"', "'s'") },
  { weight: 1, arbitrary: key },
);
const commonValue = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '1',
      '2.0',
      'text',
      '"s"',
      "'s'",
      '[a, b]',
      '[]',
      'x # c',
      '2025-08-30',
      'true',
      'agent://*',
    ),
  },
  { weight: 1, arbitrary: value },
);

/** A top-level entry: `key: value`, a nested mapping or a nested sequence (lines without endings). */
const block = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(commonKey, commonValue).map(([k, v]) => [`${k}: ${v}`]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(commonKey, fc.array(fc.tuple(commonKey, commonValue), { minLength: 1, maxLength: 3 }))
      .map(([k, items]) => [`${k}:`, ...items.map(([ik, iv]) => `  ${ik}: ${iv}`)]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(commonKey, fc.constantFrom('  ', ''), fc.array(commonValue, { minLength: 1, maxLength: 3 }))
      .map(([k, pad, items]) => [`${k}:`, ...items.map((v) => `${pad}- ${v}`)]),
  },
  { weight: 1, arbitrary: line.map((l) => [l]) },
);

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** Front matter YAML built line by line from the grammar's pieces, with mixed line endings and an optional BOM. */
export const structuredYaml: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.array(block, { minLength: 1, maxLength: 5 }),
    fc.array(fc.oneof({ weight: 10, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: lineEnding }), {
      minLength: 16,
      maxLength: 16,
    }),
    fc.boolean(),
  )
  .map(([bom, blocks, endings, last]) => {
    const lines = blocks.flat();
    const eol = (i: number): string => endings[i % endings.length] ?? '\n';
    return (
      (bom ? '\uFEFF' : '') +
      lines.map((text, i) => text + (i < lines.length - 1 || last ? eol(i) : '')).join('')
    );
  });

/** Nested mappings, sequences and flow collections around the depth limit (64). */
export const deepYaml: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 60, max: 68 }), fc.constantFrom('map', 'seq', 'mixed', 'flow', 'scalar'))
  .map(([depth, shape]) => {
    if (shape === 'flow') return `a: ${'['.repeat(depth - 1)}x${']'.repeat(depth - 1)}\n`;
    const lines: string[] = [];
    for (let i = 0; i < depth; i++) {
      const pad = ' '.repeat(i * 2);
      if (shape === 'map' || (shape === 'mixed' && i % 2 === 0)) lines.push(`${pad}k${i}:`);
      else if (shape === 'seq' || shape === 'mixed') lines.push(`${pad}-`);
      else lines.push(`${pad}k${i}: |`);
    }
    return `${lines.join('\n')} x\n`;
  });

/** Characters inserted by {@link mutatedYaml}: YAML indicators, quotes, escapes, spaces and line breaks. */
const SPECIAL = [
  '?',
  '? ',
  ':',
  ': ',
  '-',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!',
  '!!str ',
  '|',
  '>',
  '#',
  ' #',
  '"',
  "'",
  '\\',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\r',
  '%',
  '@',
  '`',
  '~',
  '---',
  '...',
  ...ODD_CHARACTERS,
];

/** `seeds` with random insertions, deletions and replacements of the characters that matter to YAML. */
export function mutatedYaml(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat({ max: 6 }),
          fc.constantFrom(...SPECIAL),
          fc.constantFrom('insert', 'delete', 'replace'),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [at, length, token, op]) => {
        const p = t.length === 0 ? 0 : at % t.length;
        if (op === 'insert') return t.slice(0, p) + token + t.slice(p);
        if (op === 'delete') return t.slice(0, p) + t.slice(p + length);
        return t.slice(0, p) + token + t.slice(p + 1);
      }, text),
    );
}
