import fc from 'fast-check';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/policy/tokens/estimate.js';
import { tokenCorpus } from './corpus.js';

const corpus = tokenCorpus();
const texts = [...corpus.values()];

describe('estimateTokens against o200k_base on the mixed corpus', () => {
  it('covers every script class', () => {
    const names = [...corpus.keys()].join(' ');
    for (const kind of [
      'prose-en',
      'prose-europe',
      'code-',
      'data.json',
      'cjk',
      'other-scripts',
      'maml-',
      'emoji',
      'numbers',
      'urls',
    ]) {
      expect(names).toContain(kind);
    }
  });

  it.each([...corpus.entries()])('%s: estimate within 8 %%, upper never below', (_, text) => {
    const exact = countTokens(text);
    const estimate = estimateTokens(text);
    expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.08);
    expect(estimateTokens(text, { mode: 'upper' })).toBeGreaterThanOrEqual(exact);
  });

  it('upper mode is never below the exact count on random substrings', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: 3000 }),
        (index, start, length) => {
          const text = texts[index] ?? '';
          const from = start % Math.max(1, text.length);
          const slice = text.slice(from, from + length);
          expect(estimateTokens(slice, { mode: 'upper' })).toBeGreaterThanOrEqual(countTokens(slice));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('upper mode is never below the exact count on concatenations of files', () => {
    const all = texts.join('\n');
    expect(estimateTokens(all, { mode: 'upper' })).toBeGreaterThanOrEqual(countTokens(all));
  });
});

describe('estimateTokens options and input', () => {
  it('uses a caller-supplied exact tokenizer', () => {
    expect(estimateTokens('hello world', { tokenizer: countTokens })).toBe(countTokens('hello world'));
    expect(estimateTokens('abc', { tokenizer: () => 42 })).toBe(42);
  });

  it('applies the Anthropic allowance', () => {
    const text = texts[0] ?? '';
    const openai = estimateTokens(text);
    expect(estimateTokens(text, { provider: 'anthropic' })).toBeCloseTo(openai * 1.25, -1);
  });

  it('counts empty text as zero and any other text as at least one token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a')).toBe(1);
    expect(estimateTokens('', { mode: 'upper' })).toBe(0);
  });

  it('is linear: doubling the text doubles the estimate (within rounding)', () => {
    const text = texts.join('');
    expect(Math.abs(estimateTokens(text + text) - 2 * estimateTokens(text))).toBeLessThanOrEqual(2);
  });

  it('rejects non-strings, unknown modes and bad tokenizer results', () => {
    expect(() => estimateTokens(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => estimateTokens('x', { mode: 'exact' as 'upper' })).toThrow(/unknown estimate mode/);
    expect(() => estimateTokens('x', { tokenizer: () => -1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => estimateTokens('x', { tokenizer: () => Number.NaN })).toThrow(/not a token count/);
  });

  it('handles lone surrogates and control characters without throwing', () => {
    expect(estimateTokens('\uD83D abc \uDE00 \u0000\u0007')).toBeGreaterThan(0);
  });
});
