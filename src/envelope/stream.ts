import type { ChunkCipher } from './backend.js';
import { ByteQueue } from './byte-queue.js';
import { EnvelopeError } from './errors.js';
import { PREAMBLE_BYTES, readPreamble } from './header.js';
import type { Keyring } from './keyring.js';
import { bytesArgument, messageHeader, newMessage, openHeader, type Recipients } from './message.js';
import type { AsyncOpenOptions } from './open.js';
import { openPayload, sealPayload, selectCipher, TAG_BYTES } from './payload.js';
import type { AsyncSealOptions } from './seal.js';

/** Most plaintext bytes processed (and held) per batch: bounds memory whatever the writes' sizes. */
const BATCH_BYTES = 16 * 1024 * 1024;

/** Whole units of `unit` bytes that are surely not the last: at least one more byte follows them. */
function settledUnits(queue: ByteQueue, unit: number): number {
  return Math.min(Math.floor((queue.length - 1) / unit), Math.max(1, Math.floor(BATCH_BYTES / unit)));
}

/**
 * A `TransformStream` that seals what is written to it: the output is byte for byte what
 * {@link seal} returns for the same input and randomness, however the input is split. Memory
 * stays bounded by the chunk size and a 16 MiB batch, whatever the total size.
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
  const header = messageHeader(message);
  const queue = new ByteQueue();
  let cipher: ChunkCipher | undefined;
  let counter = 0;
  const encrypt = async (plaintext: Uint8Array, final: boolean): Promise<Uint8Array> => {
    cipher ??= await selectCipher(message.keys.payloadKey, options.backend, Infinity);
    const count = final ? 1 : plaintext.length / chunkSize;
    const out = new Uint8Array(plaintext.length + count * TAG_BYTES);
    await sealPayload(cipher, plaintext, chunkSize, out, 0, counter, final);
    counter += count;
    return out;
  };
  return new TransformStream({
    start(controller) {
      controller.enqueue(header);
    },
    async transform(chunk, controller) {
      queue.push(bytesArgument(chunk, 'stream chunk'));
      for (let n = settledUnits(queue, chunkSize); n > 0; n = settledUnits(queue, chunkSize)) {
        controller.enqueue(await encrypt(queue.take(n * chunkSize), false));
      }
    },
    async flush(controller) {
      controller.enqueue(await encrypt(queue.take(queue.length), true));
    },
  });
}

/**
 * A `TransformStream` that opens an envelope as it arrives. It emits a chunk's plaintext only
 * after that chunk authenticates, and errors with `ERR_ENVELOPE_TRUNCATED` if the input ends
 * before the final chunk. Plaintext emitted before a later failure is already out: write it
 * somewhere temporary and keep it only when the stream ends without error.
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
  const queue = new ByteQueue();
  let headerLength = 0;
  let opened: { cipher: ChunkCipher; chunkSize: number } | undefined;
  let counter = 0;
  return new TransformStream({
    async transform(chunk, controller) {
      queue.push(bytesArgument(chunk, 'stream chunk'));
      if (opened === undefined) {
        if (headerLength === 0 && queue.length >= PREAMBLE_BYTES)
          headerLength = readPreamble(queue.peek(PREAMBLE_BYTES));
        if (headerLength === 0 || queue.length < headerLength) return;
      }
      opened ??= await openFromHeader(queue.take(headerLength), keyring, aad, options);
      const { cipher, chunkSize } = opened;
      const sealedChunk = chunkSize + TAG_BYTES;
      for (let n = settledUnits(queue, sealedChunk); n > 0; n = settledUnits(queue, sealedChunk)) {
        controller.enqueue(await openPayload(cipher, queue.take(n * sealedChunk), chunkSize, counter, false));
        counter += n;
      }
    },
    async flush(controller) {
      if (opened === undefined)
        throw new EnvelopeError('ERR_ENVELOPE_TRUNCATED', 'the stream ended inside the envelope header');
      controller.enqueue(
        await openPayload(opened.cipher, queue.take(queue.length), opened.chunkSize, counter, true),
      );
    },
  });
}

async function openFromHeader(
  headerBytes: Uint8Array,
  keyring: Keyring,
  aad: Uint8Array,
  options: AsyncOpenOptions,
): Promise<{ cipher: ChunkCipher; chunkSize: number }> {
  const { header, keys } = openHeader(headerBytes, keyring, aad);
  return {
    cipher: await selectCipher(keys.payloadKey, options.backend, Infinity),
    chunkSize: header.chunkSize,
  };
}
