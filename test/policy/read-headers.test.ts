import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerReader } from '../../src/policy/headers/read.js';

const FEW = ['retry-after-ms', 'retry-after', 'x-should-retry'];
const MANY = [...FEW, 'x-ratelimit-limit-tokens', 'x-ratelimit-remaining-tokens'];

describe('headerReader', () => {
  // Each source shape, with few names (Headers read by name) and many (Headers iterated).
  const sources: [string, (entries: [string, string][]) => unknown][] = [
    ['Headers', (entries) => new Headers(entries)],
    ['Map', (entries) => new Map(entries)],
    ['record', (entries) => Object.fromEntries(entries)],
    ['get-only object', (entries) => ({ get: (name: string) => new Headers(entries).get(name) })],
  ];
  it.each(sources)('reads the wanted names from a %s in any letter case', (_, make) => {
    const entries: [string, string][] = [
      ['Retry-After', '3'],
      ['content-length', '131'],
      ['X-Should-Retry', 'true'],
      ['X-RateLimit-Remaining-Tokens', '99'],
      ['server', 'cloudflare'],
    ];
    expect(headerReader(FEW)(make(entries))).toEqual([undefined, '3', 'true']);
    expect(headerReader(MANY)(make(entries))).toEqual([undefined, '3', 'true', undefined, '99']);
  });

  it('keeps the lower-case spelling when a record has a name in several cases', () => {
    const read = headerReader(FEW);
    expect(read({ 'RETRY-AFTER': '9', 'retry-after': '4', 'Retry-After': '7' })[1]).toBe('4');
    expect(read({ 'RETRY-AFTER': '9', 'Retry-After': '7' })[1]).toBe('9');
  });

  it('skips inherited keys, keys of other lengths and unusable values', () => {
    const read = headerReader(FEW);
    const inherited = Object.create({ 'retry-after': '5' }) as Record<string, unknown>;
    inherited['retry-after-ms'] = 250;
    expect(read(inherited)).toEqual(['250', undefined, undefined]);
    expect(
      read({ 'retry-afterx': '1', 'x-should-retry': { value: 'true' }, 'retry-after': ['2', '3'] }),
    ).toEqual([undefined, '2', undefined]);
  });

  it('loses only what a throwing get or getter would have returned', () => {
    class Flaky extends Headers {
      override get(name: string): string | null {
        if (name === 'retry-after') throw new Error('boom');
        return super.get(name);
      }
    }
    const flaky = new Flaky({ 'retry-after': '3', 'x-should-retry': 'false' });
    expect(headerReader(FEW)(flaky)).toEqual([undefined, undefined, 'false']);
    const record = Object.defineProperty({ 'x-should-retry': 'true' }, 'retry-after', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(headerReader(FEW)(record)).toEqual([undefined, undefined, 'true']);
  });

  it('reads the same values by name and by iteration from any Headers', () => {
    const name = fc.constantFrom(...MANY, 'date', 'Retry-After', 'X-RATELIMIT-LIMIT-TOKENS');
    const value = fc.stringMatching(/^[\x21-\x7e]{0,12}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 12 }), (entries) => {
        const headers = new Headers(entries);
        expect(headerReader(MANY)(headers).slice(0, FEW.length)).toEqual(headerReader(FEW)(headers));
      }),
    );
  });
});
