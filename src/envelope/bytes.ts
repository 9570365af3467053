import { EnvelopeError } from './errors.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a label or string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Concatenates byte arrays into one new array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Big-endian encoding of an unsigned integer into `size` bytes (1, 2 or 4). */
export function uint(value: number, size: 1 | 2 | 4): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

/** A bounds-checked cursor over bytes; every overrun is an `ERR_ENVELOPE_FORMAT` (or `truncated`) error. */
export class ByteReader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  /** Bytes consumed so far. */
  get position(): number {
    return this.offset;
  }

  /** Bytes not yet consumed. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** The next `length` bytes (a view, not a copy). */
  take(length: number): Uint8Array {
    if (length > this.remaining) {
      throw new EnvelopeError('ERR_ENVELOPE_FORMAT', `${this.what} ends early at byte ${this.offset}`);
    }
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** The next big-endian unsigned integer of `size` bytes. */
  uint(size: 1 | 2 | 4): number {
    let value = 0;
    for (const byte of this.take(size)) value = value * 256 + byte;
    return value;
  }
}
