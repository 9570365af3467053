import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Source } from '../../src/policy/media/byte-source.js';
import { readImageSize } from '../../src/policy/media/image-size.js';
import { claudeImageTokens, openaiImageTokens } from '../../src/policy/media/image-tokens.js';
import { countPdfPages } from '../../src/policy/media/pdf-pages.js';
import {
  base64,
  gif,
  jpeg,
  padded,
  pdf,
  png,
  webpExtended,
  webpLossless,
  webpLossy,
} from './media-fixtures.js';

describe('readImageSize', () => {
  it.each([
    ['png', png(1920, 1080)],
    ['jpeg', jpeg(1920, 1080, 3, 1000)],
    ['gif', gif(1920, 1080)],
    ['webp', webpLossy(1920, 1080)],
    ['webp', webpLossless(1920, 1080)],
    ['webp', webpExtended(1920, 1080)],
  ])('reads %s dimensions from bytes and from base64', (format, bytes) => {
    const expected = { format, width: 1920, height: 1080 };
    expect(readImageSize(bytes)).toEqual(expected);
    expect(readImageSize(base64(padded(bytes, bytes.length + 7)))).toEqual(expected);
  });

  it('finds a JPEG frame header after large APP segments without decoding them', () => {
    expect(readImageSize(jpeg(4000, 3000, 20, 60_000))).toEqual({
      format: 'jpeg',
      width: 4000,
      height: 3000,
    });
  });

  it('gives undefined for garbage, truncation, zero sizes and broken base64', () => {
    expect(readImageSize(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(readImageSize(png(100, 100).subarray(0, 20))).toBeUndefined();
    expect(readImageSize(png(0, 100))).toBeUndefined();
    expect(readImageSize(jpeg(100, 100).subarray(0, 10))).toBeUndefined();
    expect(readImageSize('iVBORw0KGgo')).toBeUndefined();
    expect(readImageSize('!!!!' + base64(png(10, 10)).slice(4))).toBeUndefined();
  });

  it('never throws on random bytes or random strings, and reads a JPEG marker loop in bounded steps', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        const withJpeg = new Uint8Array([0xff, 0xd8, ...bytes]);
        for (const input of [bytes, withJpeg, base64(withJpeg)]) {
          const size = readImageSize(input);
          if (size !== undefined) expect(size.width * size.height).toBeGreaterThan(0);
        }
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => void readImageSize(text)));
    expect(
      readImageSize(new Uint8Array([0xff, 0xd8, ...new Array<number>(100_000).fill(0xff)])),
    ).toBeUndefined();
  });

  it('decodes base64 lazily to the same bytes as atob', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const src = base64Source(base64(bytes));
        expect(src?.length).toBe(bytes.length);
        for (let i = -1; i <= bytes.length; i++)
          expect(src?.at(i)).toBe(i < 0 || i >= bytes.length ? -1 : bytes[i]);
      }),
    );
  });
});

describe('image token rules', () => {
  it('Claude: 28 px patches after scaling to a 2576 px long edge, capped at the native maximum', () => {
    expect(claudeImageTokens(1000, 1000)).toBe(36 * 36);
    expect(claudeImageTokens(200, 200)).toBe(8 * 8);
    expect(claudeImageTokens(8000, 8000)).toBe(4784);
    expect(claudeImageTokens(5152, 100)).toBe(92 * 2);
  });

  it('OpenAI: the larger of the tile rule and the 32 px patch rule', () => {
    expect(openaiImageTokens(1024, 1024, 'low')).toBe(1024);
    expect(openaiImageTokens(16, 16, 'low')).toBe(85);
    expect(openaiImageTokens(2048, 4096, 'high')).toBe(1536);
    expect(openaiImageTokens(512, 512, 'high')).toBe(85 + 170 * 4);
    expect(openaiImageTokens(4096, 4096, 'original')).toBe(128 * 128);
  });

  it('counts grow with the image and stay within the per-image maxima', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), (w, h) => {
        expect(claudeImageTokens(w, h)).toBeLessThanOrEqual(4784);
        // Below the native edge nothing is scaled, so a larger image never has fewer patches.
        // (Above it, scaling to 2576 px and rounding up can give a halved image one more row.)
        if (Math.max(w, h) <= 2576) {
          expect(claudeImageTokens(w, h)).toBeGreaterThanOrEqual(
            claudeImageTokens(Math.ceil(w / 2), Math.ceil(h / 2)),
          );
        }
        expect(openaiImageTokens(w, h, 'high')).toBeLessThanOrEqual(Math.max(1536, 85 + 170 * 8));
      }),
    );
  });
});

describe('countPdfPages', () => {
  it('counts the page objects and the page tree', () => {
    expect(countPdfPages(pdf(3))).toEqual({ pages: 3, complete: true });
    expect(countPdfPages(btoa('%PDF-1.7\n<< /Type /Pages /Count 40 >>\n/ObjStm'))).toEqual({
      pages: 40,
      complete: false,
    });
  });

  it('gives undefined for data that is not a PDF, broken base64 or no pages', () => {
    expect(countPdfPages(btoa('hello'))).toBeUndefined();
    expect(countPdfPages('%%%')).toBeUndefined();
    expect(countPdfPages(btoa('%PDF-1.4\n%%EOF'))).toBeUndefined();
  });
});
