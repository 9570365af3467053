import type { NativeAesGcm } from '../native/types.js';
import { withAsync, type ChunkCipher, type SyncChunkCipher } from './backend.js';

/**
 * AES-256-GCM chunks through `node:crypto` (the `#native` capability): synchronous, native
 * speed at every size, no thread hop per chunk.
 */
export function nodeCipher(aesGcm: NativeAesGcm, key: Uint8Array): ChunkCipher & SyncChunkCipher {
  return withAsync({
    backend: 'node',
    encryptInto: (nonce, chunk, out, offset) => {
      aesGcm.sealInto(key, nonce, chunk, out, offset);
    },
    decryptSync: (nonce, sealed) => aesGcm.open(key, nonce, sealed),
  });
}
