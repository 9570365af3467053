import type { ChunkCipher } from './backend.js';
import { ByteQueue } from './byte-queue.js';
import { EnvelopeError } from './errors.js';
import { PREAMBLE_BYTES, readPreamble } from './header.js';
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
import { runAsync } from './steps.js';
import type { AsyncSealOptions } from './seal.js';

/**
 * A `TransformStream` that seals what is written to it: the output is byte for byte what
 * {@link seal} returns for the same input and randomness, however the input is split. Chunks
 * are encrypted as soon as they are complete, up to 16 at once (fewer for chunks above 256 KiB),
 * so memory stays bounded by the chunk size and the writes' sizes, whatever the total size.
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
  const message = newMessage(recipients, options);
  const { chunkSize } = message;
  const queue = new ByteQueue();
  let cipher: ChunkCipher;
  let pipeline: Pipeline<Uint8Array>;
  let counter = 0;
  return new TransformStream({
    async start(controller) {
      controller.enqueue(await runAsync(messageHeader(message)));
      pipeline = new Pipeline(inFlight(chunkSize), (sealed) => {
        controller.enqueue(sealed);
      });
      cipher = await selectCipher(message.keys.payloadKey, options.backend, Infinity);
    },
    async transform(chunk) {
      queue.push(bytesArgument(chunk, 'stream chunk'));
      // A chunk is sealed once a byte after it has arrived: only then is it surely not the last.
      while (queue.length > chunkSize) {
        await pipeline.add(sealChunk(cipher, counter++, false, queue.take(chunkSize)));
      }
    },
    async flush() {
      await pipeline.add(sealChunk(cipher, counter, true, queue.take(queue.length)));
      await pipeline.drain();
    },
  });
}

/** What opening the header gave a stream: the payload cipher, chunk size and output pipeline. */
interface OpenedStream {
  readonly cipher: ChunkCipher;
  readonly chunkSize: number;
  readonly pipeline: Pipeline<Uint8Array>;
}

/**
 * A `TransformStream` that opens an envelope as it arrives, up to 16 chunks at once (fewer for
 * chunks above 256 KiB). It emits each chunk's plaintext in order and only after that chunk
 * authenticates, and errors with `ERR_ENVELOPE_TRUNCATED` if the input ends before the final
 * chunk. Plaintext emitted before a later failure is already out: write it somewhere temporary
 * and keep it only when the stream ends without error.
 *
 * @example
 * ```ts
 * import { openStream } from 'mamlkit/envelope';
 * await sealed.pipeThrough(openStream(keyring)).pipeTo(temporaryFile);
 * ```
 */
export function openStream(
  keyring: Keyring,
  options: AsyncOpenOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  const limits = openLimits(options);
  const queue = new ByteQueue();
  let headerLength = 0;
  let opened: OpenedStream | undefined;
  let counter = 0;
  return new TransformStream({
    async transform(chunk, controller) {
      queue.push(bytesArgument(chunk, 'stream chunk'));
      if (opened === undefined) {
        if (headerLength === 0 && queue.length >= PREAMBLE_BYTES)
          headerLength = readPreamble(queue.peek(PREAMBLE_BYTES)).length;
        if (headerLength === 0 || queue.length < headerLength) return;
        const { header, keys } = await runAsync(openHeader(queue.take(headerLength), keyring, aad, limits));
        opened = {
          cipher: await selectCipher(keys.payloadKey, options.backend, Infinity),
          chunkSize: header.chunkSize,
          pipeline: new Pipeline(inFlight(header.chunkSize), (plain) => {
            controller.enqueue(plain);
          }),
        };
      }
      const { cipher, chunkSize, pipeline } = opened;
      // A chunk is opened as non-final once a byte after it has arrived.
      while (queue.length > chunkSize + TAG_BYTES) {
        await pipeline.add(openChunk(cipher, counter++, false, queue.take(chunkSize + TAG_BYTES)));
      }
    },
    async flush() {
      if (opened === undefined)
        throw new EnvelopeError('ERR_ENVELOPE_TRUNCATED', 'the stream ended inside the envelope header');
      payloadLayout(queue.length, opened.chunkSize, counter);
      await opened.pipeline.add(openChunk(opened.cipher, counter, true, queue.take(queue.length)));
      await opened.pipeline.drain();
    },
  });
}
