/**
 * The content of the multi-chunk detached vector (`detachedChunked` in vectors.json): `length`
 * bytes, byte `i` = (31 i + 7) mod 256. No Node APIs: the runtime cases use it too.
 */
export function chunkedContent(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (31 * i + 7) & 0xff);
}

/** Splits `bytes` into consecutive chunks of `size` bytes (the last one shorter). */
export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}
