import { gcm } from '@noble/ciphers/aes.js';
import { withAsync, type ChunkCipher, type SyncChunkCipher } from './backend.js';

/** AES-256-GCM chunks through @noble/ciphers: synchronous, and the fallback everywhere else. */
export function nobleCipher(key: Uint8Array): ChunkCipher & SyncChunkCipher {
  return withAsync({
    backend: 'noble',
    encryptInto: (nonce, chunk, out, offset) => {
      out.set(gcm(key, nonce).encrypt(chunk), offset);
    },
    decryptSync: (nonce, sealed) => {
      try {
        return gcm(key, nonce).decrypt(sealed);
      } catch {
        return undefined;
      }
    },
  });
}
