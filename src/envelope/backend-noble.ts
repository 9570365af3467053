import { gcm } from '@noble/ciphers/aes.js';
import type { ChunkCipher, SyncChunkCipher } from './backend.js';

/** AES-256-GCM chunks through @noble/ciphers: synchronous, and the fallback without WebCrypto. */
export function nobleCipher(key: Uint8Array): ChunkCipher & SyncChunkCipher {
  const encryptSync = (nonce: Uint8Array, chunk: Uint8Array): Uint8Array => gcm(key, nonce).encrypt(chunk);
  const decryptSync = (nonce: Uint8Array, sealed: Uint8Array): Uint8Array | undefined => {
    try {
      return gcm(key, nonce).decrypt(sealed);
    } catch {
      return undefined;
    }
  };
  return {
    encryptSync,
    decryptSync,
    encrypt: (nonce, chunk) => Promise.resolve(encryptSync(nonce, chunk)),
    decrypt: (nonce, sealed) => Promise.resolve(decryptSync(nonce, sealed)),
  };
}
