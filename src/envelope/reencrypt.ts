import type { Keyring } from './keyring.js';
import { bytesArgument, recipientList, type Recipients, type SealOptions } from './message.js';
import { parseHeader, type Header } from './header.js';
import { open, type AsyncOpenOptions } from './open.js';
import { seal, type AsyncSealOptions } from './seal.js';
import { signingKey } from './signer.js';
import { openingStage, sealingStage, stageStream, type Sink, type Stage } from './stream.js';

/** Options of {@link reencrypt} and {@link reencryptStream}. */
export interface ReencryptOptions
  extends AsyncOpenOptions, Omit<AsyncSealOptions, 'chunkSize' | 'contentType'> {
  /** A keyring that opens the envelope now. */
  readonly open: Keyring;
  /** The keyrings the new envelope is sealed for. */
  readonly to: Recipients;
  /** Plaintext bytes per chunk of the new envelope; default: the old envelope's. */
  readonly chunkSize?: number;
  /** Content type of the new envelope; default: the old envelope's. */
  readonly contentType?: string;
}

/** The seal options of the new envelope: the caller's, with the old header's chunk size and content type as defaults. */
function sealOptions(
  header: Pick<Header, 'chunkSize' | 'contentType'>,
  options: ReencryptOptions,
): AsyncSealOptions {
  return {
    ...options,
    chunkSize: options.chunkSize ?? header.chunkSize,
    contentType: options.contentType ?? header.contentType,
  } satisfies SealOptions;
}

/** Checks the new recipients and signer before the old envelope is read. */
function checkTargets(options: ReencryptOptions): void {
  recipientList(options.to);
  signingKey(options.signer);
}

/**
 * Rotation: opens the envelope (checking its signature under the same rules as {@link open})
 * and seals the plaintext again for `to` with a new data key, message nonce and payload, signed
 * by `signer` when given. Nothing of the old envelope's keys opens the result. The new
 * envelope keeps the old chunk size and content type unless given, and binds the same `aad`.
 *
 * @example
 * ```ts
 * import { generateKeyring, reencrypt } from 'mamlkit/envelope';
 * const next = generateKeyring();
 * const rotated = await reencrypt(envelope, { open: current, to: next });
 * ```
 */
export async function reencrypt(envelope: Uint8Array, options: ReencryptOptions): Promise<Uint8Array> {
  checkTargets(options);
  const header = parseHeader(bytesArgument(envelope, 'envelope'));
  const plaintext = await open(envelope, options.open, options);
  return seal(plaintext, options.to, sealOptions(header, options));
}

/**
 * {@link reencrypt} as a `TransformStream`, in constant memory: each chunk is opened and
 * sealed again as it arrives. Its output starts before the old envelope is fully checked: the
 * stream errors at the end if a later chunk or the old signature fails, so write the result to
 * a temporary file and keep it only when the stream ends without error.
 *
 * @example
 * ```ts
 * import { reencryptStream } from 'mamlkit/envelope';
 * await oldFile.stream().pipeThrough(reencryptStream({ open: current, to: next })).pipeTo(temporaryFile);
 * ```
 */
export function reencryptStream(options: ReencryptOptions): TransformStream<Uint8Array, Uint8Array> {
  checkTargets(options);
  let sealing: Stage | undefined;
  let started = false;
  const plaintext: Uint8Array[] = [];
  const buffer: Sink = {
    enqueue: (bytes) => {
      plaintext.push(bytes);
    },
  };
  const opening = openingStage(options.open, options, (header) => {
    sealing = sealingStage(options.to, sealOptions(header, options));
  });
  // Plaintext the opening stage released is sealed at once, so at most one write's worth is held.
  async function forward(out: Sink): Promise<Stage | undefined> {
    if (sealing === undefined) return undefined;
    if (!started) {
      started = true;
      await sealing.start(out);
    }
    for (let next = plaintext.shift(); next !== undefined; next = plaintext.shift())
      await sealing.write(next, out);
    return sealing;
  }
  return stageStream({
    start: () => opening.start(buffer),
    async write(chunk, out) {
      await opening.write(chunk, buffer);
      await forward(out);
    },
    async end(out) {
      await opening.end(buffer);
      await (await forward(out))?.end(out);
    },
  });
}
