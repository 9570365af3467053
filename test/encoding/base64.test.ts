import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Url, toBase64, toBase64Url, toHex } from '../../src/encoding/base64.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base64 codecs', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes and decodes the RFC 4648 vector %j', (plain, encoded) => {
    expect(toBase64(utf8(plain))).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(utf8(plain));
    expect(toBase64Url(utf8(plain))).toBe(encoded.replaceAll('=', ''));
    expect(fromBase64Url(encoded.replaceAll('=', ''))).toEqual(utf8(plain));
  });

  it('matches Node’s encoders and round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const node = Buffer.from(bytes);
        expect(toBase64(bytes)).toBe(node.toString('base64'));
        expect(toBase64Url(bytes)).toBe(node.toString('base64url'));
        expect(toHex(bytes)).toBe(node.toString('hex'));
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['missing padding', 'Zg'],
    ['extra padding', 'Zg==='],
    ['padding inside', 'Zg==Zg=='],
    ['non-zero spare bits', 'Zh=='],
    ['whitespace', 'Zm9v\n'],
    ['url alphabet in standard text', 'ab-_'],
    ['impossible length', 'Zm9vY'],
    ['non-ASCII', 'Zm9é'],
  ])('rejects standard base64 with %s', (_, text) => {
    expect(fromBase64(text)).toBeUndefined();
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet', 'ab+/'],
    ['non-zero spare bits', 'Zh'],
    ['impossible length', 'Zm9vY'],
  ])('rejects base64url with %s', (_, text) => {
    expect(fromBase64Url(text)).toBeUndefined();
  });
});
