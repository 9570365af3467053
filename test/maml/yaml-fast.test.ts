import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFast, readYaml } from '../../src/maml/front-matter.js';
import { MAML_DEFAULT_LIMITS } from '../../src/maml/options.js';
import { buildLineStarts } from '../../src/maml/positions.js';
import { parseSimpleYaml } from '../../src/maml/yaml-fast.js';
import { parseMaml } from '../../src/maml/index.js';
import { corpus } from './corpus.js';
import { PROBE_SCALARS } from './yaml-arbitraries.js';

/** Checks that the fast reader either declines or agrees with the full YAML reader; returns whether it accepted. */
function agrees(yaml: string): boolean {
  const fast = parseSimpleYaml(yaml, MAML_DEFAULT_LIMITS);
  if (fast === undefined) return false;
  const locate = { lineStarts: buildLineStarts(yaml) };
  const full = readYaml(yaml, 0, locate, MAML_DEFAULT_LIMITS);
  expect(full.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(readFast(fast, 0, locate)).toEqual(full);
  return true;
}

const key = fc.constantFrom(
  'a',
  'b',
  'maml_version',
  'id',
  'created_at',
  '__proto__',
  'True',
  'x-y',
  'k.v',
  '"q"',
  '1',
);
const value = fc.constantFrom(
  ...PROBE_SCALARS,
  '[a, "b", 3]',
  '[]',
  '[ a ]',
  '[a,]',
  '[a',
  '[a: b]',
  '[2025-01-01]',
  '{a: 1}',
  '&anchor x',
  '*alias',
  '!tag x',
  '|',
  '>',
  'a\tb',
  'https://x.y/z',
);
const line = fc.oneof(
  fc
    .tuple(fc.constantFrom('', '  ', '    ', ' ', '\t'), key, fc.constantFrom(': ', ':', ':  '), value)
    .map(([i, k, sep, v]) => `${i}${k}${sep}${v}`),
  fc
    .tuple(fc.constantFrom('', '  ', '    '), fc.constantFrom('- ', '-', '-  '), value)
    .map(([i, dash, v]) => `${i}${dash}${v}`),
  fc.constantFrom('', '# comment', '  # indented comment', '   ', 'plain continuation', '---', '...'),
);

describe('fast YAML reader', () => {
  it('agrees with the full reader on every corpus front matter it accepts', () => {
    let accepted = 0;
    for (const { text } of corpus) {
      const raw = parseMaml(text).frontMatter?.raw;
      if (raw !== undefined && agrees(raw)) accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(15);
  });

  it('declines or agrees with the full reader on generated YAML', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (lines, eol, last) => {
          if (agrees(lines.join(eol) + (last ? eol : ''))) accepted++;
        },
      ),
      { numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('declines what it does not support', () => {
    for (const yaml of [
      'a: &x 1\nb: *x\n',
      'a: |\n  text\n',
      'a: {b: 1}\n',
      'a: "\\n"\n',
      'a: 1\na: 2\n',
      'a: 0x10\n',
      '? a\n: b\n',
    ]) {
      expect(parseSimpleYaml(yaml, MAML_DEFAULT_LIMITS)).toBeUndefined();
    }
  });
});
