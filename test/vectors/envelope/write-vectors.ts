/**
 * What the envelope vector generators share: each vector seals its plaintext with randomness
 * seeded by its name, records every draw, and the file is written as formatted JSON.
 */
import { writeFileSync } from 'node:fs';
import { armor, type RandomSource, type SealOptions } from '../../../src/envelope/index.js';
import { recordingRandom, seededRandom } from '../../envelope/helpers.js';

/** Lowercase hex of `bytes`. */
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What every vector seals. */
export interface VectorSpec {
  readonly name: string;
  readonly description: string;
  readonly plaintext: Uint8Array;
  readonly options: SealOptions;
}

/** One vector file: where it goes, its format line, and how its vectors are made. */
export interface VectorFile<S extends VectorSpec> {
  readonly file: URL;
  readonly format: string;
  /** Each vector draws from `seededRandom(`${seed}: ${name}`)`. */
  readonly seed: string;
  /** Whether the vectors record the associated data (`aad`, hex or null). */
  readonly recordsAad: boolean;
  /** The key fields of a vector, written after its description. */
  readonly keys: (spec: S) => Record<string, unknown>;
  readonly seal: (spec: S, random: RandomSource) => Uint8Array | Promise<Uint8Array>;
}

/** Seals every spec in order with its recorded randomness and writes the vectors to `target.file`. */
export async function writeVectors<S extends VectorSpec>(target: VectorFile<S>, specs: readonly S[]): Promise<void> {
  const vectors = [];
  for (const spec of specs) {
    const { random, draws } = recordingRandom(seededRandom(`${target.seed}: ${spec.name}`));
    const envelope = await target.seal(spec, random);
    const { chunkSize, contentType, aad } = spec.options;
    vectors.push({
      name: spec.name,
      description: spec.description,
      ...target.keys(spec),
      plaintext: hex(spec.plaintext),
      chunkSize: chunkSize ?? null,
      contentType: contentType ?? null,
      ...(target.recordsAad ? { aad: aad === undefined ? null : hex(aad) } : {}),
      random: draws.map(hex),
      envelope: armor(envelope),
    });
  }
  writeFileSync(target.file, `${JSON.stringify({ format: target.format, vectors }, null, 2)}\n`);
  console.log(`wrote ${vectors.length} vectors`);
}
