import { EnvelopeError } from './errors.js';

/**
 * Hard limits of the envelope format. Parsing checks them before any key
 * decapsulation, unwrapping or decryption, so a hostile header costs almost nothing.
 *
 * @example
 * ```ts
 * import { ENVELOPE_LIMITS } from 'mamlkit/envelope';
 * console.log(ENVELOPE_LIMITS.maxLayers); // 8
 * ```
 */
export const ENVELOPE_LIMITS: {
  readonly minLayers: number;
  readonly maxLayers: number;
  readonly maxStanzas: number;
  readonly maxHeaderBytes: number;
  readonly minChunkSize: number;
  readonly maxChunkSize: number;
  readonly defaultChunkSize: number;
  readonly maxChunks: number;
  readonly maxContentTypeBytes: number;
  readonly maxArmorChars: number;
  readonly minWorkFactor: number;
  readonly defaultWorkFactor: number;
  readonly maxWorkFactor: number;
  readonly maxExternalEncapsulationBytes: number;
} = Object.freeze({
  /** Fewest layers in a keyring (and in a stanza). */
  minLayers: 1,
  /** Most layers in a keyring (and in a stanza). */
  maxLayers: 8,
  /** Most stanzas (recipient keyrings) in one header. */
  maxStanzas: 16,
  /** Largest header, in bytes, MAC included (16 stanzas of 8 ML-KEM-1024 layers fit). */
  maxHeaderBytes: 256 * 1024,
  /** Smallest plaintext chunk. */
  minChunkSize: 4 * 1024,
  /** Largest plaintext chunk. */
  maxChunkSize: 16 * 1024 * 1024,
  /** Chunk size used when the caller gives none. */
  defaultChunkSize: 64 * 1024,
  /** Most chunks in one payload (2^32). */
  maxChunks: 2 ** 32,
  /** Longest content type, in UTF-8 bytes. */
  maxContentTypeBytes: 255,
  /** Longest armored text `dearmor` accepts, in characters (64 MiB). */
  maxArmorChars: 64 * 1024 * 1024,
  /** Lowest passphrase work factor (log2 of the scrypt cost N) sealing accepts. */
  minWorkFactor: 10,
  /** Passphrase work factor sealing uses when the layer names none (scrypt N = 2^18, 256 MiB). */
  defaultWorkFactor: 18,
  /**
   * Highest passphrase work factor, and the default bound of opening (`maxWorkFactor` option):
   * scrypt N = 2^20 with r = 8 takes 1 GiB, the most a JavaScript engine reliably allocates.
   */
  maxWorkFactor: 20,
  /** Longest encapsulation an external layer's wrap callback may return. */
  maxExternalEncapsulationBytes: 4096,
});

/** Throws `ERR_LIMIT_EXCEEDED` when `value` is above `max`. */
export function checkMax(value: number, max: number, what: string): void {
  if (value > max) {
    throw new EnvelopeError('ERR_LIMIT_EXCEEDED', `${what} is ${value}, above the limit of ${max}`);
  }
}

/** Validates a layer count (1 to 8) for a keyring or stanza. */
export function checkLayerCount(
  count: number,
  code: 'ERR_ENVELOPE_FORMAT' | 'ERR_ENVELOPE_KEY_INVALID',
): void {
  checkMax(count, ENVELOPE_LIMITS.maxLayers, 'layer count');
  if (count < ENVELOPE_LIMITS.minLayers) throw new EnvelopeError(code, 'a keyring needs at least one layer');
}

/** Validates a chunk size (an integer from 4 KiB to 16 MiB). */
export function checkChunkSize(size: number, code: 'ERR_ENVELOPE_FORMAT' | 'ERR_INVALID_ARGUMENT'): void {
  if (!Number.isSafeInteger(size)) throw new EnvelopeError(code, `chunk size ${size} is not an integer`);
  checkMax(size, ENVELOPE_LIMITS.maxChunkSize, 'chunk size');
  if (size < ENVELOPE_LIMITS.minChunkSize) {
    throw new EnvelopeError(
      code,
      `chunk size ${size} is below the minimum of ${ENVELOPE_LIMITS.minChunkSize}`,
    );
  }
}

/** Number of chunks a plaintext of `length` bytes becomes (at least one; the last is never empty unless all is). */
export function chunkCount(length: number, chunkSize: number): number {
  const count = Math.max(1, Math.ceil(length / chunkSize));
  checkMax(count, ENVELOPE_LIMITS.maxChunks, 'chunk count');
  return count;
}
