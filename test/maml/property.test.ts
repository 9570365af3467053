import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMamlkitError } from '../../src/errors.js';
import {
  appendHistory,
  checkPermission,
  parseMaml,
  safeParseMaml,
  serializeMaml,
  setFrontMatterField,
  validateMaml,
} from '../../src/maml/index.js';
import { corpus } from './corpus.js';

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

/** A corpus file with random edits: token insertions, deletions and duplications. */
const mutated = fc
  .tuple(
    fc.constantFrom(...corpus.map((f) => f.text)),
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

const randomText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(fc.constantFrom(...tokens, 'a', 'id: x', 'maml_version: 2.0'), { maxLength: 60 })
    .map((parts) => parts.join('')),
);

/** Runs every public operation; only MamlkitErrors may escape. */
function exercise(text: string): void {
  const result = safeParseMaml(text);
  if (!result.ok) {
    expect(result.diagnostics[0]?.code).toBe('MAML_PARSE_FAILED');
    return;
  }
  const doc = result.document;
  expect(serializeMaml(doc)).toBe(text);
  for (const level of ['strict', 'lenient'] as const) {
    for (const d of validateMaml(doc, { level })) {
      expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
      expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
    }
  }
  for (const block of doc.codeBlocks) expect(block.range.end.offset).toBeLessThanOrEqual(text.length);
  checkPermission(doc, 'execute', 'gateway://x');
  for (const edit of [
    () => appendHistory(doc, { at: '2025-01-01T00:00:00Z', verb: 'EXECUTE', text: 'ran' }),
    () => setFrontMatterField(doc, 'permissions.execute', ['agent://*']),
  ]) {
    try {
      edit();
    } catch (error) {
      expect(isMamlkitError(error)).toBe(true);
    }
  }
}

describe('bad input never crashes', () => {
  it('random strings', () => {
    fc.assert(fc.property(randomText, exercise), { numRuns: 400 });
  });

  it('mutated corpus files', () => {
    fc.assert(fc.property(mutated, exercise), { numRuns: 300 });
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseMaml(bytes);
        } catch (error) {
          expect(isMamlkitError(error, 'ERR_MAML_ENCODING')).toBe(true);
        }
      }),
    );
  });
});
