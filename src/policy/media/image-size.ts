import { base64Source, bytesSource, type ByteSource } from './byte-source.js';

/** Image formats whose dimensions {@link readImageSize} reads. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** Dimensions read from an image header. */
export interface ImageSize {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

/**
 * JPEG marker segments {@link readImageSize} walks before giving up on finding the frame header.
 *
 * @example
 * ```ts
 * import { MAX_JPEG_SEGMENTS } from 'mamlkit/policy';
 * MAX_JPEG_SEGMENTS; // 1024
 * ```
 */
export const MAX_JPEG_SEGMENTS = 1024;

function u16be(src: ByteSource, i: number): number {
  const a = src.at(i);
  const b = src.at(i + 1);
  return a < 0 || b < 0 ? -1 : (a << 8) | b;
}

function u16le(src: ByteSource, i: number): number {
  const a = src.at(i);
  const b = src.at(i + 1);
  return a < 0 || b < 0 ? -1 : a | (b << 8);
}

function u24le(src: ByteSource, i: number): number {
  const lo = u16le(src, i);
  const hi = src.at(i + 2);
  return lo < 0 || hi < 0 ? -1 : lo | (hi << 16);
}

function u32be(src: ByteSource, i: number): number {
  const hi = u16be(src, i);
  const lo = u16be(src, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 0x10000 + lo;
}

function matches(src: ByteSource, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (src.at(at + i) !== ascii.charCodeAt(i)) return false;
  return true;
}

function size(format: ImageFormat, width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { format, width, height } : undefined;
}

/** PNG: the IHDR chunk must come first (ISO/IEC 15948 §5.6). */
function png(src: ByteSource): ImageSize | undefined {
  if (!matches(src, 12, 'IHDR')) return undefined;
  return size('png', u32be(src, 16), u32be(src, 20));
}

/** GIF: the logical screen descriptor right after the 6-byte signature. */
function gif(src: ByteSource): ImageSize | undefined {
  return size('gif', u16le(src, 6), u16le(src, 8));
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size). */
function webp(src: ByteSource): ImageSize | undefined {
  if (matches(src, 12, 'VP8 ')) {
    if (src.at(23) !== 0x9d || src.at(24) !== 0x01 || src.at(25) !== 0x2a) return undefined;
    const w = u16le(src, 26);
    const h = u16le(src, 28);
    return w < 0 || h < 0 ? undefined : size('webp', w & 0x3fff, h & 0x3fff);
  }
  if (matches(src, 12, 'VP8L')) {
    if (src.at(20) !== 0x2f) return undefined;
    const b = [src.at(21), src.at(22), src.at(23), src.at(24)] as const;
    if (b.some((x) => x < 0)) return undefined;
    const width = 1 + (b[0] | ((b[1] & 0x3f) << 8));
    const height = 1 + ((b[1] >> 6) | (b[2] << 2) | ((b[3] & 0x0f) << 10));
    return size('webp', width, height);
  }
  if (matches(src, 12, 'VP8X')) {
    const w = u24le(src, 24);
    const h = u24le(src, 27);
    return w < 0 || h < 0 ? undefined : size('webp', w + 1, h + 1);
  }
  return undefined;
}

/** Start-of-frame markers that carry the dimensions (all SOFn except DHT C4, JPG C8, DAC CC). */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walk the marker segments by their lengths up to the first SOFn (ITU T.81 Annex B). */
function jpeg(src: ByteSource): ImageSize | undefined {
  let pos = 2;
  for (let n = 0; n < MAX_JPEG_SEGMENTS; n++) {
    if (src.at(pos) !== 0xff) return undefined;
    let marker = src.at(pos + 1);
    // Fill bytes: any number of 0xFF may precede a marker; bounded by the segment budget.
    while (marker === 0xff && n < MAX_JPEG_SEGMENTS) {
      pos++;
      n++;
      marker = src.at(pos + 1);
    }
    if (marker < 0) return undefined;
    pos += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // standalone markers
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / scan before a frame
    const length = u16be(src, pos);
    if (length < 2) return undefined;
    if (isFrameMarker(marker)) return size('jpeg', u16be(src, pos + 5), u16be(src, pos + 3));
    pos += length;
  }
  return undefined;
}

/** {@link readImageSize} over any {@link ByteSource}. */
export function readImageSizeFrom(src: ByteSource): ImageSize | undefined {
  if (src.at(0) === 0x89 && matches(src, 1, 'PNG\r\n\u001a\n')) return png(src);
  if (src.at(0) === 0xff && src.at(1) === 0xd8) return jpeg(src);
  if (matches(src, 0, 'GIF87a') || matches(src, 0, 'GIF89a')) return gif(src);
  if (matches(src, 0, 'RIFF') && matches(src, 8, 'WEBP')) return webp(src);
  return undefined;
}

/**
 * Reads the format and pixel dimensions from the header of a PNG, JPEG, GIF or WebP image
 * (bytes, or a standard base64 string) without decoding it. It reads a few bytes at fixed
 * offsets (JPEG: walks at most {@link MAX_JPEG_SEGMENTS} marker segments by their lengths), so
 * its cost does not depend on the image size; an unknown format, truncated or broken data or a
 * zero dimension gives `undefined`, never an exception.
 *
 * @example
 * ```ts
 * import { readImageSize } from 'mamlkit/policy';
 * readImageSize(pngBytes); // { format: 'png', width: 1920, height: 1080 }
 * readImageSize('R0lGODlhAQABAAAAACw='); // { format: 'gif', width: 1, height: 1 }
 * readImageSize(new Uint8Array([1, 2, 3])); // undefined
 * ```
 */
export function readImageSize(image: Uint8Array | string): ImageSize | undefined {
  const src = typeof image === 'string' ? base64Source(image) : bytesSource(image);
  return src === undefined ? undefined : readImageSizeFrom(src);
}
