/**
 * Random access to the bytes of a payload without decoding all of it: header readers ask for a
 * handful of bytes at known offsets, so a 20 MB base64 image costs a few dozen lookups.
 */
export interface ByteSource {
  /** Number of bytes in the payload. */
  readonly length: number;
  /** The byte at `index`, or -1 when `index` is out of range or the encoding is broken there. */
  at(index: number): number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Char code → 6-bit value, -1 for characters outside the standard base64 alphabet. */
const DECODE = /* @__PURE__ */ (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (DECODE[code] as number) : -1;
}

/** A byte array as a {@link ByteSource}. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { length: bytes.length, at: (i) => (i >= 0 && i < bytes.length ? (bytes[i] as number) : -1) };
}

/**
 * Standard padded base64 (RFC 4648 §4, no line breaks: what the providers accept) as a
 * {@link ByteSource} that decodes only the 4-character group holding the byte asked for.
 * Returns `undefined` when the length is not a multiple of 4 or the padding is malformed; a
 * character outside the alphabet makes the bytes of its group read as -1.
 */
export function base64Source(text: string): ByteSource | undefined {
  if (text.length % 4 !== 0) return undefined;
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const length = (text.length / 4) * 3 - padding;
  return {
    length,
    at(index) {
      if (!(index >= 0 && index < length)) return -1;
      const group = Math.floor(index / 3) * 4;
      const shift = 16 - (index % 3) * 8;
      let value = 0;
      for (let k = 0; k < 4; k++) {
        const s = group + k < text.length - padding ? sextet(text, group + k) : 0;
        if (s < 0) return -1;
        value = (value << 6) | s;
      }
      return (value >> shift) & 0xff;
    },
  };
}
