import type { ChunkCipher } from './backend.js';
import { ByteQueue } from './byte-queue.js';
import { ENDS_EARLY, EnvelopeError } from './errors.js';
import { PREAMBLE_BYTES, readPreamble, type Header } from './header.js';
import type { Keyring } from './keyring.js';
import {
  bytesArgument,
  messageHeader,
  newMessage,
  openHeader,
  openLimits,
  type Recipients,
} from './message.js';
import type { AsyncOpenOptions } from './open.js';
import { inFlight, openChunk, payloadLayout, sealChunk, selectCipher, TAG_BYTES } from './payload.js';
import { Pipeline } from './pipeline.js';
import type { AsyncSealOptions } from './seal.js';
import {
  footerCheck,
  newDigest,
  signaturePolicy,
  signDigestAsync,
  verifyFooterAsync,
  type FooterCheck,
  type MessageDigest,
} from './signature.js';
import type { EnvelopeSigner } from './signer.js';
import { runAsync } from './steps.js';

/** Where a stage's output goes: a `TransformStream` controller, or a buffer. */
export interface Sink {
  enqueue(bytes: Uint8Array): void;
}

/** The three steps of a byte-stream transform, with the output passed in (so stages compose). */
export interface Stage {
  start(out: Sink): Promise<void>;
  write(chunk: Uint8Array, out: Sink): Promise<void>;
  end(out: Sink): Promise<void>;
}

/** A `TransformStream` running a stage. */
export function stageStream(stage: Stage): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    start: (controller) => stage.start(controller),
    transform: (chunk, controller) => stage.write(chunk, controller),
    flush: (controller) => stage.end(controller),
  });
}

/**
 * The sealing stage: the header first, then each chunk once a byte after it has arrived, and
 * for a signed message the signature of the running digest at the end.
 */
export function sealingStage(recipients: Recipients, options: AsyncSealOptions): Stage {
  const message = newMessage(recipients, options);
  const { chunkSize, signer } = message;
  let digest: MessageDigest | undefined;
  const queue = new ByteQueue();
  let cipher: ChunkCipher;
  let pipeline: Pipeline<Uint8Array>;
  let counter = 0;
  return {
    async start(out) {
      // Wrapping may call an external layer: its errors come out of the stream.
      const header = await runAsync(messageHeader(message));
      digest = signer === undefined ? undefined : newDigest().update(header);
      out.enqueue(header);
      pipeline = new Pipeline(inFlight(chunkSize), (sealed) => {
        digest?.update(sealed);
        out.enqueue(sealed);
      });
      cipher = await selectCipher(message.keys.payloadKey, options.backend);
    },
    async write(chunk) {
      queue.push(bytesArgument(chunk, 'stream chunk'));
      // A chunk is sealed once a byte after it has arrived: only then is it surely not the last.
      while (queue.length > chunkSize) {
        await pipeline.add(sealChunk(cipher, counter++, false, queue.take(chunkSize)));
      }
    },
    async end(out) {
      await pipeline.add(sealChunk(cipher, counter, true, queue.take(queue.length)));
      await pipeline.drain();
      if (signer !== undefined && digest !== undefined)
        out.enqueue(await signDigestAsync(digest.digest(), signer, message.random));
    },
  };
}

/**
 * A `TransformStream` that seals what is written to it: the output is byte for byte what
 * {@link seal} returns for the same input and randomness, however the input is split. Chunks
 * are encrypted as soon as they are complete, up to 16 at once (fewer for chunks above 256 KiB),
 * so memory stays bounded by the chunk size and the writes' sizes, whatever the total size. A
 * signed stream (`signer`) keeps a running SHA-512 and writes the signature after the last chunk.
 *
 * @example
 * ```ts
 * import { sealStream } from 'mamlkit/envelope';
 * await file.stream().pipeThrough(sealStream(keyring)).pipeTo(destination);
 * ```
 */
export function sealStream(
  recipients: Recipients,
  options: AsyncSealOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  return stageStream(sealingStage(recipients, options));
}

/**
 * What an opening stream learned from an envelope's header, once the header's MAC verified
 * under the keyring (and the signer passed the `trust` rules): plain data, the same facts
 * `inspect` reads from the same bytes without a key.
 */
export interface OpenedHeader {
  /** Format version: 1 unsigned, 2 signed. */
  readonly version: number;
  /** The media type given when sealing (`''` when none). */
  readonly contentType: string;
  /** Plaintext bytes per chunk. */
  readonly chunkSize: number;
  /**
   * The signer a signed envelope names: authenticated as part of the header, but its signature
   * is checked only at the end of the stream (see `signatureChecked`).
   */
  readonly signer?: EnvelopeSigner;
  /**
   * Whether the stream checks the signature against `trust` after the last chunk: when `true`,
   * a stream that ends without error was signed by `signer`. `false` for an unsigned envelope
   * and for one opened with `ignoreSignature`.
   */
  readonly signatureChecked: boolean;
}

/** Options of {@link openStream}: {@link AsyncOpenOptions} plus a hook on the authenticated header. */
export interface OpenStreamOptions extends AsyncOpenOptions {
  /**
   * Called once, after the header's MAC verified and the signature rules accepted its signer,
   * and before any plaintext leaves the stream; never for a header that fails. The stream waits
   * for a promise it returns; what it throws, or a promise it rejects with, errors the stream
   * before any plaintext.
   */
  readonly onHeader?: (header: OpenedHeader) => unknown;
}

