/** Synthetic image and PDF headers for the body-preflight tests: just the bytes the readers look at. */

const ascii = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const be16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number): number[] => [...be16(Math.floor(n / 0x10000)), ...be16(n & 0xffff)];
const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number): number[] => [...le16(n & 0xffff), (n >> 16) & 0xff];

export function png(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0x89,
    ...ascii('PNG\r\n\u001a\n'),
    ...be32(13),
    ...ascii('IHDR'),
    ...be32(width),
    ...be32(height),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
}

/** A JPEG with `app` APPn segments of `appBytes` bytes each before the SOF0 frame header. */
export function jpeg(width: number, height: number, app = 1, appBytes = 16): Uint8Array {
  const segments: number[] = [];
  for (let i = 0; i < app; i++)
    segments.push(0xff, 0xe1, ...be16(appBytes + 2), ...new Array<number>(appBytes).fill(0));
  return new Uint8Array([
    0xff,
    0xd8,
    ...segments,
    0xff,
    0xc0,
    ...be16(17),
    8,
    ...be16(height),
    ...be16(width),
    3,
    0xff,
    0xd9,
  ]);
}

export function gif(width: number, height: number): Uint8Array {
  return new Uint8Array([...ascii('GIF89a'), ...le16(width), ...le16(height), 0, 0, 0]);
}

export function webpLossy(width: number, height: number): Uint8Array {
  return new Uint8Array([
    ...ascii('RIFF'),
    0,
    0,
    0,
    0,
    ...ascii('WEBP'),
    ...ascii('VP8 '),
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x9d,
    0x01,
    0x2a,
    ...le16(width),
    ...le16(height),
  ]);
}

export function webpLossless(width: number, height: number): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  return new Uint8Array([
    ...ascii('RIFF'),
    0,
    0,
    0,
    0,
    ...ascii('WEBP'),
    ...ascii('VP8L'),
    0,
    0,
    0,
    0,
    0x2f,
    w & 0xff,
    ((w >> 8) & 0x3f) | ((h & 0x03) << 6),
    (h >> 2) & 0xff,
    (h >> 10) & 0x0f,
  ]);
}

export function webpExtended(width: number, height: number): Uint8Array {
  return new Uint8Array([
    ...ascii('RIFF'),
    0,
    0,
    0,
    0,
    ...ascii('WEBP'),
    ...ascii('VP8X'),
    10,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...le24(width - 1),
    ...le24(height - 1),
  ]);
}

/** `bytes` padded with pseudo-random filler to `total` bytes (what image data looks like to a reader). */
export function padded(bytes: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(Math.max(total, bytes.length));
  out.set(bytes);
  let x = 0x12345678;
  for (let i = bytes.length; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A minimal uncompressed PDF with `pages` page objects under one page tree. */
export function pdf(pages: number): string {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = Array.from(
    { length: pages },
    (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n`,
  ).join('');
  return btoa(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj\n${objects}trailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}
