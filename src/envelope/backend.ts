/** Which AES-256-GCM implementation encrypts the payload chunks. */
export type EnvelopeBackend = 'webcrypto' | 'noble';

/** AES-256-GCM under one payload key; `decrypt` resolves `undefined` when the tag does not verify. */
export interface ChunkCipher {
  readonly encrypt: (nonce: Uint8Array, chunk: Uint8Array) => Promise<Uint8Array>;
  readonly decrypt: (nonce: Uint8Array, sealed: Uint8Array) => Promise<Uint8Array | undefined>;
}

/** The synchronous form of {@link ChunkCipher} (pure JavaScript only). */
export interface SyncChunkCipher {
  readonly encryptSync: (nonce: Uint8Array, chunk: Uint8Array) => Uint8Array;
  readonly decryptSync: (nonce: Uint8Array, sealed: Uint8Array) => Uint8Array | undefined;
}