/** The plain-data summary of an authenticated header and the footer check it was given. */
function openedHeader(header: Header, footer: FooterCheck): OpenedHeader {
  const { signer } = header;
  return {
    version: header.version,
    contentType: header.contentType,
    chunkSize: header.chunkSize,
    ...(signer === undefined ? {} : { signer: { algorithm: signer.algorithm, keyId: signer.keyId } }),
    signatureChecked: footer.key !== undefined,
  };
}

/** What opening the header gave a stream: the payload cipher, chunk size, output pipeline and footer rules. */
interface OpenedStream {
  readonly cipher: ChunkCipher;
  readonly chunkSize: number;
  readonly pipeline: Pipeline<Uint8Array>;
  readonly footer: FooterCheck;
  /** The running digest, when the signature is to be checked. */
  readonly digest?: MessageDigest;
}

/**
 * The opening stage. `onHeader` sees the authenticated header before any plaintext leaves.
 * Chunks are held back until more than a chunk and the footer have arrived, so the last
 * chunk and the signature are known at the end of input.
 */
export function openingStage(
  keyring: Keyring,
  options: AsyncOpenOptions,
  onHeader?: (header: OpenedHeader) => unknown,
): Stage {
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  const policy = signaturePolicy(options);
  const limits = openLimits(options);
  const queue = new ByteQueue();
  let headerLength = 0;
  let opened: OpenedStream | undefined;
  let counter = 0;
  async function openFirst(out: Sink): Promise<OpenedStream | undefined> {
    if (headerLength === 0 && queue.length >= PREAMBLE_BYTES)
      headerLength = readPreamble(queue.peek(PREAMBLE_BYTES)).length;
    if (headerLength === 0 || queue.length < headerLength) return undefined;
    const headerBytes = queue.take(headerLength);
    const { header, keys } = await runAsync(openHeader(headerBytes, keyring, aad, limits));
    const footer = footerCheck(header, policy);
    // The cipher first: a header is reported only for a stream that can go on to open it.
    const cipher = await selectCipher(keys.payloadKey, options.backend);
    await onHeader?.(openedHeader(header, footer));
    const digest = footer.key === undefined ? {} : { digest: newDigest().update(headerBytes) };
    return {
      cipher,
      chunkSize: header.chunkSize,
      pipeline: new Pipeline(inFlight(header.chunkSize), (plain) => {
        out.enqueue(plain);
      }),
      footer,
      ...digest,
    };
  }
  return {
    async start() {
      // Nothing to do before the header arrives.
    },
    async write(chunk, out) {
      queue.push(bytesArgument(chunk, 'stream chunk'));
      opened ??= await openFirst(out);
      if (opened === undefined) return;
      const { cipher, chunkSize, pipeline, footer, digest } = opened;
      // A chunk is opened as non-final once a byte after it and the whole footer have arrived.
      while (queue.length > chunkSize + TAG_BYTES + footer.length) {
        const sealed = queue.take(chunkSize + TAG_BYTES);
        digest?.update(sealed);
        await pipeline.add(openChunk(cipher, counter++, false, sealed));
      }
    },
    async end() {
      if (opened === undefined)
        throw new EnvelopeError('ERR_ENVELOPE_TRUNCATED', `${ENDS_EARLY} (inside its header)`);
      const { cipher, chunkSize, pipeline, footer, digest } = opened;
      const tail = Math.max(0, queue.length - footer.length);
      payloadLayout(tail, chunkSize, counter);
      const sealed = queue.take(tail);
      digest?.update(sealed);
      await pipeline.add(openChunk(cipher, counter, true, sealed));
      await pipeline.drain();
      if (digest !== undefined) await verifyFooterAsync(footer, digest.digest(), queue.take(queue.length));
    },
  };
}

/**
 * A `TransformStream` that opens an envelope as it arrives, up to 16 chunks at once (fewer for
 * chunks above 256 KiB). It emits each chunk's plaintext in order and only after that chunk
 * authenticates, and errors with `ERR_ENVELOPE_TRUNCATED` if the input ends before the final
 * chunk. Plaintext emitted before a later failure is already out: write it somewhere temporary
 * and keep it only when the stream ends without error. For a signed envelope opened with
 * `trust`, the signature is checked at the end: the stream errors (`ERR_ENVELOPE_SIGNATURE`)
 * after the last chunk if it does not verify, so until the stream has ended, nothing emitted
 * is known to come from the signer.
 *
 * `onHeader` reports the header the stream authenticated (content type, chunk size, signer and
 * whether its signature is checked), before the first plaintext: report these facts, not a
 * second read of the source, which may have changed since.
 *
 * @example
 * ```ts
 * import { openStream, type OpenedHeader } from 'mamlkit/envelope';
 * await sealed.pipeThrough(openStream(keyring)).pipeTo(temporaryFile);
 * // Who signed what was opened: the stream's own header, checked against `trust` at its end.
 * let opened: OpenedHeader | undefined;
 * await signed.pipeThrough(openStream(keyring, { trust, onHeader: (h) => (opened = h) })).pipeTo(out);
 * console.log(opened?.signer?.keyId, opened?.signatureChecked); // '…', true
 * ```
 */
export function openStream(
  keyring: Keyring,
  options: OpenStreamOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const { onHeader } = options;
  if (onHeader !== undefined && typeof onHeader !== 'function')
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'onHeader must be a function');
  return stageStream(openingStage(keyring, options, onHeader));
}
