import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCanonicalJson } from '../../src/audit/canonical-json.js';
import { utf8ByteLength } from '../../src/encoding/utf8.js';
import { codeOf } from './fixtures.js';

const LIMITS = { maxChars: 1 << 20, maxDepth: 16 };
const canon = (value: unknown, limits = LIMITS) => auditCanonicalJson(value, 'details', limits);

describe('auditCanonicalJson (RFC 8785)', () => {
  it('matches the RFC 8785 §3.2.2 example', () => {
    const value = {
      numbers: [333333333.3333333, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '€$\u000f\nA\'B"\\\\"/',
      literals: [null, true, false],
    };
    expect(canon(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, not by code points or locale', () => {
    const value = {
      '\u20ac': 'Euro',
      '\r': 'CR',
      '1': 'One',
      '\ud83d\ude00': 'Emoji',
      '\u0080': 'Control',
      '\u00f6': 'o',
    };
    expect(canon(value)).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","ö":"o","€":"Euro","\ud83d\ude00":"Emoji"}',
    );
    expect(canon({ b: { d: 1, c: 2 }, a: [] })).toBe('{"a":[],"b":{"c":2,"d":1}}');
  });

  it('writes -0 as 0 and keeps integers exact', () => {
    expect(canon([-0, 9007199254740991, 1e21, 0.1])).toBe('[0,9007199254740991,1e+21,0.1]');
  });

  it('refuses values JSON cannot carry exactly', () => {
    for (const bad of [Number.NaN, Infinity, undefined, () => 1, Symbol('s'), 1n, new Date(0), new Map()]) {
      expect(codeOf(() => canon({ x: bad }))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    }
    const sparse: unknown[] = new Array(3);
    sparse[0] = 1;
    sparse[2] = 3;
    expect(codeOf(() => canon(sparse))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => canon({ [Symbol('k')]: 1 }))).toBe('ERR_AUDIT_ENTRY_FORMAT');
  });

  it('refuses lone surrogates and strings that are not NFC, in values and keys', () => {
    expect(codeOf(() => canon('\ud800'))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => canon('a\udc00b'))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => canon('cafe\u0301'))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => canon({ 'cafe\u0301': 1 }))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => canon('\ufb33'))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(canon('caf\u00e9 \ud83d\ude00')).toBe('"café 😀"');
  });

  it('names the path of the bad value', () => {
    expect(() => canon({ a: [{ b: Number.NaN }] })).toThrow('details.a[0].b is not a finite number');
  });

  it('enforces the size and depth limits with ERR_LIMIT_EXCEEDED', () => {
    expect(codeOf(() => canon('x'.repeat(100), { maxChars: 50, maxDepth: 4 }))).toBe('ERR_LIMIT_EXCEEDED');
    const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
    expect(canon(deep(4), { maxChars: 100, maxDepth: 4 })).toBe('[[[[1]]]]');
    expect(codeOf(() => canon(deep(5), { maxChars: 100, maxDepth: 4 }))).toBe('ERR_LIMIT_EXCEEDED');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(() => canon(cyclic))).toBe('ERR_LIMIT_EXCEEDED');
  });

  it('is stable: parsing its output and writing again gives the same text', () => {
    const nfc = (v: unknown): unknown =>
      typeof v === 'string'
        ? v.normalize('NFC')
        : Array.isArray(v)
          ? v.map(nfc)
          : typeof v === 'object' && v !== null
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.normalize('NFC'), nfc(x)]))
            : v;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }).map(nfc), (value) => {
        const text = canon(value);
        expect(canon(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('utf8ByteLength agrees with TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 300 },
    );
  });
});
