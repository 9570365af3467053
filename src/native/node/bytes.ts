/**
 * A `node:crypto` result as a plain `Uint8Array`: a view of its memory when the Buffer owns
 * all of it (never a pooled slice), a copy otherwise. Callers never get a Buffer.
 *
 * @example
 * ```ts
 * const bytes = plain(cipher.update(data));
 * ```
 */
export function plain(buffer: Uint8Array): Uint8Array {
  return buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length
    ? new Uint8Array(buffer.buffer, 0, buffer.length)
    : Uint8Array.from(buffer);
}

/**
 * Bytes from hex (for known-answer constants).
 *
 * @example
 * ```ts
 * fromHex('00ff'); // Uint8Array [0, 255]
 * ```
 */
export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
