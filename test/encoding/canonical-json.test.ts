import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCanonicalJson, type CanonicalJsonRules } from '../../src/encoding/canonical-json.js';
import { reversed } from './json-members.js';

class Refused extends Error {
  constructor(
    readonly problem: string,
    message: string,
  ) {
    super(message);
  }
}

const rules = (over: Partial<CanonicalJsonRules> = {}): CanonicalJsonRules => ({
  maxChars: 1 << 20,
  maxDepth: 16,
  undefinedValues: 'refuse',
  requireNfc: false,
  fail: (problem, message) => new Refused(problem, message),
  ...over,
});

const refusal = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof Refused) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return undefined;
};

/** `[1, <hole>, 3]` */
const sparse = (): unknown[] => {
  const items: unknown[] = new Array(3);
  items[0] = 1;
  items[2] = 3;
  return items;
};

describe('writeCanonicalJson', () => {
  it('writes the same text for any member order, and text that reads back as the value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = writeCanonicalJson(value, 'v', rules());
        expect(writeCanonicalJson(reversed(value), 'v', rules())).toBe(text);
        expect(writeCanonicalJson(JSON.parse(text), 'v', rules())).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('like-stringify: reads back exactly as JSON.stringify sends the value', () => {
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), withUndefined), (value) => {
        const text = writeCanonicalJson(value, 'v', rules({ undefinedValues: 'like-stringify' }));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
    expect(
      writeCanonicalJson(
        { a: undefined, b: [undefined, 2], c: sparse() },
        'v',
        rules({ undefinedValues: 'like-stringify' }),
      ),
    ).toBe('{"b":[null,2],"c":[1,null,3]}');
  });

  it('refuse: undefined anywhere and holes are errors naming their path', () => {
    expect(refusal(() => writeCanonicalJson({ a: [1, undefined] }, 'v', rules()))).toBe(
      'format: v.a[1] is undefined, not JSON',
    );
    expect(refusal(() => writeCanonicalJson({ a: undefined }, 'v', rules()))).toBe(
      'format: v.a is undefined, not JSON',
    );
    expect(refusal(() => writeCanonicalJson(sparse(), 'v', rules()))).toBe(
      'format: v[1] is a hole in a sparse array',
    );
  });

  it('refuses lone surrogates always, and strings that are not NFC only when asked', () => {
    expect(refusal(() => writeCanonicalJson('\ud800', 'v', rules()))).toMatch(
      /^format: v holds a lone surrogate/,
    );
    expect(refusal(() => writeCanonicalJson({ '\udc00': 1 }, 'v', rules()))).toMatch(
      /^format: v\.\udc00 \(key\) holds/,
    );
    expect(writeCanonicalJson('cafe\u0301', 'v', rules())).toBe('"cafe\u0301"');
    expect(refusal(() => writeCanonicalJson('cafe\u0301', 'v', rules({ requireNfc: true })))).toMatch(
      /Normalization Form C/,
    );
  });

  it('reports limits as limit problems and everything else as format problems', () => {
    expect(refusal(() => writeCanonicalJson('x'.repeat(10), 'v', rules({ maxChars: 5 })))).toBe(
      'limit: v is larger than 5 characters',
    );
    expect(refusal(() => writeCanonicalJson([[[]]], 'v', rules({ maxDepth: 2 })))).toBe(
      'limit: v[0][0] nests deeper than 2 levels',
    );
    expect(refusal(() => writeCanonicalJson(new Date(0), 'v', rules()))).toBe(
      'format: v is not a plain JSON object',
    );
    expect(refusal(() => writeCanonicalJson(Number.NaN, 'v', rules()))).toBe(
      'format: v is not a finite number',
    );
    expect(refusal(() => writeCanonicalJson(1n, 'v', rules()))).toBe('format: v is a bigint, not JSON');
  });
});
