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
import { mutated, randomText } from './arbitraries.js';
import { corpus } from './corpus.js';

const mutatedCorpus = mutated(corpus.map((f) => f.text));

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
    fc.assert(fc.property(mutatedCorpus, exercise), { numRuns: 300 });
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
