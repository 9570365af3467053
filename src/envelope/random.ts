import { EnvelopeError } from './errors.js';

/** A source of random bytes: returns exactly `n` fresh bytes. Tests pass a fixed one. */
export type RandomSource = (n: number) => Uint8Array;

/** `crypto.getRandomValues`, in 64 KiB steps (its per-call maximum). */
export function systemRandom(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let offset = 0; offset < n; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(n, offset + 65536)));
  }
  return out;
}

/** Draws `n` bytes from `random` and checks that it returned exactly that many. */
export function draw(random: RandomSource, n: number): Uint8Array {
  const out = random(n);
  if (!(out instanceof Uint8Array) || out.length !== n) {
    throw new EnvelopeError(
      'ERR_INVALID_ARGUMENT',
      `random source returned the wrong number of bytes (wanted ${n})`,
    );
  }
  return out;
}
