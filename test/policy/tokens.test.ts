import fc from 'fast-check';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../src/policy/preflight/preflight.js';
import { definePolicy } from '../../src/policy/tables/define-policy.js';
import { estimateTokens } from '../../src/policy/tokens/estimate.js';
import { base64, committedCorpus, generateCorpus, seededRandom } from './token-corpus.js';

const heldOut = generateCorpus('heldOut');
const heldOutText = heldOut.map((d) => d.text);
const ENCODINGS = [
  ['o200k_base', o200k],
  ['cl100k_base', cl100k],
] as const;

/** `upper` for an encoding; o200k_base is the default, so its options name no tokenizer. */
function upper(text: string, tokenizer: 'o200k_base' | 'cl100k_base'): number {
  return estimateTokens(text, tokenizer === 'o200k_base' ? { mode: 'upper' } : { tokenizer, mode: 'upper' });
}

/** Substring of a held-out document: any start and end, cuts inside surrogate pairs included. */
const substring = fc
  .record({ doc: fc.nat({ max: heldOutText.length - 1 }), start: fc.nat(), length: fc.nat({ max: 4000 }) })
  .map(({ doc, start, length }) => {
    const text = heldOutText[doc] as string;
    const from = start % text.length;
    return text.slice(from, from + length);
  });

/** Random Unicode: code points of every plane, graphemes, and arbitrary UTF-16 (lone surrogates). */
const unicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 600 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);

describe('the held-out corpus', () => {
  it('is at least 1 MB of UTF-8 in every category the estimator is measured on', () => {
    const bytes = heldOutText.reduce((sum, text) => sum + new TextEncoder().encode(text).length, 0);
    expect(bytes).toBeGreaterThanOrEqual(1_000_000);
    expect(heldOut).toHaveLength(26);
    expect(heldOut.map((d) => d.category)).toEqual(
      expect.arrayContaining([
        'prose-cyrillic',
        'prose-rare',
        'code-shell',
        'yaml',
        'base64',
        'hex',
        'data-uri',
        'emoji',
      ]),
    );
  });

  it('differs from the calibration set', () => {
    const calibration = generateCorpus('calibration');
    heldOut.forEach((doc, i) => {
      expect(doc.text).not.toBe(calibration[i]?.text);
    });
  });
});

describe.each(ENCODINGS)('upper is an upper bound of %s', (tokenizer, count) => {
  it.each(heldOut.map((d) => [d.category, d.text] as const))(
    'finding "upper is not an upper bound": held-out %s, whole document',
    (_, text) => {
      expect(upper(text, tokenizer)).toBeGreaterThanOrEqual(count(text));
    },
  );

  it('finding "upper is not an upper bound": random substrings of the held-out corpus', () => {
    fc.assert(
      fc.property(substring, (text) => {
        expect(upper(text, tokenizer)).toBeGreaterThanOrEqual(count(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('finding "upper is not an upper bound": random Unicode strings', () => {
    fc.assert(
      fc.property(unicode, (text) => {
        expect(upper(text, tokenizer)).toBeGreaterThanOrEqual(count(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('holds on the committed mixed corpus and on all of it joined', () => {
    const files = committedCorpus().map((d) => d.text);
    for (const text of [...files, files.join('\n')])
      expect(upper(text, tokenizer)).toBeGreaterThanOrEqual(count(text));
  });
});

describe('finding "upper is not an upper bound": the 200 KB base64 prompt', () => {
  const random = seededRandom(200);
  const prompt = base64(Uint8Array.from({ length: 150_000 }, () => Math.floor(random() * 256)));
  const exact = o200k(prompt);

  it('is estimated at or above its real o200k count in upper mode', () => {
    expect(prompt.length).toBe(200_000);
    expect(exact).toBeGreaterThan(128_000);
    expect(estimateTokens(prompt, { mode: 'upper' })).toBeGreaterThanOrEqual(exact);
  });

  it('fails a 128K context window in preflight', () => {
    const policy = definePolicy({
      providers: {
        openai: {
          models: {
            'window-128k': {
              contextWindow: 128_000,
              maxOutputTokens: 16_384,
              source: 'https://example.com/models',
              checkedAt: '2026-12-05',
              status: 'active',
            },
          },
        },
      },
    });
    const result = preflight({ provider: 'openai', model: 'window-128k', text: prompt }, policy);
    expect(result.ok).toBe(false);
    expect(result.violations.map((v) => v.code)).toContain('input_too_long');
  });
});

describe('typical is a central estimate', () => {
  it.each(ENCODINGS)('%s: within 30 percent on every held-out document', (tokenizer, count) => {
    for (const { category, text } of heldOut) {
      const ratio = estimateTokens(text, { tokenizer }) / count(text);
      expect({ category, ratio: Math.abs(ratio - 1) < 0.3 }).toEqual({ category, ratio: true });
    }
  });
});

describe('Claude tokenizers', () => {
  const text = heldOutText[0] as string;

  it('anthropic estimates with claude-2026 (Opus 4.7 and later) by default', () => {
    expect(estimateTokens(text, { provider: 'anthropic', mode: 'upper' })).toBe(
      estimateTokens(text, { tokenizer: 'claude-2026', mode: 'upper' }),
    );
  });

  it('claude-2026 is o200k times 1.5 (typical) and 1.84 (upper); claude times 1.25', () => {
    const typical = estimateTokens(text);
    const upper = estimateTokens(text, { mode: 'upper' });
    expect(estimateTokens(text, { tokenizer: 'claude-2026' })).toBeCloseTo(typical * 1.5, -1);
    expect(estimateTokens(text, { tokenizer: 'claude-2026', mode: 'upper' })).toBeGreaterThanOrEqual(
      upper * 1.84 - 2,
    );
    expect(estimateTokens(text, { tokenizer: 'claude' })).toBeCloseTo(typical * 1.25, -1);
  });
});

describe('estimateTokens options and input', () => {
  it('uses a caller-supplied exact tokenizer', () => {
    expect(estimateTokens('hello world', { tokenizer: o200k })).toBe(o200k('hello world'));
    expect(estimateTokens('abc', { tokenizer: () => 42 })).toBe(42);
  });

  it('counts empty text as zero and any other text as at least one token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a')).toBe(1);
    expect(estimateTokens('', { mode: 'upper' })).toBe(0);
  });

  it("accepts 'estimate', the former name of 'typical'", () => {
    const text = heldOutText[1] as string;
    expect(estimateTokens(text, { mode: 'estimate' })).toBe(estimateTokens(text, { mode: 'typical' }));
  });

  it('rejects non-strings, unknown modes and tokenizers, and bad tokenizer results', () => {
    expect(() => estimateTokens(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => estimateTokens('x', { mode: 'exact' as 'upper' })).toThrow(/unknown estimate mode/);
    expect(() => estimateTokens('x', { tokenizer: 'p50k' as 'claude' })).toThrow(/unknown tokenizer "p50k"/);
    expect(() => estimateTokens('x', { tokenizer: 'p50k' as 'claude' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => estimateTokens('x', { tokenizer: () => -1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => estimateTokens('x', { tokenizer: () => Number.NaN })).toThrow(/not a token count/);
  });
});
