import { createTrustStore, signMaml, verifyMaml, type SigningAlgorithm } from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT, twoKibMaml } from './fixtures.js';

/** A signed document of 2 KiB plus its Signatures section, as UTF-8 bytes, and a verifier for variants. */
export interface TamperTarget {
  readonly bytes: Uint8Array;
  /** Where the Signatures section starts (the bytes before it are the signed content). */
  readonly contentEnd: number;
  readonly verifies: (bytes: Uint8Array) => boolean;
}

/** Signs {@link twoKibMaml} with a fixed key of `algorithm`. */
export function tamperTarget(algorithm: SigningAlgorithm): TamperTarget {
  const pair = fixedKeyPair(algorithm, 9);
  const source = twoKibMaml();
  const signed = signMaml(source, pair.secretKey, { created: SIGNED_AT });
  const trust = createTrustStore([pair.publicKey]);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return {
    bytes: encoder.encode(signed),
    contentEnd: encoder.encode(source).length,
    verifies: (bytes) => verifyMaml(decoder.decode(bytes), trust).valid,
  };
}

/**
 * Flips the lowest bit of the byte at each offset in `offsets`, one at a time, and returns the
 * offsets where the changed document still verifies. A line feed becomes a vertical tab
 * (0x0b), which joins two lines. The one change the format ignores by design, LF ↔ CRLF, is
 * not a single-byte change.
 */
export function survivors(target: TamperTarget, offsets: Iterable<number>): number[] {
  const out: number[] = [];
  for (const i of offsets) {
    const bytes = target.bytes.slice();
    bytes[i] = (bytes[i] ?? 0) ^ 0x01;
    if (target.verifies(bytes)) out.push(i);
  }
  return out;
}

/** The offsets of the `part`-th of `parts` equal slices of the target. */
export function slice(target: TamperTarget, part: number, parts: number): number[] {
  const from = Math.floor((target.bytes.length * part) / parts);
  const to = Math.floor((target.bytes.length * (part + 1)) / parts);
  return Array.from({ length: to - from }, (_, k) => from + k);
}
