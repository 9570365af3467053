import { native } from '#native';
import { TAG_BYTES, type ChunkCipher, type EnvelopeBackend, type SyncChunkCipher } from './backend.js';
import { nobleCipher } from './backend-noble.js';
import { nodeCipher } from './backend-node.js';
import { subtle, webCryptoCipher } from './backend-webcrypto.js';
import { ENDS_EARLY, EnvelopeError } from './errors.js';
import { checkMax, chunkCount, ENVELOPE_LIMITS } from './limits.js';
import { Pipeline } from './pipeline.js';

export { TAG_BYTES } from './backend.js';
/** Most chunks in flight at once on the asynchronous path: enough to keep WebCrypto's threads busy. */
const MAX_IN_FLIGHT = 16;
/** Most plaintext bytes in flight at once (fewer chunks when chunks are large; never fewer than 2). */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/**
 * The STREAM nonce of chunk `counter`: an 11-byte big-endian counter followed by a flag byte,
 * 0x01 on the final chunk and 0x00 on every other. Counters stop at 2^32 chunks.
 */
function chunkNonce(counter: number, last: boolean): Uint8Array {
  checkMax(counter + 1, ENVELOPE_LIMITS.maxChunks, 'chunk count');
  const nonce = new Uint8Array(12);
  for (let i = 10, v = counter; i >= 0 && v > 0; i--, v = Math.floor(v / 256)) nonce[i] = v & 0xff;
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Chunks kept in flight for a chunk size: up to 16, within about 4 MiB, at least 2. */
export function inFlight(chunkSize: number): number {
  return Math.min(MAX_IN_FLIGHT, Math.max(2, Math.floor(IN_FLIGHT_BYTES / chunkSize)));
}

/**
 * The payload cipher for `backend`. By default: `node:crypto` where the runtime has it (Node.js,
 * Deno, Bun); otherwise WebCrypto wherever `crypto.subtle` exists (browsers: faster than
 * @noble/ciphers for a whole seal and open from 256 bytes up, measured in Chromium), and
 * @noble/ciphers without it.
 */
export async function selectCipher(
  key: Uint8Array,
  backend: EnvelopeBackend | undefined,
): Promise<ChunkCipher> {
  const requested: string | undefined = backend;
  if (requested !== undefined && requested !== 'node' && requested !== 'webcrypto' && requested !== 'noble') {
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', `unknown backend ${requested}`);
  }
  const aesGcm = backend === undefined || backend === 'node' ? native.aesGcm?.get() : undefined;
  if (aesGcm !== undefined) return nodeCipher(aesGcm, key);
  if (backend === 'node') {
    throw new EnvelopeError(
      'ERR_ENVELOPE_BACKEND_UNAVAILABLE',
      'node:crypto AES-256-GCM is not available in this runtime; use the webcrypto or noble backend',
    );
  }
  const api = subtle();
  if (backend === 'noble' || (backend === undefined && api === undefined)) return nobleCipher(key);
  if (api === undefined) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_BACKEND_UNAVAILABLE',
      'crypto.subtle is not available in this runtime; use the noble backend',
    );
  }
  return webCryptoCipher(api, key);
}

/** The synchronous payload cipher: `node:crypto` where the runtime has it, @noble/ciphers otherwise. */
export function selectSyncCipher(key: Uint8Array): SyncChunkCipher {
  const aesGcm = native.aesGcm?.get();
  return aesGcm === undefined ? nobleCipher(key) : nodeCipher(aesGcm, key);
}

/** True for a cipher that works synchronously, so whole messages skip the pipeline. */
function isSync(cipher: ChunkCipher): cipher is ChunkCipher & SyncChunkCipher {
  return 'encryptInto' in cipher;
}

/** Size of the sealed payload for a plaintext of `length` bytes. */
export function sealedPayloadLength(length: number, chunkSize: number): number {
  return length + TAG_BYTES * chunkCount(length, chunkSize);
}

/**
 * Runs `job(0 … count-1)` through a {@link Pipeline}, writing each result right after the
 * previous one into `out` from `offset`. Stops at the first failure, writing nothing after it.
 */
async function pipelined(
  count: number,
  chunkSize: number,
  job: (index: number) => Promise<Uint8Array>,
  out: Uint8Array,
  offset: number,
): Promise<void> {
  let at = offset;
  const pipeline = new Pipeline<Uint8Array>(inFlight(chunkSize), (bytes) => {
    out.set(bytes, at);
    at += bytes.length;
  });
  for (let i = 0; i < count; i++) {
    // No await while there is room: `seal` returns here with the first `limit` chunks started,
    // and wraps the stanzas while they run.
    const full = pipeline.add(job(i));
    if (full !== undefined) await full;
  }
  await pipeline.drain();
}

/** Encrypts STREAM chunk number `counter` (`last` on the final chunk). */
export function sealChunk(
  cipher: ChunkCipher,
  counter: number,
  last: boolean,
  chunk: Uint8Array,
): Promise<Uint8Array> {
  return cipher.encrypt(chunkNonce(counter, last), chunk);
}

/**
 * Encrypts a whole message's `plaintext` as STREAM chunks into `out` at `offset`: in one
 * synchronous pass for a synchronous cipher, otherwise with chunks in flight in parallel.
 */
