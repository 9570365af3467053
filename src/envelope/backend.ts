/**
 * Which AES-256-GCM implementation encrypts the payload chunks: `node` (`node:crypto`, in
 * Node.js, Deno and Bun), `webcrypto` (`crypto.subtle`) or `noble` (@noble/ciphers, pure
 * JavaScript). All three give the same bytes.
 */
export type EnvelopeBackend = 'node' | 'webcrypto' | 'noble';

/** AES-GCM tag length: what each chunk adds. */
export const TAG_BYTES = 16;

/** AES-256-GCM under one payload key; `decrypt` resolves `undefined` when the tag does not verify. */
export interface ChunkCipher {
  /** The implementation behind it. */
  readonly backend: EnvelopeBackend;
  readonly encrypt: (nonce: Uint8Array, chunk: Uint8Array) => Promise<Uint8Array>;
  readonly decrypt: (nonce: Uint8Array, sealed: Uint8Array) => Promise<Uint8Array | undefined>;
}

/** The synchronous form of {@link ChunkCipher} (`node:crypto` and pure JavaScript). */
export interface SyncChunkCipher {
  readonly backend: EnvelopeBackend;
  /** Encrypts `chunk`, writing ciphertext ‖ tag into `out` from `offset`. */
  readonly encryptInto: (nonce: Uint8Array, chunk: Uint8Array, out: Uint8Array, offset: number) => void;
  readonly decryptSync: (nonce: Uint8Array, sealed: Uint8Array) => Uint8Array | undefined;
}

/** The result of `run` as a promise: a throw becomes a rejection, as from an asynchronous backend. */
function settled<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(run());
  });
}

/** A synchronous cipher with the asynchronous methods added (each call settles at once). */
export function withAsync(cipher: SyncChunkCipher): ChunkCipher & SyncChunkCipher {
  return {
    ...cipher,
    encrypt: (nonce, chunk) =>
      settled(() => {
        const out = new Uint8Array(chunk.length + TAG_BYTES);
        cipher.encryptInto(nonce, chunk, out, 0);
        return out;
      }),
    decrypt: (nonce, sealed) => settled(() => cipher.decryptSync(nonce, sealed)),
  };
}
