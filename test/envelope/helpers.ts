import { sha256 } from '@noble/hashes/sha2.js';
import {
  EnvelopeError,
  externalLayer,
  type EnvelopeErrorCode,
  type ExternalLayerKey,
} from '../../src/envelope/index.js';
import { concat } from '../../src/envelope/bytes.js';
import type { RandomSource } from '../../src/envelope/random.js';
import type { CommonErrorCode } from '../../src/errors.js';

/**
 * Deterministic randomness for tests and vectors: call number `i` returns the first `n` bytes of
 * SHA-256(seed ‖ ":" ‖ i ‖ ":" ‖ j) for j = 0, 1, … concatenated.
 */
export function seededRandom(seed: string): RandomSource {
  let call = 0;
  const encoder = new TextEncoder();
  return (n) => {
    const out = new Uint8Array(n);
    for (let j = 0; j * 32 < n; j++) {
      out.set(sha256(encoder.encode(`${seed}:${call}:${j}`)).subarray(0, Math.min(32, n - j * 32)), j * 32);
    }
    call++;
    return out;
  };
}

/** A random source that replays recorded draws and fails on any other request. */
export function replayRandom(draws: readonly Uint8Array[]): RandomSource {
  let next = 0;
  return (n) => {
    const draw = draws[next++];
    if (draw?.length !== n) throw new Error(`unexpected random draw ${next} of ${n} bytes`);
    return draw;
  };
}

/** Wraps a source and records every draw. */
export function recordingRandom(source: RandomSource): { random: RandomSource; draws: Uint8Array[] } {
  const draws: Uint8Array[] = [];
  return {
    draws,
    random: (n) => {
      const out = source(n);
      draws.push(out);
      return out;
    },
  };
}

/** Bytes of a given length with a recognisable pattern. */
export function patterned(length: number, salt = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + salt * 7 + (i >> 8)) & 0xff;
  return out;
}

/** Runs `fn` and returns the EnvelopeError code it threw (sync or async); fails otherwise. */
export async function codeOf(fn: () => unknown): Promise<EnvelopeErrorCode | CommonErrorCode> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof EnvelopeError) return error.code;
    throw error;
  }
  throw new Error('expected an EnvelopeError, nothing was thrown');
}

/** The same, for synchronous calls. */
export function syncCodeOf(fn: () => unknown): EnvelopeErrorCode | CommonErrorCode {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvelopeError) return error.code;
    throw error;
  }
  throw new Error('expected an EnvelopeError, nothing was thrown');
}

/** Reads a whole ReadableStream of bytes into one array. */
export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return concat(parts);
}

/** A ReadableStream that yields `bytes` split at the given lengths (cycled). */
export function streamOf(
  bytes: Uint8Array,
  pieces: readonly number[] = [bytes.length || 1],
): ReadableStream<Uint8Array> {
  let offset = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      const size = Math.max(1, pieces[i++ % pieces.length] ?? 1);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** Fast byte equality for large arrays (vitest's deep equality walks element by element). */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  if (actual.length !== expected.length) return false;
  return Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(
    Buffer.from(expected.buffer, expected.byteOffset, expected.length),
  );
}

/** The fixed pad of {@link padExternal}: byte i is 0xa5 + 3i (mod 256). */
const EXTERNAL_PAD = Uint8Array.from({ length: 64 }, (_, i) => (0xa5 + 3 * i) & 0xff);

/**
 * A deterministic external layer for tests and vectors (never for real keys): the
 * encapsulation is the layer key XOR a fixed pad. `seen` records every context it was given.
 */
export function padExternal(name: string, seen: Uint8Array[] = []): ExternalLayerKey {
  const xor = (bytes: Uint8Array): Uint8Array => bytes.map((byte, i) => byte ^ (EXTERNAL_PAD[i] ?? 0));
  return externalLayer({
    name,
    wrap: (key, context) => {
      seen.push(context);
      return Promise.resolve(xor(key));
    },
    unwrap: (encapsulation, context) => {
      seen.push(context);
      return Promise.resolve(xor(encapsulation));
    },
  });
}