export async function sealPayload(
  cipher: ChunkCipher,
  plaintext: Uint8Array,
  chunkSize: number,
  out: Uint8Array,
  offset: number,
): Promise<void> {
  if (isSync(cipher)) {
    sealPayloadSync(cipher, plaintext, chunkSize, out, offset);
    return;
  }
  const count = chunkCount(plaintext.length, chunkSize);
  await pipelined(
    count,
    chunkSize,
    (i) => sealChunk(cipher, i, i === count - 1, plaintext.subarray(i * chunkSize, (i + 1) * chunkSize)),
    out,
    offset,
  );
}

/** Synchronous {@link sealPayload} for a whole message. */
export function sealPayloadSync(
  cipher: SyncChunkCipher,
  plaintext: Uint8Array,
  chunkSize: number,
  out: Uint8Array,
  offset: number,
): void {
  const count = chunkCount(plaintext.length, chunkSize);
  for (let i = 0; i < count; i++) {
    const chunk = plaintext.subarray(i * chunkSize, (i + 1) * chunkSize);
    cipher.encryptInto(chunkNonce(i, i === count - 1), chunk, out, offset + i * (chunkSize + TAG_BYTES));
  }
}

/**
 * How a sealed payload of `length` bytes ending with the final chunk splits into chunks
 * (`before` chunks already came earlier, as in a stream); rejects impossible lengths before
 * any decryption. Only a payload's very first chunk may be an empty final chunk.
 */
export function payloadLayout(
  length: number,
  chunkSize: number,
  before = 0,
): { count: number; plaintextLength: number } {
  const sealedChunk = chunkSize + TAG_BYTES;
  const count = Math.max(1, Math.ceil(length / sealedChunk));
  checkMax(before + count, ENVELOPE_LIMITS.maxChunks, 'chunk count');
  const lastLength = length - (count - 1) * sealedChunk;
  if (lastLength < TAG_BYTES || (before + count > 1 && lastLength === TAG_BYTES)) {
    throw new EnvelopeError('ERR_ENVELOPE_TRUNCATED', `${ENDS_EARLY} (the payload ends inside a chunk)`);
  }
  return { count, plaintextLength: length - count * TAG_BYTES };
}

/**
 * The error for a chunk that failed to authenticate. A failing last chunk is reported as
 * truncation: a cut inside a chunk and damage to the last chunk cannot be told apart, and a cut
 * is what users meet (a partial download or copy); a failing chunk with more after it was changed.
 */
function chunkFailure(index: number, last: boolean): EnvelopeError {
  return last
    ? new EnvelopeError(
        'ERR_ENVELOPE_TRUNCATED',
        `${ENDS_EARLY} (its last chunk, ${index + 1}, is incomplete)`,
      )
    : new EnvelopeError('ERR_ENVELOPE_AUTH', `payload chunk ${index + 1} failed authentication`);
}

/** Decrypts STREAM chunk number `counter`; resolves only with authenticated plaintext. */
export async function openChunk(
  cipher: ChunkCipher,
  counter: number,
  last: boolean,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  const plain = await cipher.decrypt(chunkNonce(counter, last), sealed);
  if (plain !== undefined) return plain;
  throw chunkFailure(counter, last);
}

/**
 * Decrypts a whole message's sealed payload (in one pass, or chunks in flight in parallel for
 * an asynchronous cipher); no plaintext is
 * returned unless every chunk verifies and the last one is the final chunk.
 */
export async function openPayload(
  cipher: ChunkCipher,
  payload: Uint8Array,
  chunkSize: number,
): Promise<Uint8Array> {
  if (isSync(cipher)) return openPayloadSync(cipher, payload, chunkSize);
  const { count, plaintextLength } = payloadLayout(payload.length, chunkSize);
  const sealedChunk = chunkSize + TAG_BYTES;
  const out = new Uint8Array(plaintextLength);
  await pipelined(
    count,
    chunkSize,
    (i) => openChunk(cipher, i, i === count - 1, payload.subarray(i * sealedChunk, (i + 1) * sealedChunk)),
    out,
    0,
  );
  return out;
}

/** Decrypts STREAM chunk number `counter` synchronously; returns only authenticated plaintext. */
function openChunkSync(
  cipher: SyncChunkCipher,
  counter: number,
  last: boolean,
  sealed: Uint8Array,
): Uint8Array {
  const plain = cipher.decryptSync(chunkNonce(counter, last), sealed);
  if (plain === undefined) throw chunkFailure(counter, last);
  return plain;
}

/**
 * Synchronous {@link openPayload}. A one-chunk payload's plaintext is returned as the cipher
 * gave it, without a second buffer.
 */
export function openPayloadSync(cipher: SyncChunkCipher, payload: Uint8Array, chunkSize: number): Uint8Array {
  const { count, plaintextLength } = payloadLayout(payload.length, chunkSize);
  if (count === 1) return openChunkSync(cipher, 0, true, payload);
  const out = new Uint8Array(plaintextLength);
  const sealedChunk = chunkSize + TAG_BYTES;
  for (let i = 0; i < count; i++) {
    const sealed = payload.subarray(i * sealedChunk, Math.min(payload.length, (i + 1) * sealedChunk));
    out.set(openChunkSync(cipher, i, i === count - 1, sealed), i * chunkSize);
  }
  return out;
}
